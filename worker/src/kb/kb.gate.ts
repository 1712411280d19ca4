// The confidence gate: is the best-ranked entry a safe answer, or must a person look (and at which entries)?
// Pure, over a ranking (kb.rank.ts). A wrong answer costs more than an attention item: when in doubt, refuse.
import { detectLanguage, isLanguage, type Language } from "../text/language";
import { CONCEPT, type QuestionWord, type RankedCandidate, rankCandidates, stemsMatch } from "./kb.rank";
import type { KbCandidate } from "./kb.search";
import { CONTEXT_CONCEPTS } from "./kb.topics";

export interface GateParams {
  /** Share of the entry's question the message must cover (literally or by support concept). */
  minCoverage: number;
  /** How far the best must lead the runner-up, as a share of its score. */
  minMargin: number;
  /**
   * Share of the best's evidence that its strongest rival (the other entry sharing most of it) does not
   * share. Below it, both entries are about the same words of the message and answer different things:
   * refuse.
   */
  minDistinct: number;
  /**
   * Question coverage plus a third of the evidence the best has over that rival, counted in words (1:
   * one word of its question no other candidate has; about 1/3: one such word of its answer). The less
   * of an entry's question a message covers, the more words of its own the entry must explain; a lead
   * resting on one word that may be there by chance ("built" in "built-in") is not enough.
   */
  minSupport: number;
}

/**
 * The shipped thresholds: per parameter, the median of the choices made on the training folds of
 * `npm run eval:offline` (docs/offline-drafter.md). Never tuned on all the labelled data at once.
 */
export const GATE: GateParams = { minCoverage: 0.25, minMargin: 0.15, minDistinct: 0, minSupport: 0.5 };

/**
 * An entry sharing a single word or concept with the message must have more than this share of its
 * question covered (not tuned): "Can I pay with Klarna?" covers half of "Can I pay with MobilePay?".
 */
export const SINGLE_WORD_COVERAGE = 0.5;

export interface Closest {
  id: number;
  question: string;
}

export type Judgement =
  | { kind: "accept"; best: RankedCandidate; confidence: number }
  | {
      kind: "refuse";
      why: "nothing" | "other_thing" | "other_topic" | "weak" | "close" | "same_words";
      ranked: RankedCandidate[];
    };

/** `best`'s evidence that `other` does not have: as a share of all of it, and in words (see minSupport). */
export function distinctEvidence(
  best: RankedCandidate,
  other: RankedCandidate | undefined,
): { share: number; words: number } {
  let total = 0;
  let own = 0;
  for (const [f, w] of best.evidence) {
    total += w;
    own += Math.max(0, w - (other?.evidence.get(f) ?? 0));
  }
  return { share: total === 0 ? 0 : own / total, words: best.unit > 0 ? own / best.unit : 0 };
}

/**
 * Does what the message asks tell `best` from `other` by what only one of them is about? Each entry's
 * own subject words are the words of its question the other entry never says. The message separates
 * them when it covers some of `best`'s own words and none of `other`'s. (An entry with no words of its
 * own, a general case beside a specific one, is never separated: the message may be about the specific
 * case in words the entry does not know, a sideboard for "furniture".)
 */
export function separates(best: RankedCandidate, other: RankedCandidate): boolean {
  return ownWords(best, other).some((w) => w.covered) && !ownWords(other, best).some((w) => w.covered);
}

/** The subject words of `x`'s question that `y` never says (in any field, literally or by concept). */
function ownWords(x: RankedCandidate, y: RankedCandidate): QuestionWord[] {
  return x.questionWords.filter(
    (w) =>
      w.subject &&
      !w.concepts.some((c) => y.vocabulary.has(CONCEPT + c)) &&
      ![...y.vocabulary].some((v) => stemsMatch(v, w.stem, x.entry.language)),
  );
}

/**
 * Does the message tell `best` from `other`? By their own words (separates), or because it covers the
 * whole of `best`'s question and at most a third of `other`'s: "Do you ship to Portugal?" is "Which
 * countries do you ship to?", not "How long does delivery take and what does it cost?", though both
 * entries speak of delivery to EU countries.
 */
function tellsApart(best: RankedCandidate, other: RankedCandidate): boolean {
  return (
    separates(best, other) || (best.questionCoverage >= 1 - 1e-9 && other.questionCoverage <= 1 / 3 + 1e-9)
  );
}

/**
 * The ranking without general entries that a more specific one replaces: when the message names a kind
 * of product (linen curtains) that the best entry does not cover ("How do I return an item?") and
 * another entry does ("How many days do I have to return home goods and textiles?", whose answer
 * names curtains) with every word of the message the best one has (weak words such as "order" aside),
 * the general one goes: its answer may not hold for that kind. When the general entry has words of its
 * own ("print a label", "drop the parcel off"), the message asks what it answers and it stays; and when
 * the specific one has words of its own the message does not cover ("extend" in "Can I extend the
 * warranty on electronics?" for "what warranty comes with a desk lamp?"), it is no replacement.
 */
export function preferSpecific(ranked: readonly RankedCandidate[]): RankedCandidate[] {
  let pool = [...ranked];
  for (;;) {
    const [best] = pool;
    if (best === undefined || best.namedProducts === 0 || best.products.length > 0) return pool;
    const specific = pool.some(
      (r) =>
        r !== best &&
        r.score > 0 &&
        r.products.length > 0 &&
        best.subjectEvidence.size > 0 &&
        [...best.subjectEvidence].every((f) => r.evidence.has(f)) &&
        !ownWords(r, best).some((w) => !w.covered && !w.thing),
    );
    if (!specific) return pool;
    pool = pool.slice(1);
  }
}

/** Does the entry leave a topic of what the message asks unexplained (a shop or a parcel aside)? */
const leavesTopic = (r: RankedCandidate) => r.unexplainedConcepts.some((c) => !CONTEXT_CONCEPTS.has(c));

/**
 * The ranking with the first entry that explains every topic of the message moved to the top, when the
 * best leaves one unexplained and that entry is within the margin: "in transit for a week, has it gone
 * missing?" ties "Where can I track my parcel?" (which never speaks of a lost parcel) with "My tracking
 * hasn't updated for several days. Is my parcel lost?". The gate then judges it as the best.
 */
function explainingFirst(ranked: readonly RankedCandidate[], params: GateParams): RankedCandidate[] {
  const [best] = ranked;
  if (best === undefined || !leavesTopic(best)) return [...ranked];
  const near = ranked.find(
    (r) =>
      r !== best &&
      r.score >= best.score * (1 - params.minMargin) - 1e-9 &&
      !leavesTopic(r) &&
      r.otherThing === null,
  );
  return near === undefined ? [...ranked] : [near, ...ranked.filter((r) => r !== near)];
}

/** The gate over a ranking (best first). */
export function judge(ranking: readonly RankedCandidate[], params: GateParams = GATE): Judgement {
  return judgeFrom(ranking, params, 0);
}

// How many best-ranked entries that do not cover the message's question may be passed over for the next.
const PASS_OVER = 2;

function judgeFrom(ranking: readonly RankedCandidate[], params: GateParams, passed: number): Judgement {
  const all = [...ranking];
  // An entry about another thing of the kind the message names (the return window of home goods for a
  // bookcase) is no candidate: the entry about that thing, or a general one, may still answer.
  const about = ranking.filter((r) => r.otherThing?.how !== "other");
  const ranked = explainingFirst(
    preferSpecific(about.length > 0 && about[0] !== undefined && about[0].score > 0 ? about : ranking),
    params,
  );
  const [best, second] = ranked;
  if (best === undefined || best.score <= 0) return { kind: "refuse", why: "nothing", ranked: all };
  // Austria for the entry about Germany, Klarna for the one about MobilePay: a thing of the kind the
  // entry is for, and not the one it covers. No threshold can tell these from a right answer.
  if (best.otherThing !== null) return { kind: "refuse", why: "other_thing", ranked: all };
  // The message asks the entry's own question: no neighbour sharing its words can be meant instead
  // ("Where can I track my parcel?" beside "My tracking hasn't updated... Is my parcel lost?").
  if (best.echoesQuestion && !ranked.slice(1).some((r) => r.echoesQuestion))
    return { kind: "accept", best, confidence: 1 };
  // Every support topic the message asks about must be one the entry speaks of: "change the payment
  // method" is not "Can I change my order?", "drop a return off in your shop" not "pick up an order in
  // a shop"; and "how much" or "how long" must be answered by an amount or a time span.
  if (best.unexplainedConcepts.some((c) => !CONTEXT_CONCEPTS.has(c)) || best.unansweredFrames.length > 0)
    return { kind: "refuse", why: "other_topic", ranked: all };
  // A topic the entry mentions only in passing, in its answer, while the message leaves part of the
  // entry's question uncovered: "Kann ich ohne Kundenkonto etwas zurückschicken?" is not "Kann ich
  // auch ohne Kundenkonto bestellen?", though its answer speaks of returns. Nor is "still under
  // warranty" the question of an entry about being out of warranty.
  if ((best.answerOnlyConcepts.length > 0 && best.questionCoverage < 1 - 1e-9) || best.contrasted)
    return { kind: "refuse", why: "other_topic", ranked: all };
  if (best.questionCoverage < params.minCoverage - 1e-9 || !best.subjectCovered) {
    // The entry that shares most words is not about the question ("arrived" and "box" of "My item
    // arrived damaged"): the next one may be, if the message covers the whole of its question and it
    // passes every rule ("Can I return furniture?").
    if (passed < PASS_OVER) {
      const next = judgeFrom(
        ranking.filter((r) => r !== best),
        params,
        passed + 1,
      );
      if (next.kind === "accept" && next.best.questionCoverage >= 1 - 1e-9) return next;
    }
    return { kind: "refuse", why: "weak", ranked: all };
  }
  // One shared word (a place named beside it does not count unless the entry's question names places:
  // it says where, not what) is enough only for a question it mostly is: "Do you sell gift cards?" is not
  // about "Do you sell or share my personal data?", nor "How do I reset my lamp?" about "How do I reset
  // my password?"; and only when the message asks about no other support topic the entry never says:
  // "Can my invoice go to another address?" is not "Where do I find my invoice?".
  if (
    best.aboutFeatures < 2 &&
    (best.questionCoverage <= SINGLE_WORD_COVERAGE + 1e-9 || best.unexplainedConcepts.length > 0)
  )
    return { kind: "refuse", why: "weak", ranked: all };
  const margin = second === undefined || second.score <= 0 ? 1 : (best.score - second.score) / best.score;
  if (margin < params.minMargin && second !== undefined && !tellsApart(best, second))
    return { kind: "refuse", why: "close", ranked: all };
  // "The same words": the rival is whichever other entry shares most of the best's evidence (an
  // entry about parcels in general shares "parcel" with "Where can I track my parcel?").
  let distinct = 1;
  let words = 1;
  let rival: RankedCandidate | undefined;
  for (const r of ranked.slice(1)) {
    if (r.score <= 0) continue;
    const d = distinctEvidence(best, r);
    if (d.share < distinct) {
      ({ share: distinct, words } = d);
      rival = r;
    }
  }
  if (distinct < params.minDistinct && (rival === undefined || !tellsApart(best, rival)))
    return { kind: "refuse", why: "same_words", ranked: all };
  if (best.questionCoverage + words / 3 < params.minSupport - 1e-9)
    return { kind: "refuse", why: "weak", ranked: all };
  // For display and ordering only: coverage, lead and distinct evidence, in 0.5..1.
  const confidence =
    0.5 +
    0.2 * Math.min(1, best.questionCoverage) +
    0.15 * Math.min(1, margin / 0.5) +
    0.1 * distinct +
    0.05 * best.messageCoverage;
  return { kind: "accept", best, confidence: Math.min(1, Math.round(confidence * 100) / 100) };
}

/** Up to three entries that came closest, best first (entries with no shared word left out). */
export function closestEntries(ranked: readonly RankedCandidate[], max = 3): Closest[] {
  return ranked
    .filter((r) => r.score > 0)
    .slice(0, max)
    .map((r) => ({ id: r.entry.id, question: r.entry.question }));
}

export interface ConfidentMatch {
  entry: KbCandidate;
  /** 0.5..1 for an accepted match. */
  confidence: number;
}

/** The best candidate if it is a confident answer to `text` in `language` (else detected), or null. */
export function pickConfidentMatch(
  text: string,
  language: string,
  candidates: readonly KbCandidate[],
  params: GateParams = GATE,
): ConfidentMatch | null {
  const lang: Language = isLanguage(language) ? language : detectLanguage(text);
  const verdict = judge(rankCandidates(text, lang, candidates), params);
  return verdict.kind === "accept" ? { entry: verdict.best.entry, confidence: verdict.confidence } : null;
}
