// GET /api/stats?from=&to= (ISO dates or times; default: the last 30 days).
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app";
import { HttpError } from "../http/errors";

const When = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: "custom", message: "must be an ISO date" });
      return z.NEVER;
    }
    return ms;
  });

export const statsRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const s = c.get("services");
  const q = z.object({ from: When, to: When }).safeParse(c.req.query());
  if (!q.success) throw new HttpError(400, "from and to must be ISO dates, e.g. 2026-11-01");
  const to = q.data.to ?? s.now();
  const from = q.data.from ?? to - 30 * 86_400_000;
  if (from > to) throw new HttpError(400, "from must be before to");
  return c.json(await s.stats.compute(from, to));
});
