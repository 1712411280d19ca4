// Ranking of one search's candidates: how much of a message each approved entry explains, and with which words.
// Pure, over plain candidates: never queries D1, never decides whether to answer (that is kb.gate.ts).
import { askedPart } from "../text/asked";
import { type TextFeatures, textFeatures } from "../text/features";
import { LANGUAGES, type Language } from "../text/language";
import { normalizeText, tokenize } from "../text/normalize";
import { stem } from "../text/stems";
import type { KbCandidate } from "./kb.search";

// Commerce words in almost every question ("order", "item"): they count little towards covering one.
const WEAK_SOURCE = `order orders ordered item items product products buy bought purchase
  bestellung bestellen bestellt artikel produkt kaufen gekauft
  bestelling bestellen besteld artikel product kopen gekocht
  ordre bestilling bestille bestilt vare varer produkt købe købt
  commande commander commandé article produit acheter acheté
  pedido pedir artículo producto comprar comprado`;
const WEAK: ReadonlyMap<Language, ReadonlySet<string>> = new Map(
  LANGUAGES.map((l) => [l, new Set(tokenize(normalizeText(WEAK_SOURCE)).map((w) => stem(w, l)))]),
);
const WEAK_WEIGHT = 0.25;

// Marks a concept among a candidate's matched features (no stem contains it).
export const CONCEPT = "§";

// Question sentences with fewer content words than this refer to the rest of the message.
const MIN_ASKED_STEMS = 2;

const COMPOUNDING: ReadonlySet<Language> = new Set(["de", "nl", "da"]);

/**
 * Do two stems name the same thing? Equal; or the shorter (5+ letters) a prefix of the other that
 * stemming left a little longer ("deliv" and "deliveri", at most 3 letters more); in German, Dutch and
 * Danish also the first or last part of a compound ("liefer" in "lieferzeit", "konto" in "kundenkonto",
 * after a 4+ letter modifier; "bestell" does not hold "stell"). "pass" is not "password".
 */
export function stemsMatch(a: string, b: string, language: Language): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 5) return false;
  const compounds = COMPOUNDING.has(language);
  if (long.startsWith(short) && (compounds || long.length - short.length <= 3)) return true;
  return compounds && long.length - short.length >= 4 && long.endsWith(short);
}

const FIELD_WEIGHT = { question: 3, topics: 1.5, answer: 1 } as const;
type Field = keyof typeof FIELD_WEIGHT;
const FIELDS: readonly Field[] = ["question", "topics", "answer"];

/**
 * A literal match between two stems, unless either word sits in a support phrase the other does not
 * share ("back" in "send it back" is not "back" in "money back"; "money" alone is not "money back"), or
 * one is only the modifier of a hyphenated word ("first" in "first-time" is not "my first flat").
 */
function literalMatch(msg: TextFeatures, m: string, entry: TextFeatures, e: string): boolean {
  if (!stemsMatch(m, e, msg.language)) return false;
  if (msg.modifiers.has(m) !== entry.modifiers.has(e)) return false;
  const mc = msg.conceptsOf.get(m);
  const ec = entry.conceptsOf.get(e);
  if (mc === undefined && ec === undefined) return true;
  return mc !== undefined && ec !== undefined && mc.some((c) => ec.includes(c));
}

/** The message's features one field shares: its concepts, then stems those concepts do not explain. */
function fieldMatches(msg: TextFeatures, field: TextFeatures): string[] {
  const concepts = msg.concepts.filter((c) => field.concepts.includes(c));
  const stems = msg.stems.filter(
    (m) =>
      !(msg.conceptsOf.get(m) ?? []).some((c) => concepts.includes(c)) &&
      field.stems.some((e) => literalMatch(msg, m, field, e)),
  );
  return [...concepts.map((c) => CONCEPT + c), ...stems];
}

export interface RankedCandidate {
  entry: KbCandidate;
  /** Rarity-weighted evidence (question > topics > answer), scaled by question coverage. */
  score: number;
  /** Each matched message feature's share of the evidence: field weight × rarity. */
  evidence: ReadonlyMap<string, number>;
  /** Share of the entry question's content stems the message covers (literally or by concept). */
  questionCoverage: number;
  /** Does the message cover a word of the entry question's subject (not only "how long", "order")? */
  subjectCovered: boolean;
  /** Share of the message's content stems the entry explains (any field). */
  messageCoverage: number;
  /** The evidence of one word found in one entry's question only: the unit of "a distinguishing word". */
  unit: number;
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

// Concepts that say what kind of answer is wanted ("how long", "how much"), not what it is about.
const FRAME_CONCEPTS: ReadonlySet<string> = new Set(["duration", "cost"]);

/**
 * Share of the entry question's content stems the message covers (literally or by concept; weak words
 * count a quarter), and whether it covers any word of the question's subject: a stem that is not only
 * part of a frame ("how long", "what does it cost") and not a weak word. True when there is none.
 */
function questionCoverage(
  msg: TextFeatures,
  q: TextFeatures,
  weak: ReadonlySet<string>,
): { coverage: number; subject: boolean } {
  let covered = 0;
  let total = 0;
  let subjectWords = 0;
  let subjectCovered = 0;
  for (const e of q.stems) {
    const weight = weak.has(e) ? WEAK_WEIGHT : 1;
    total += weight;
    const concepts = q.conceptsOf.get(e) ?? [];
    const hit =
      msg.stems.some((m) => literalMatch(msg, m, q, e)) || concepts.some((c) => msg.concepts.includes(c));
    if (hit) covered += weight;
    const isSubject = !weak.has(e) && !(concepts.length > 0 && concepts.every((c) => FRAME_CONCEPTS.has(c)));
    if (isSubject) subjectWords++;
    if (isSubject && hit) subjectCovered++;
  }
  return { coverage: total === 0 ? 0 : covered / total, subject: subjectWords === 0 || subjectCovered > 0 };
}

/** Scores the candidates in the customer's language, best first; other languages are left out. */
export function rankCandidates(
  text: string,
  language: Language,
  candidates: readonly KbCandidate[],
): RankedCandidate[] {
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
  // The entry's subject must be in what the message asks, unless its questions are too short to name
  // one ("Where can I download it?"): then the whole message asks.
  const askedText = askedPart(text);
  const askedOnly = askedText === null ? msg : textFeatures(askedText, language);
  const asked = askedOnly.stems.length >= MIN_ASKED_STEMS ? askedOnly : msg;
  // Rarity over the pool: every entry holding a query term is in it, up to the search limit.
  const n = Math.max(pool.length, 10);
  const df = new Map<string, number>();
  for (const perField of matches) {
    for (const f of new Set(perField.flatMap((set) => [...set]))) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const idf = (f: string) => Math.log(1 + (n - (df.get(f) ?? 0) + 0.5) / ((df.get(f) ?? 0) + 0.5));
  const weak = WEAK.get(language) ?? new Set<string>();
  const unit = FIELD_WEIGHT.question * Math.log(1 + (n - 1 + 0.5) / 1.5);
  return pool
    .map((entry, i): RankedCandidate => {
      const perField = matches[i] ?? [];
      const evidence = new Map<string, number>();
      for (const f of new Set(perField.flatMap((set) => [...set]))) {
        const weight = Math.max(...FIELDS.map((name, k) => (perField[k]?.has(f) ? FIELD_WEIGHT[name] : 0)));
        evidence.set(f, weight * idf(f));
      }
      const qf = (fields[i] as Record<Field, TextFeatures>).question;
      const qc = questionCoverage(msg, qf, weak).coverage;
      const subject = questionCoverage(asked, qf, weak).subject;
      const explained = msg.stems.filter(
        (m) => evidence.has(m) || (msg.conceptsOf.get(m) ?? []).some((c) => evidence.has(CONCEPT + c)),
      ).length;
      const total = [...evidence.values()].reduce((a, b) => a + b, 0);
      // Covering the entry's question matters more than sharing words with its answer.
      return {
        entry,
        score: total * (0.5 + qc),
        evidence,
        questionCoverage: qc,
        subjectCovered: subject,
        messageCoverage: msg.stems.length === 0 ? 0 : explained / msg.stems.length,
        unit,
      };
    })
    .sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
}
