// GET /api/stats's figures from the rows the repository reads: what became of each resolve
// (stayed solved, reopened, too young to say), the days, the take overs, how long people held
// tickets, the proposals. Pure: `now` is an argument; no I/O, no clock. The definitions are
// written out in docs/admin-area.md ("What the statistics count").
import type { Stats } from "../../../common/admin.schema";
import { DAY_MS, dayOf, type StatsWindow } from "./stats.window";

/** A resolve counts once the ticket stayed solved this long; reopened sooner, it counts as reopened. */
export const SETTLE_DAYS = 7;
const SETTLE_MS = SETTLE_DAYS * DAY_MS;

export interface ResolveRow {
  at: number;
  /** A person took the ticket over since it was opened or last reopened. */
  human: boolean;
  /** When the ticket was next reopened (null: not since). */
  reopenedAt: number | null;
}

export interface TakeoverRow {
  code: string;
  /** The ticket's previous change of hands was a release: it had been handed back to the AI. */
  afterRelease: boolean;
  n: number;
}

export interface ReleaseRow {
  /** The next change of hands after the release was a take over. */
  retaken: boolean;
  n: number;
}

/** Everything the repository reads for one window (one D1 batch). */
export interface StatsRows {
  resolves: ResolveRow[];
  takeovers: TakeoverRow[];
  releases: ReleaseRow[];
  /** Each hold that ended in the window: take over → release or resolve, in ms. */
  holds: number[];
  attention: Record<string, number>;
  proposals: { approved: number; rejected: number; pending: number };
}

export type Fate = "aiResolved" | "humanResolved" | "reopened" | "aiPending" | "humanPending";

/** What became of one resolve, judged at `now`. */
export function fateOf(r: ResolveRow, now: number): Fate {
  if (r.reopenedAt !== null && r.reopenedAt - r.at < SETTLE_MS) return "reopened";
  if (now - r.at >= SETTLE_MS) return r.human ? "humanResolved" : "aiResolved";
  return r.human ? "humanPending" : "aiPending";
}

export type FateCounts = Record<Fate, number>;
const noFates = (): FateCounts => ({
  aiResolved: 0,
  humanResolved: 0,
  reopened: 0,
  aiPending: 0,
  humanPending: 0,
});

/** One entry per day of the window, each resolve on the UTC day it was made. */
export function seriesOf(days: readonly string[], resolves: readonly ResolveRow[], now: number) {
  const byDay = new Map(days.map((d) => [d, noFates()]));
  for (const r of resolves) {
    const counts = byDay.get(dayOf(r.at));
    if (counts) counts[fateOf(r, now)] += 1;
  }
  return days.map((date) => ({ date, ...(byDay.get(date) ?? noFates()) }));
}

/** The median of sorted values: the middle one, or the mean of the two middle ones. */
export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = Math.floor(n / 2);
  return n % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The nearest-rank percentile of sorted values: the smallest value with at least `q` of all at
 * or below it, so "9 in 10 within p90" is true of the data and p90 is a time someone really took.
 */
export function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

const minutes = (ms: number) => Math.round(ms / 6_000) / 10;

export function heldOf(holds: readonly number[]): Stats["held"] {
  const sorted = holds.filter((ms) => ms >= 0).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    count: sorted.length,
    medianMinutes: minutes(median(sorted)),
    p90Minutes: minutes(nearestRank(sorted, 0.9)),
  };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function statsOf(w: StatsWindow, rows: StatsRows, now: number) {
  const series = seriesOf(w.days, rows.resolves, now);
  const resolutions = noFates();
  for (const day of series) for (const k of Object.keys(resolutions) as Fate[]) resolutions[k] += day[k];
  const byReason: Record<string, number> = {};
  let afterRelease = 0;
  for (const t of rows.takeovers) {
    byReason[t.code] = (byReason[t.code] ?? 0) + t.n;
    if (t.afterRelease) afterRelease += t.n;
  }
  const releases = rows.releases.reduce((a, r) => a + r.n, 0);
  const retaken = rows.releases.reduce((a, r) => a + (r.retaken ? r.n : 0), 0);
  const { approved, rejected, pending } = rows.proposals;
  return {
    from: new Date(w.start).toISOString(),
    to: new Date(w.end - 1).toISOString(),
    settleDays: SETTLE_DAYS,
    resolutions,
    takeovers: {
      total: Object.values(byReason).reduce((a, b) => a + b, 0),
      byReason,
      afterRelease,
      retakeoverRate: ratio(retaken, releases),
    },
    releases,
    attention: rows.attention,
    proposals: { approved, rejected, pending, approvalRate: ratio(approved, approved + rejected) },
    series,
    held: heldOf(rows.holds),
  } satisfies Stats;
}

export type StatsReport = ReturnType<typeof statsOf>;
