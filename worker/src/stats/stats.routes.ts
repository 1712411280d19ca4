// GET /api/stats?from=&to= (ISO dates or times; default: the last 30 days).
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app";
import { HttpError } from "../http/errors";

/** Dates this product can have data for: a year from 2000 to 2199. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

const When = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    // ISO 8601 dates or date-times only: Date.parse also reads "1", "May 5" and years past 9999.
    const ms = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ? Date.parse(v) : Number.NaN;
    if (Number.isNaN(ms) || ms < EARLIEST || ms >= LATEST) {
      ctx.addIssue({ code: "custom", message: "must be an ISO date between 2000 and 2199" });
      return z.NEVER;
    }
    return ms;
  });

export const statsRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const s = c.get("services");
  const q = z.object({ from: When, to: When }).safeParse(c.req.query());
  if (!q.success)
    throw new HttpError(400, "from and to must be ISO dates between 2000 and 2199, e.g. 2026-11-01");
  const to = q.data.to ?? s.now();
  const from = q.data.from ?? to - 30 * 86_400_000;
  if (from > to) throw new HttpError(400, "from must be before to");
  return c.json(await s.stats.compute(from, to));
});
