// The Statistics tab's charts as plain geometry: bars from counts, lines over days, the
// approval rate, and axis ticks on round numbers. Pure: no DOM, no I/O; the SVG components
// only draw what these return.
import type { Stats, StatsDay } from "../../../common/admin.schema";

export const RANGES = [7, 30, 90] as const;
export type RangeDays = (typeof RANGES)[number];

/** The last `days` UTC days, today included, as dates: the Worker counts whole UTC days. */
export function rangeFor(days: RangeDays, now: Date): { from: string; to: string } {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(now.getTime() - (days - 1) * 86_400_000), to: day(now.getTime()) };
}

/** The smallest of 1, 2, 5 × 10^k at or above `n` (at least 1): a readable axis top. */
export function niceMax(n: number): number {
  if (!(n > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}

export interface Bar {
  key: string;
  value: number;
  /** 0..1 of the longest bar's scale. */
  share: number;
}

/** Largest first; zero counts are kept (a reason nobody used is still worth seeing). */
export function barsFrom(counts: Readonly<Record<string, number>>, order?: readonly string[]): Bar[] {
  const keys = order
    ? [...order, ...Object.keys(counts).filter((k) => !order.includes(k))]
    : Object.keys(counts);
  const entries = keys.map((key) => ({ key, value: Math.max(0, counts[key] ?? 0) }));
  if (!order) entries.sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
  const max = niceMax(Math.max(0, ...entries.map((e) => e.value)));
  return entries.map((e) => ({ ...e, share: e.value / max }));
}

/** The Worker's rate when it sends one, else approved / decided from the counts. */
export function approvalRate(p: Stats["proposals"]): number | null {
  if (p.approvalRate !== undefined) return p.approvalRate;
  const decided = p.approved + p.rejected;
  return decided > 0 ? p.approved / decided : null;
}

export type SeriesKey = "aiResolved" | "humanResolved" | "reopened" | "pending";

/** A day as the line chart draws it: `pending` is the AI's and people's resolves too young to count. */
export type ChartDay = StatsDay & { pending?: number };

/** The days and the lines to draw; `pending` only when the Worker says what is still pending. */
export function seriesChart(series: readonly StatsDay[]): { days: ChartDay[]; keys: SeriesKey[] } {
  const keys: SeriesKey[] = ["aiResolved", "humanResolved", "reopened"];
  if (!series.some((d) => d.aiPending !== undefined || d.humanPending !== undefined)) {
    return { days: [...series], keys };
  }
  return {
    days: series.map((d) => ({ ...d, pending: (d.aiPending ?? 0) + (d.humanPending ?? 0) })),
    keys: [...keys, "pending"],
  };
}

export interface LinePoint {
  x: number;
  y: number;
  value: number;
  date: string;
}

export interface LineChartModel {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  lines: { key: SeriesKey; d: string; points: LinePoint[] }[];
  yTicks: { y: number; value: number }[];
  xLabels: { x: number; date: string }[];
  max: number;
}

export function lineChart(
  days: readonly ChartDay[],
  keys: readonly SeriesKey[],
  width = 640,
  height = 220,
): LineChartModel {
  const plot = { left: 36, top: 12, right: width - 12, bottom: height - 28 };
  const value = (d: ChartDay, k: SeriesKey) => d[k] ?? 0;
  const max = niceMax(Math.max(0, ...days.flatMap((d) => keys.map((k) => value(d, k)))));
  const span = Math.max(1, days.length - 1);
  const x = (i: number) => plot.left + (days.length === 1 ? 0.5 : i / span) * (plot.right - plot.left);
  const y = (v: number) => plot.bottom - (v / max) * (plot.bottom - plot.top);
  const round = (n: number) => Math.round(n * 10) / 10;
  const lines = keys.map((key) => {
    const points = days.map((d, i) => ({
      x: round(x(i)),
      y: round(y(value(d, key))),
      value: value(d, key),
      date: d.date,
    }));
    const d = points.map((p, i) => `${i ? "L" : "M"}${p.x} ${p.y}`).join(" ");
    return { key, d, points };
  });
  const yTicks = [0, 0.5, 1].map((f) => ({ y: round(y(max * f)), value: max * f }));
  const every = Math.max(1, Math.ceil(days.length / 6));
  const xLabels = days
    .map((d, i) => ({ x: round(x(i)), date: d.date, i }))
    .filter((l) => l.i % every === 0 || l.i === days.length - 1)
    .map(({ x: lx, date }) => ({ x: lx, date }));
  return { width, height, plot, lines, yTicks, xLabels, max };
}

/** The take over reason codes the Worker sends, mapped to translation keys; others show as sent. */
export const TAKEOVER_REASONS: Readonly<Record<string, string>> = {
  button: "stats.reason.button",
  implicit_reply: "stats.reason.implicit",
  forced_from: "stats.reason.forced",
};

/** What Workers before the codes sent instead. */
const LEGACY_REASONS: Readonly<Record<string, string>> = {
  "take over button": "button",
  "agent replied in Zendesk": "implicit_reply",
  "forced from a colleague": "forced_from",
};

export const ATTENTION_TYPES = [
  "validation_failed",
  "approval_required",
  "escalation",
  "human_requested",
  "ai_error",
] as const;

export function minutesLabel(minutes: number): { value: number; unit: "minutes" | "hours" } {
  return minutes >= 120
    ? { value: Math.round((minutes / 60) * 10) / 10, unit: "hours" }
    : { value: Math.round(minutes), unit: "minutes" };
}

/** Every known reason (zero when unused), then any other the Worker sends. */
export function takeoverBars(s: Stats): Bar[] {
  const counts: Record<string, number> = Object.fromEntries(Object.keys(TAKEOVER_REASONS).map((k) => [k, 0]));
  for (const [reason, n] of Object.entries(s.takeovers.byReason)) {
    const code = LEGACY_REASONS[reason] ?? reason;
    counts[code] = (counts[code] ?? 0) + n;
  }
  return barsFrom(counts);
}

/** Releases, and take overs after a release when the Worker counts them. */
export function releaseBars(s: Stats): Bar[] {
  const after = s.takeovers.afterRelease;
  return after === undefined
    ? barsFrom({ releases: s.releases }, ["releases"])
    : barsFrom({ releases: s.releases, afterRelease: after }, ["releases", "afterRelease"]);
}

export function proposalBars(s: Stats): Bar[] {
  const { approved, rejected, pending } = s.proposals;
  return pending === undefined
    ? barsFrom({ approved, rejected }, ["approved", "rejected"])
    : barsFrom({ approved, rejected, pending }, ["approved", "rejected", "pending"]);
}

export const resolutionBars = (s: Stats): Bar[] =>
  barsFrom({ aiResolved: s.resolutions.aiResolved, humanResolved: s.resolutions.humanResolved }, [
    "aiResolved",
    "humanResolved",
  ]);

/** What the resolution figures leave out for now, when the Worker says so (null: it does not). */
export function notYetCounted(
  s: Stats,
): { ai: number; human: number; reopened: number; days: number } | null {
  const { aiPending, humanPending, reopened } = s.resolutions;
  if (aiPending === undefined && humanPending === undefined) return null;
  return { ai: aiPending ?? 0, human: humanPending ?? 0, reopened: reopened ?? 0, days: s.settleDays ?? 7 };
}

export const attentionBars = (s: Stats): Bar[] => barsFrom(s.attention, ATTENTION_TYPES);

export const sum = (counts: Readonly<Record<string, number>>) =>
  Object.values(counts).reduce((a, b) => a + b, 0);
