// The statistics period: ISO dates or zoned date-times only, whole UTC days both ends included,
// the default and the limit, and what a day is when the admin is not in UTC.
import { describe, expect, it } from "vitest";
import { parseInstant, parseWindow } from "../../../worker/src/stats/stats.window";

const NOW = Date.parse("2026-11-20T15:42:00Z");
const window = (from?: string, to?: string) => {
  const r = parseWindow({ from, to }, NOW);
  if (!r.ok) throw new Error(r.error);
  return {
    from: new Date(r.value.start).toISOString(),
    to: new Date(r.value.end).toISOString(),
    days: r.value.days,
  };
};
const error = (from?: string, to?: string) => {
  const r = parseWindow({ from, to }, NOW);
  return r.ok ? null : r.error;
};

describe("parseInstant", () => {
  it("reads ISO dates as UTC days and date-times with a zone", () => {
    expect(parseInstant("2026-11-01")).toBe(Date.parse("2026-11-01T00:00:00Z"));
    expect(parseInstant("2026-11-01T09:30:00Z")).toBe(Date.parse("2026-11-01T09:30:00Z"));
    expect(parseInstant("2026-11-01T09:30:00.123Z")).toBe(Date.parse("2026-11-01T09:30:00.123Z"));
    expect(parseInstant("2026-11-01T09:30+02:00")).toBe(Date.parse("2026-11-01T07:30:00Z"));
    expect(parseInstant("2028-02-29")).toBe(Date.parse("2028-02-29T00:00:00Z"));
  });

  it("refuses what Date.parse would guess at", () => {
    for (const bad of [
      "yesterday",
      "1",
      "May 5, 2026",
      "2026-02-30", // Date.parse rolls it over into March
      "2027-02-29",
      "2026-13-01",
      "2026-11-01T24:00:00Z",
      "2026-11-01T09:30:00", // no zone: whose morning?
      "1999-12-31",
      "2200-01-01",
      "+012026-11-01",
    ]) {
      expect(parseInstant(bad), bad).toBeNull();
    }
  });
});

describe("parseWindow", () => {
  it("defaults to the 30 UTC days ending today, today included", () => {
    const w = window();
    expect(w.from).toBe("2026-10-22T00:00:00.000Z");
    expect(w.to).toBe("2026-11-21T00:00:00.000Z");
    expect(w.days).toHaveLength(30);
    expect([w.days[0], w.days.at(-1)]).toEqual(["2026-10-22", "2026-11-20"]);
  });

  it("widens to whole UTC days, so a day is the same for every admin", () => {
    // 00:30 in Oslo on 1 November is still 31 October in UTC; 23:30 in New York on 1 November is 2 November.
    const w = window("2026-11-01T00:30:00+01:00", "2026-11-01T23:30:00-05:00");
    expect(w.days).toEqual(["2026-10-31", "2026-11-01", "2026-11-02"]);
    expect(window("2026-11-01", "2026-11-01").days).toEqual(["2026-11-01"]);
    // The admin area's own request: now minus 7 days up to now.
    expect(window("2026-11-13T15:42:00.000Z", "2026-11-20T15:42:00.000Z").days).toHaveLength(8);
  });

  it("takes from alone up to now, and to alone with the 30 days before it", () => {
    expect(window("2026-11-18").days).toEqual(["2026-11-18", "2026-11-19", "2026-11-20"]);
    expect(window(undefined, "2026-01-31").days[0]).toBe("2026-01-02");
    expect(window("", "").days).toHaveLength(30);
  });

  it("allows at most 366 days, a leap year's worth", () => {
    expect(window("2028-01-01", "2028-12-31").days).toHaveLength(366);
    expect(window("2025-01-01", "2026-01-01").days).toHaveLength(366);
    expect(error("2027-12-31", "2028-12-31")).toMatch(/367 days; at most 366/);
  });

  it("says which value is wrong, and refuses a period that ends before it starts", () => {
    expect(error("yesterday")).toMatch(/^from must be an ISO date/);
    expect(error(undefined, "2026-11-01T10:00")).toMatch(/^to must be an ISO date/);
    expect(error("2026-11-02", "2026-11-01")).toBe("from must not be after to");
    expect(error("2026-11-21")).toBe("from must not be after to"); // tomorrow, with no to
  });
});
