// Ranking of one search's candidates and the confidence gate: is the best one a confident answer?
// Pure, over plain candidates: never queries D1, never calls the model.
import { type TextFeatures, textFeatures } from "../text/features";
import { detectLanguage, isLanguage, LANGUAGES, type Language } from "../text/language";
import { foldedWords } from "../text/normalize";
import { stem } from "../text/vocabulary";
import type { KbCandidate } from "./kb.search";

export interface ConfidentMatch {
  entry: KbCandidate;
  /** 0.5..1 for an accepted match: question coverage, lead over the runner-up, message explained. */
  confidence: number;
}

// Commerce words in almost every question ("order", "item"): they count little towards covering one.
const WEAK_SOURCE = `order orders ordered item items product products buy bought purchase
  bestellung bestellen bestellt artikel produkt kaufen gekauft
  bestelling bestellen besteld artikel product kopen gekocht
  ordre bestilling bestille bestilt vare varer produkt købe købt
  commande commander commandé article produit acheter acheté
  pedido pedir artículo producto comprar comprado`;
const WEAK: ReadonlyMap<Language, ReadonlySet<string>> = new Map(
  LANGUAGES.map((l) => [l, new Set(foldedWords(WEAK_SOURCE).map((w) => stem(w, l)))]),
);
const WEAK_WEIGHT = 0.25;

// Marks a concept among a candidate's matched stems (no stem contains it).
const CONCEPT = "§";

/**
 * Do two stems name the same thing? Equal; one a prefix of the other (4+ letters: "deliver" and
 * "delivery"); or the shorter the head of a compound (5+ letters after a 4+ letter modifier:
 * "kundenkonto" holds "konto"; "bestell" does not hold "stell", "be" is only a prefix).
 */
export function stemsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short)) return true;
  return short.length >= 5 && long.length - short.length >= 4 && long.endsWith(short);
}

const FIELD_WEIGHT = { question: 3, topics: 1.5, answer: 1 } as const;
type Field = keyof typeof FIELD_WEIGHT;
const FIELDS: readonly Field[] = ["question", "topics", "answer"];
const MIN_QUESTION_COVERAGE = 1 / 3 - 1e-9;
/** The best must lead the runner-up by a quarter of its score, else the message fits both. */
export const MIN_MARGIN = 0.25;

/**
 * A literal match between two stems, unless the message's word sits in a support phrase that the
 * entry's word does not share ("back" in "send it back" is not "back" in "money back").
 */
function literalMatch(msg: TextFeatures, m: string, entry: TextFeatures, e: string): boolean {
  if (!stemsMatch(m, e)) return false;
  const mc = msg.conceptsOf.get(m);
  if (mc === undefined) return true;
  const ec = entry.conceptsOf.get(e);
  return ec !== undefined && mc.some((c) => ec.includes(c));
}

/** The message's evidence in one field: shared concepts, then stems those concepts do not explain. */
function fieldMatches(msg: TextFeatures, field: TextFeatures): string[] {
  const concepts = msg.concepts.filter((c) => field.concepts.includes(c));
  const stems = msg.stems.filter(
    (m) =>
      !(msg.conceptsOf.get(m) ?? []).some((c) => concepts.includes(c)) &&
      field.stems.some((e) => literalMatch(msg, m, field, e)),
  );
  return [...concepts.map((c) => CONCEPT + c), ...stems];
}

export interface CandidateFeatures {
  entry: KbCandidate;
  /** Rarity-weighted evidence (question > topics > answer), scaled by question coverage. */
  score: number;
  /** Share of the entry question's content stems the message covers (literally or by concept). */
  questionCoverage: number;
  /** Share of the message's content stems the entry explains (any field). */
  messageCoverage: number;
  matched: string[];
}

// KB texts come back search after search: their features are remembered (a pure function's cache,
// bounded; it never changes a result).
const ENTRY_CACHE = new Map<string, TextFeatures>();
const ENTRY_CACHE_SIZE = 2_000;
function entryFeatures(text: string, language: Language): TextFeatures {
  const key = `${language}\u0000${text}`;
  const hit = ENTRY_CACHE.get(key);
  if (hit) return hit;
  if (ENTRY_CACHE.size >= ENTRY_CACHE_SIZE) ENTRY_CACHE.clear();
  const features = textFeatures(text, language);
  ENTRY_CACHE.set(key, features);
  return features;
}

/** Scores the candidates in the customer's language, best first (exported for diagnostics). */
export function rankCandidates(
  text: string,
  language: Language,
  candidates: readonly KbCandidate[],
): CandidateFeatures[] {
  const msg = textFeatures(text, language);
  const pool = candidates.filter((c) => c.language === language);
  const fields = pool.map(
    (c): Record<Field, TextFeatures> => ({
      question: entryFeatures(c.question, c.language),
      topics: entryFeatures(c.topics.join(" "), c.language),
      answer: entryFeatures(c.answer, c.language),
    }),
  );
  const matches = fields.map((f) => FIELDS.map((name) => new Set(fieldMatches(msg, f[name]))));
  // Rarity over the pool: every entry holding a query term is in it, up to the search limit.
  const n = Math.max(pool.length, 10);
  const df = new Map<string, number>();
  for (const perField of matches) {
    for (const f of new Set(perField.flatMap((set) => [...set]))) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const idf = (f: string) => Math.log(1 + (n - (df.get(f) ?? 0) + 0.5) / ((df.get(f) ?? 0) + 0.5));
  const weak = WEAK.get(language) ?? new Set<string>();
  return pool
    .map((entry, i) => {
      const perField = matches[i] ?? [];
      const matched = [...new Set(perField.flatMap((set) => [...set]))];
      let evidence = 0;
      for (const f of matched) {
        evidence +=
          Math.max(...FIELDS.map((name, k) => (perField[k]?.has(f) ? FIELD_WEIGHT[name] : 0))) * idf(f);
      }
      const q = (fields[i] as Record<Field, TextFeatures>).question;
      let covered = 0;
      let total = 0;
      for (const e of q.stems) {
        const weight = weak.has(e) ? WEAK_WEIGHT : 1;
        total += weight;
        const hit =
          msg.stems.some((m) => literalMatch(msg, m, q, e)) ||
          (q.conceptsOf.get(e) ?? []).some((c) => msg.concepts.includes(c));
        if (hit) covered += weight;
      }
      const questionCoverage = total === 0 ? 0 : covered / total;
      const explained = msg.stems.filter(
        (m) =>
          matched.includes(m) || (msg.conceptsOf.get(m) ?? []).some((c) => matched.includes(CONCEPT + c)),
      ).length;
      const messageCoverage = msg.stems.length === 0 ? 0 : explained / msg.stems.length;
      // Covering the entry's question matters more than sharing words with its answer.
      const score = evidence * (0.5 + questionCoverage);
      return { entry, score, questionCoverage, messageCoverage, matched };
    })
    .sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
}

/**
 * The best candidate if it is a confident answer to `text`, else null. Confident means: in the
 * customer's language (others are never considered), the message covers at least a third of the
 * entry's question (literally or by support concept), and the entry clearly leads the runner-up
 * (a near tie means the message could be about either, so neither is sent).
 */
export function pickConfidentMatch(
  text: string,
  language: string,
  candidates: readonly KbCandidate[],
): ConfidentMatch | null {
  const lang: Language = isLanguage(language) ? language : detectLanguage(text);
  const [best, second] = rankCandidates(text, lang, candidates);
  if (best === undefined || best.score <= 0) return null;
  const margin = second === undefined ? 1 : (best.score - second.score) / best.score;
  if (best.questionCoverage < MIN_QUESTION_COVERAGE || margin < MIN_MARGIN) return null;
  // For display and ordering only; every accepted match lands in 0.5..1.
  const confidence =
    0.5 +
    0.25 * Math.min(1, best.questionCoverage / (2 / 3)) +
    0.15 * Math.min(1, margin / 0.5) +
    0.1 * best.messageCoverage;
  return { entry: best.entry, confidence: Math.min(1, Math.round(confidence * 100) / 100) };
}
