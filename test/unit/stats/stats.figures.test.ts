// The statistics' arithmetic: what became of a resolve after seven days, UTC days, the median
// and the nearest-rank 90th percentile of held times, and rates that are null, not 0, when
// nothing was counted.
import { describe, expect, it } from "vitest";
import {
  fateOf,
  heldOf,
  median,
  nearestRank,
  type ResolveRow,
  seriesOf,
  type StatsRows,
  statsOf,
} from "../../../worker/src/stats/stats.figures";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-20T12:00:00Z");
const ago = (days: number, hours = 0) => NOW - days * DAY - hours * 3_600_000;
const resolve = (at: number, human = false, reopenedAt: number | null = null): ResolveRow => ({
  at,
  human,
  reopenedAt,
});

describe("fateOf", () => {
  it("counts a resolve once it stayed solved 7 days, for the AI or for people", () => {
    expect(fateOf(resolve(ago(8)), NOW)).toBe("aiResolved");
    expect(fateOf(resolve(ago(7)), NOW)).toBe("aiResolved"); // exactly 7 days
    expect(fateOf(resolve(ago(8), true), NOW)).toBe("humanResolved");
  });

  it("keeps a younger resolve pending, for the AI and for people alike", () => {
    expect(fateOf(resolve(ago(2)), NOW)).toBe("aiPending");
    expect(fateOf(resolve(ago(7) + 1), NOW)).toBe("aiPending");
    expect(fateOf(resolve(ago(2), true), NOW)).toBe("humanPending");
  });

  it("counts a resolve reopened within 7 days as reopened, whoever resolved it, however old", () => {
    expect(fateOf(resolve(ago(9), false, ago(6)), NOW)).toBe("reopened");
    expect(fateOf(resolve(ago(1), true, ago(0, 2)), NOW)).toBe("reopened");
    expect(fateOf(resolve(ago(9), false, ago(2) - 1), NOW)).toBe("reopened"); // 7 days less 1 ms
    // Reopened after it had stayed solved 7 days: that resolve held.
    expect(fateOf(resolve(ago(9), false, ago(2)), NOW)).toBe("aiResolved");
  });
});

describe("seriesOf", () => {
  it("puts each resolve on its UTC day, and has an entry for every day", () => {
    const days = ["2026-11-10", "2026-11-11", "2026-11-12"];
    const rows = [
      resolve(Date.parse("2026-11-10T23:59:59.999Z")),
      resolve(Date.parse("2026-11-11T00:00:00.000Z"), true),
      resolve(Date.parse("2026-11-11T08:00:00+09:00")), // 23:00 UTC the day before
      resolve(Date.parse("2026-11-09T12:00:00Z")), // outside: ignored
    ];
    expect(seriesOf(days, rows, NOW)).toEqual([
      { date: "2026-11-10", aiResolved: 2, humanResolved: 0, reopened: 0, aiPending: 0, humanPending: 0 },
      { date: "2026-11-11", aiResolved: 0, humanResolved: 1, reopened: 0, aiPending: 0, humanPending: 0 },
      { date: "2026-11-12", aiResolved: 0, humanResolved: 0, reopened: 0, aiPending: 0, humanPending: 0 },
    ]);
  });
});

describe("median and nearestRank", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([7])).toBe(7);
    expect(median([1, 2, 9])).toBe(2);
    expect(median([1, 2, 4, 9])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it("gives a value someone really took, with at least 90% at or below it", () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    expect(nearestRank(ten, 0.9)).toBe(9);
    expect(nearestRank([...ten, 200], 0.9)).toBe(100); // 10 of 11 is the first rank with 90% at or below
    expect(nearestRank([4], 0.9)).toBe(4);
    expect(nearestRank([], 0.9)).toBeNaN();
  });

  it("reports held times in minutes, to a tenth, and nothing when nobody held a ticket", () => {
    const min = 60_000;
    expect(heldOf([60 * min, 5 * min, 30 * min, 120 * min, 45 * min, 40 * min])).toEqual({
      count: 6,
      medianMinutes: 42.5,
      p90Minutes: 120,
    });
    expect(heldOf([90_500])).toEqual({ count: 1, medianMinutes: 1.5, p90Minutes: 1.5 });
    expect(heldOf([])).toBeNull();
  });
});

describe("statsOf", () => {
  const window = { start: ago(2, 12), end: ago(-1, 12), days: ["2026-11-18", "2026-11-19", "2026-11-20"] };
  const empty: StatsRows = {
    resolves: [],
    takeovers: [],
    releases: [],
    holds: [],
    attention: {},
    proposals: { approved: 0, rejected: 0, pending: 0 },
  };

  it("adds the days up into the totals and says the period in UTC", () => {
    const s = statsOf(
      window,
      {
        ...empty,
        resolves: [resolve(ago(2)), resolve(ago(1), true), resolve(ago(1), false, ago(0))],
        takeovers: [
          { code: "button", afterRelease: false, n: 2 },
          { code: "button", afterRelease: true, n: 1 },
          { code: "implicit_reply", afterRelease: true, n: 1 },
        ],
        releases: [
          { retaken: true, n: 2 },
          { retaken: false, n: 3 },
        ],
        proposals: { approved: 3, rejected: 1, pending: 2 },
      },
      NOW,
    );
    expect(s.from).toBe("2026-11-18T00:00:00.000Z");
    expect(s.to).toBe("2026-11-20T23:59:59.999Z");
    expect(s.resolutions).toEqual({
      aiResolved: 0,
      humanResolved: 0,
      reopened: 1,
      aiPending: 1,
      humanPending: 1,
    });
    expect(s.takeovers).toEqual({
      total: 4,
      byReason: { button: 3, implicit_reply: 1 },
      afterRelease: 2,
      retakeoverRate: 0.4,
    });
    expect(s.releases).toBe(5);
    expect(s.proposals.approvalRate).toBe(0.75);
  });

  it("says null, not 0, for a rate with nothing to divide", () => {
    const s = statsOf(window, empty, NOW);
    expect(s.takeovers.retakeoverRate).toBeNull();
    expect(s.proposals.approvalRate).toBeNull();
    expect(s.held).toBeNull();
    expect(s.series).toHaveLength(3);
  });
});
