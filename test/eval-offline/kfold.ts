// k-fold tuning of the offline gate's thresholds (npm run eval:offline): stratified folds, a grid, the choice
// on training folds, and the rule for the shipped values. Pure: it never sees D1 or the held-out fold's labels.
import type { GateParams } from "../../worker/src/kb/kb.gate";

export const FOLDS = 5;
/** A wrong reply sent to a customer costs this many missed ones (an attention item instead). */
export const WRONG_COST = 3;

export const GRID: Readonly<Record<keyof GateParams, readonly number[]>> = {
  minCoverage: [0, 0.1, 0.2, 0.25, 0.3, 1 / 3, 0.4, 0.5],
  minMargin: [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5],
  minDistinct: [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5],
  minSupport: [0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6],
};

export interface Labelled {
  id: string;
  language: string;
  expected: { outcome: string };
}

/**
 * Fold of each item: sorted by language, expected outcome and id, then dealt round-robin, so every
 * fold gets its share of each language and decision type.
 */
export function assignFolds<T extends Labelled>(items: readonly T[], k = FOLDS): Map<string, number> {
  const sorted = [...items].sort(
    (a, b) =>
      a.language.localeCompare(b.language) ||
      a.expected.outcome.localeCompare(b.expected.outcome) ||
      a.id.localeCompare(b.id),
  );
  return new Map(sorted.map((item, i) => [item.id, i % k]));
}

export function* gridParams(): Generator<GateParams> {
  for (const minCoverage of GRID.minCoverage)
    for (const minMargin of GRID.minMargin)
      for (const minDistinct of GRID.minDistinct)
        for (const minSupport of GRID.minSupport) yield { minCoverage, minMargin, minDistinct, minSupport };
}

export type Verdict = "right" | "flagged" | "wrong";

/**
 * The thresholds that do best on `items` (right − WRONG_COST × wrong); among equals, the strictest
 * (largest sum of thresholds, then coverage, margin, distinct): when the data cannot tell, refuse more.
 */
export function tune<T>(items: readonly T[], verdict: (item: T, p: GateParams) => Verdict): GateParams {
  let best: { p: GateParams; value: number } | null = null;
  for (const p of gridParams()) {
    let value = 0;
    for (const item of items) {
      const v = verdict(item, p);
      value += v === "right" ? 1 : v === "wrong" ? -WRONG_COST : 0;
    }
    if (best === null || value > best.value || (value === best.value && stricter(p, best.p)))
      best = { p, value };
  }
  if (best === null) throw new Error("empty grid");
  return best.p;
}

function stricter(a: GateParams, b: GateParams): boolean {
  const sum = (p: GateParams) => p.minCoverage + p.minMargin + p.minDistinct + p.minSupport;
  if (sum(a) !== sum(b)) return sum(a) > sum(b);
  return (
    a.minCoverage > b.minCoverage ||
    (a.minCoverage === b.minCoverage &&
      (a.minMargin > b.minMargin ||
        (a.minMargin === b.minMargin &&
          (a.minDistinct > b.minDistinct ||
            (a.minDistinct === b.minDistinct && a.minSupport > b.minSupport)))))
  );
}

/** The shipped thresholds: per parameter, the median of the folds' choices. */
export function medianParams(choices: readonly GateParams[]): GateParams {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  };
  return {
    minCoverage: median(choices.map((c) => c.minCoverage)),
    minMargin: median(choices.map((c) => c.minMargin)),
    minDistinct: median(choices.map((c) => c.minDistinct)),
    minSupport: median(choices.map((c) => c.minSupport)),
  };
}
