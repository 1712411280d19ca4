// The period GET /api/stats reports on, from the query: whole UTC days, from `from`'s day
// through `to`'s day, both included. Pure: the caller passes `now`; no I/O, no clock.
import type { Result } from "../lib/result";
import { err, ok } from "../lib/result";

export const DAY_MS = 86_400_000;
/** The longest period one answer covers, in UTC days. */
export const MAX_DAYS = 366;
/** What the period is when the query names no `from`: the 30 UTC days ending with `to`'s. */
export const DEFAULT_DAYS = 30;

/** Dates this product can have data for: 2000 up to the end of 2199. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

export interface StatsWindow {
  /** The first day's 00:00 UTC (ms). */
  start: number;
  /** The day after the last day, 00:00 UTC (ms): the window is [start, end). */
  end: number;
  /** Every UTC day of the window, `YYYY-MM-DD`, oldest first. */
  days: string[];
}

/** `YYYY-MM-DD` (a UTC day) or a date-time with a zone: `Z` or `±hh:mm`. Local times are ambiguous. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** Milliseconds of an ISO date or date-time, or null (Date.parse alone also reads "1", "May 5" and Feb 30). */
export function parseInstant(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over into March: a real day survives the round trip.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) || ms < EARLIEST || ms >= LATEST ? null : ms;
}

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const startOfDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * The window for `from` and `to` as sent (absent or empty: the default). A bad value, `from`
 * after `to`, or more than MAX_DAYS days is an error the caller answers with 400.
 */
export function parseWindow(
  query: { from?: string | undefined; to?: string | undefined },
  now: number,
): Result<StatsWindow, string> {
  const values: { from: number | null; to: number | null } = { from: null, to: null };
  for (const name of ["from", "to"] as const) {
    const v = query[name];
    if (v === undefined || v === "") continue;
    values[name] = parseInstant(v);
    if (values[name] === null) {
      return err(
        `${name} must be an ISO date (2026-11-01) or a date-time with a zone (2026-11-01T09:30:00Z) between 2000 and 2199`,
      );
    }
  }
  const to = values.to ?? now;
  if (values.from !== null && values.from > to) return err("from must not be after to");
  const end = startOfDay(to) + DAY_MS;
  const start = startOfDay(values.from ?? end - DEFAULT_DAYS * DAY_MS);
  const count = (end - start) / DAY_MS;
  if (count > MAX_DAYS) {
    return err(`the period covers ${count} days; at most ${MAX_DAYS} (UTC days, both ends included)`);
  }
  return ok({ start, end, days: Array.from({ length: count }, (_, i) => dayOf(start + i * DAY_MS)) });
}
