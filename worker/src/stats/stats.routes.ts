// GET /api/stats?from=&to=: whole UTC days (ISO dates, or date-times with a zone; default the 30
// days ending today; at most 366), for the caller's installation. Bad input → 400 saying why.
import { Hono } from "hono";
import type { AppEnv } from "../http/app";
import { HttpError } from "../http/errors";
import { statsOf } from "./stats.figures";
import { parseWindow } from "./stats.window";

export const statsRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const s = c.get("services");
  const now = s.now();
  const window = parseWindow({ from: c.req.query("from"), to: c.req.query("to") }, now);
  if (!window.ok) throw new HttpError(400, window.error);
  return c.json(statsOf(window.value, await s.stats.rows(window.value), now));
});
