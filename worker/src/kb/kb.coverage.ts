// How much of an entry's question a message covers, word by word: literally, by support concept, or by
// naming a thing the word names; whether it covers what the question is about; the share covered.
// Pure; kb.rank.ts scores with it.
import type { TextFeatures } from "../text/features";
import { KIND, thingDistance } from "../text/things";
import { literalMatch, sharableConcepts } from "./kb.match";
import { CONTEXT_CONCEPTS, FRAME_CONCEPTS } from "./kb.topics";

// Weak words ("order", "item") count this much towards covering a question.
const WEAK_WEIGHT = 0.25;

/** A word of an entry's question, as the message covers it. */
export interface QuestionWord {
  stem: string;
  concepts: readonly string[];
  covered: boolean;
  /** Not only part of a frame ("how long", "what does it cost") and not a weak word ("order"). */
  subject: boolean;
  /** Part of a thing's name ("textiles", "Deutschland") or a word for a kind of them ("countries"). */
  thing: boolean;
}

/**
 * The entry question's content words, each with whether the message covers it: literally, by concept, or
 * by naming a thing the word names (a wider or a narrower one: a couch for "sofas", Oslo for
 * "countries"). A thing the message names covers one name in the question, the nearest ("textiles"
 * before "home goods" for a duvet cover), and only when the message also covers a word of the question
 * that names no thing: a lamp is not "What is the return window for small electronics?" unless the
 * message speaks of returning.
 */
export function questionWords(
  msg: TextFeatures,
  q: TextFeatures,
  weak: ReadonlySet<string>,
  entryStems: ReadonlySet<string>,
): QuestionWord[] {
  const msgConcepts = sharableConcepts(msg, entryStems);
  const words = q.stems.map((e): QuestionWord => {
    const concepts = q.conceptsOf.get(e) ?? [];
    return {
      stem: e,
      concepts,
      covered:
        msg.stems.some((m) => literalMatch(msg, m, q, e, entryStems, true)) ||
        concepts.some((c) => msgConcepts.includes(c)),
      subject: !weak.has(e) && !(concepts.length > 0 && concepts.every((c) => FRAME_CONCEPTS.has(c))),
      thing: q.thingWords.has(e),
    };
  });
  if (q.thingWords.size === 0 || msg.things.size === 0) return words;
  if (!words.some((w) => w.covered && w.subject && !q.thingWords.has(w.stem))) return words;
  const names = [...q.thingWords.values()].flat();
  const coveredAt = new Set<number>();
  for (const [kind, ids] of msg.things)
    for (const id of ids) {
      let nearest: { at: number; d: number } | null = null;
      for (const n of names) {
        if (n.kind !== kind) continue;
        const d = n.id === KIND ? 1_000 : thingDistance(kind, id, n.id);
        if (d !== null && (nearest === null || d < nearest.d)) nearest = { at: n.at, d };
      }
      if (nearest !== null) coveredAt.add(nearest.at);
    }
  return words.map((w) =>
    !w.covered && (q.thingWords.get(w.stem) ?? []).some((n) => coveredAt.has(n.at))
      ? { ...w, covered: true }
      : w,
  );
}

/**
 * Does the message cover what the entry's question is about? A word of context ("parcel" in "Where can
 * I track my parcel?") is not enough beside a word that is not ("track"): "Can the courier leave my
 * parcel at the door?" is not that question. A question made only of context words ("Where are your
 * showrooms and when are they open?") is covered by them.
 */
export function subjectCovered(words: readonly QuestionWord[]): boolean {
  if (words.length === 0) return true;
  const context = (w: QuestionWord) =>
    w.concepts.length > 0 && w.concepts.every((c) => CONTEXT_CONCEPTS.has(c));
  const own = words.filter((w) => !context(w));
  return (own.length > 0 ? own : words).some((w) => w.covered);
}

/** Share of the question covered, weak words ("order", "item") counting a quarter. */
export function coverage(words: readonly QuestionWord[], weak: ReadonlySet<string>): number {
  let covered = 0;
  let total = 0;
  for (const w of words) {
    const weight = weak.has(w.stem) ? WEAK_WEIGHT : 1;
    total += weight;
    if (w.covered) covered += weight;
  }
  return total === 0 ? 0 : covered / total;
}
