// How long the queue waits before retrying a job: exponential in the attempt,
// capped, and never shorter than what Zendesk asked for with Retry-After.
// (Queue attempts count from 1.)
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffSeconds } from "../../../worker/src/queue/consumer";

/** The cap: five minutes. */
const CAP = 300;

describe("backoffSeconds", () => {
  it("doubles with each attempt until the cap", () => {
    for (let attempt = 1; attempt < 30; attempt++) {
      const d = backoffSeconds(attempt, null);
      expect(backoffSeconds(attempt + 1, null)).toBe(Math.min(2 * d, CAP));
    }
  });

  it("starts short: the first retry comes within seconds", () => {
    const first = backoffSeconds(1, null);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(5);
  });

  it("reaches the 5 minute cap and stays there", () => {
    expect(backoffSeconds(20, null)).toBe(CAP);
    expect(backoffSeconds(1_000, null)).toBe(CAP);
    expect(backoffSeconds(Number.MAX_SAFE_INTEGER, null)).toBe(CAP);
  });

  it("waits at least one second, even for attempt 0 or a zero Retry-After", () => {
    expect(backoffSeconds(0, null)).toBeGreaterThanOrEqual(1);
    expect(backoffSeconds(1, 0)).toBeGreaterThanOrEqual(1);
  });

  it("honours a Retry-After longer than its own delay, rounded up to whole seconds", () => {
    expect(backoffSeconds(1, 60_000)).toBe(60);
    expect(backoffSeconds(1, 60_001)).toBe(61);
    // Zendesk's answer wins over the cap: retrying earlier would only meet another 429.
    expect(backoffSeconds(1, 900_000)).toBe(900);
  });

  it("keeps its own delay when Retry-After asks for less", () => {
    const own = backoffSeconds(6, null);
    expect(own).toBeGreaterThan(2);
    expect(backoffSeconds(6, 1_000)).toBe(own);
    expect(backoffSeconds(6, 0)).toBe(own);
  });

  it("is always a whole number of seconds, at least 1, at least the Retry-After, and capped otherwise", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: null }),
        (attempt, ms) => {
          const d = backoffSeconds(attempt, ms);
          expect(Number.isInteger(d)).toBe(true);
          expect(d).toBeGreaterThanOrEqual(1);
          expect(d).toBeGreaterThanOrEqual(backoffSeconds(attempt, null));
          if (ms !== null) expect(d * 1000).toBeGreaterThanOrEqual(ms);
          if (ms === null || ms <= CAP * 1000) expect(d).toBeLessThanOrEqual(CAP);
        },
      ),
    );
  });
});
