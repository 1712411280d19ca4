// The k-fold machinery of `npm run eval:offline`: folds are stratified, tuning never sees what it is
// not given, and the shipped thresholds are the folds' medians.
import { describe, expect, it } from "vitest";
import { assignFolds, FOLDS, medianParams, tune } from "../../eval-offline/kfold";

const items = Array.from({ length: 60 }, (_, i) => ({
  id: `c${String(i).padStart(2, "0")}`,
  language: ["en", "en", "de", "fr", "nl", "da"][i % 6] ?? "en",
  expected: { outcome: i % 3 === 0 ? "reply" : "validation_failed" },
}));

describe("assignFolds", () => {
  it("spreads every language and decision type over the folds", () => {
    const folds = assignFolds(items);
    for (const lang of ["en", "de"]) {
      const counts = Array.from({ length: FOLDS }, () => 0);
      for (const it of items.filter((x) => x.language === lang)) {
        const fold = folds.get(it.id) ?? -1;
        counts[fold] = (counts[fold] ?? 0) + 1;
      }
      expect(Math.max(...counts) - Math.min(...counts), lang).toBeLessThanOrEqual(1);
    }
  });

  it("is deterministic and independent of input order", () => {
    expect([...assignFolds([...items].reverse())].sort()).toEqual([...assignFolds(items)].sort());
  });
});

describe("tune", () => {
  it("picks thresholds that avoid a wrong reply even at the cost of a miss", () => {
    // The first item is right whatever the thresholds; the second is a wrong reply below margin 0.3.
    const data = [{ wrongBelow: 0 }, { wrongBelow: 0.3 }];
    const p = tune(data, (d, params) => (params.minMargin < d.wrongBelow ? "wrong" : "right"));
    expect(p.minMargin).toBeGreaterThanOrEqual(0.3);
  });

  it("prefers the strictest thresholds when the data cannot tell", () => {
    const p = tune([{}], () => "right");
    expect(p).toEqual({ minCoverage: 0.5, minMargin: 0.5, minDistinct: 0.5, minSupport: 0.6 });
  });
});

describe("medianParams", () => {
  it("takes each threshold's median", () => {
    const a = { minCoverage: 0.25, minMargin: 0.15, minDistinct: 0.25, minSupport: 0.45 };
    const b = { minCoverage: 0.33, minMargin: 0.2, minDistinct: 0.5, minSupport: 0.6 };
    expect(medianParams([a, a, b, a, b])).toEqual(a);
  });
});
