// The Statistics tab without a DOM: round axis tops, bars from counts, the approval rate, line
// geometry over days, the parts a Worker does not send yet, and the period it asks for.
import { describe, expect, it } from "vitest";
import type { Stats } from "../../../../common/admin.schema";
import { StatsController } from "../../../../app/admin/stats/stats.controller";
import {
  approvalRate,
  barsFrom,
  lineChart,
  minutesLabel,
  niceMax,
  notYetCounted,
  proposalBars,
  releaseBars,
  resolutionBars,
  seriesChart,
  takeoverBars,
} from "../../../../app/admin/stats/stats.view-model";
import { fakeApi, ok } from "./support";

const today: Stats = {
  from: "2026-10-21T12:00:00.000Z",
  to: "2026-11-20T12:00:00.000Z",
  resolutions: { aiResolved: 12, humanResolved: 4 },
  takeovers: { total: 5, byReason: { implicit_reply: 3, button: 2 } },
  releases: 2,
  attention: { escalation: 2, human_requested: 1 },
  proposals: { approved: 3, rejected: 1, pending: 2 },
};

describe("stats view model", () => {
  it("puts the axis top on 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 7, 10, 11, 180, 2001].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 200, 5000]);
  });

  it("draws bars largest first, or in a given order, against a round top", () => {
    expect(barsFrom({ a: 1, b: 4 })).toEqual([
      { key: "b", value: 4, share: 0.8 },
      { key: "a", value: 1, share: 0.2 },
    ]);
    expect(barsFrom({ b: 4 }, ["a", "b"]).map((b) => [b.key, b.value])).toEqual([
      ["a", 0],
      ["b", 4],
    ]);
  });

  it("shows every known take over reason, and counts what a Worker does not send yet as absent", () => {
    expect(takeoverBars(today).map((b) => [b.key, b.value])).toEqual([
      ["implicit_reply", 3],
      ["button", 2],
      ["forced_from", 0],
    ]);
    // A Worker from before the codes sent English sentences; an unknown code shows as sent.
    const legacy = { ...today, takeovers: { total: 4, byReason: { "take over button": 3, escalated: 1 } } };
    expect(takeoverBars(legacy).map((b) => [b.key, b.value])).toEqual([
      ["button", 3],
      ["escalated", 1],
      ["forced_from", 0],
      ["implicit_reply", 0],
    ]);
    expect(releaseBars(today).map((b) => b.key)).toEqual(["releases"]);
    expect(
      releaseBars({ ...today, takeovers: { ...today.takeovers, afterRelease: 1 } }).map((b) => b.key),
    ).toEqual(["releases", "afterRelease"]);
    expect(proposalBars(today).map((b) => b.key)).toEqual(["approved", "rejected", "pending"]);
  });

  it("takes the Worker's approval rate, else works it out from the counts", () => {
    expect(approvalRate(today.proposals)).toBe(0.75);
    expect(approvalRate({ approved: 0, rejected: 0 })).toBeNull();
    expect(approvalRate({ approved: 3, rejected: 1, approvalRate: 0.5 })).toBe(0.5);
  });

  it("lays lines out over the days, and labels at most about six of them", () => {
    const days = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, "0")}`,
      aiResolved: i % 5,
      humanResolved: 1,
      reopened: 0,
    }));
    const model = lineChart(days, ["aiResolved", "humanResolved"], 640, 220);
    expect(model.max).toBe(5);
    expect(model.lines.map((l) => l.points.length)).toEqual([30, 30]);
    const [ai] = model.lines;
    expect(ai?.points[0]).toEqual({ x: 36, y: 192, value: 0, date: "2026-11-01" });
    expect(ai?.points[4]).toMatchObject({ y: 48, value: 4 }); // 4 of an axis up to 5
    expect(ai?.d.startsWith("M36 192 L")).toBe(true);
    expect(model.xLabels.length).toBeLessThanOrEqual(7);
    expect(model.xLabels.at(-1)?.date).toBe("2026-11-30");
    expect(lineChart(days.slice(0, 1), ["reopened"]).lines[0]?.points[0]?.x).toBe(332);
  });

  it("draws what is not counted yet as its own line, and says so, when the Worker sends it", () => {
    const day = { date: "2026-11-20", aiResolved: 1, humanResolved: 0, reopened: 0 };
    expect(seriesChart([day])).toEqual({ days: [day], keys: ["aiResolved", "humanResolved", "reopened"] });
    const young = { ...day, aiPending: 2, humanPending: 1 };
    expect(seriesChart([young])).toEqual({
      days: [{ ...young, pending: 3 }],
      keys: ["aiResolved", "humanResolved", "reopened", "pending"],
    });
    expect(notYetCounted(today)).toBeNull();
    const full = {
      ...today,
      settleDays: 7,
      resolutions: { aiResolved: 12, humanResolved: 4, reopened: 2, aiPending: 3, humanPending: 1 },
    };
    expect(notYetCounted(full)).toEqual({ ai: 3, human: 1, reopened: 2, days: 7 });
    expect(resolutionBars(full).map((b) => b.key)).toEqual(["aiResolved", "humanResolved"]);
  });

  it("reads long holds in hours", () => {
    expect(minutesLabel(42.4)).toEqual({ value: 42, unit: "minutes" });
    expect(minutesLabel(150)).toEqual({ value: 2.5, unit: "hours" });
  });
});

describe("StatsController", () => {
  it("asks for the chosen number of UTC days up to today, and keeps the last answer while a new one loads", async () => {
    const asked: [string, string][] = [];
    const stats = new StatsController(
      fakeApi({
        stats: async (from, to) => {
          asked.push([from, to]);
          return ok(today);
        },
      }),
      () => new Date("2026-11-20T12:00:00.000Z"),
    );
    await stats.load();
    expect(asked[0]).toEqual(["2026-10-22", "2026-11-20"]);
    const loading = stats.setDays(7);
    expect(stats.state).toMatchObject({ phase: "loading", days: 7, stats: today });
    await loading;
    expect(asked[1]?.[0]).toBe("2026-11-14");
    await stats.setDays(7);
    expect(asked).toHaveLength(2);
  });
});
