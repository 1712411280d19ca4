// Retrieval of approved KB entries for a customer message: FTS5 query building (pure), one D1 query
// (the only I/O here), and the pure decision whether the best candidate is a confident answer.
import {
  conceptTerms,
  detectLanguage,
  isLanguage,
  isStopWord,
  LANGUAGES,
  type Language,
  stem,
} from "../text/language";
import { foldedWords } from "../text/normalize";

export interface KbCandidate {
  id: number;
  question: string;
  answer: string;
  topics: string[];
  /** Detected from the entry's own question and answer. */
  language: Language;
  /** Relevance from FTS5 bm25 with column weights (question highest); higher is better. */
  score: number;
  /** The same bm25 restricted to the question column (higher is better, 0 when it did not match). */
  questionScore: number;
}

export interface ConfidentMatch {
  entry: KbCandidate;
  /** 0.5..1 for an accepted match: question coverage, lead over the runner-up, message explained. */
  confidence: number;
}

// Words every support message uses: they say nothing about which entry answers it.
const SUPPORT_WORDS = new Set(
  foldedWords(`hello hi hey dear thanks thank please regards cheers question questions help problem
    customer customers service support team
    hallo danke bitte grüße gruß frage fragen hilfe kunde kunden kundin
    hoi bedankt groetjes groeten vraag vragen hulp klant klanten
    hej tak mvh hilsen spørgsmål hjælp kunde kunder
    bonjour merci cordialement question aide client clients cliente
    hola gracias saludos pregunta ayuda cliente clientes`),
);

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

const MAX_OWN_TERMS = 24;
const MAX_TERMS = 40;
const MIN_TERM_LENGTH = 2;
const PHRASE_GAP = 2;
const CONCEPT = "§";

/** Content stems of a text: stop words, support words, numbers and one-letter words dropped. */
export function contentStems(text: string, language: Language): string[] {
  return contentStemsOf(foldedWords(text), language);
}

function contentStemsOf(words: readonly string[], language: Language): string[] {
  const seen = new Set<string>();
  for (const word of words) {
    if (word.length < MIN_TERM_LENGTH || /^\d+$/.test(word)) continue;
    if (isStopWord(word) || SUPPORT_WORDS.has(word)) continue;
    seen.add(stem(word, language));
  }
  return [...seen];
}

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

/** Does a text's stem `w` say concept term stem `t`? Like stemsMatch, but the word must hold the term. */
function saysTerm(w: string, t: string): boolean {
  if (w === t) return true;
  if (t.length >= 4 && w.startsWith(t)) return true;
  if (w.length >= 5 && t.startsWith(w)) return true;
  return t.length >= 5 && w.length - t.length >= 4 && w.endsWith(t);
}

/** What a text is about: its content stems and the support concepts it mentions. */
export interface TextFeatures {
  stems: string[];
  concepts: string[];
  /** Concepts each stem stands for (a stem inside "send it back" carries "return"). */
  conceptsOf: ReadonlyMap<string, readonly string[]>;
}

export function textFeatures(text: string, language: Language): TextFeatures {
  const folded = foldedWords(text);
  const words = folded.map((w) => stem(w, language));
  const index = conceptIndex(language);
  const found: { term: IndexedTerm; span: number[] }[] = [];
  words.forEach((w, i) => {
    for (const term of index.candidates(w)) {
      const span = phraseAt(words, i, term.stems);
      if (span !== null) found.push({ term, span });
    }
  });
  // Longest terms first: "delivery address" is about an address, not about delivery.
  found.sort(
    (a, b) =>
      b.term.stems.length - a.term.stems.length ||
      a.term.order - b.term.order ||
      (a.span[0] ?? 0) - (b.span[0] ?? 0),
  );
  const taken = new Set<number>();
  const conceptsOf = new Map<string, string[]>();
  const concepts = new Set<string>();
  for (const { term, span } of found) {
    if (span.some((k) => taken.has(k))) continue;
    concepts.add(term.concept);
    for (const k of span) {
      taken.add(k);
      const w = words[k] ?? "";
      conceptsOf.set(w, [...new Set([...(conceptsOf.get(w) ?? []), term.concept])]);
    }
  }
  return { stems: contentStemsOf(folded, language), concepts: [...concepts], conceptsOf };
}

interface IndexedTerm {
  concept: string;
  stems: readonly string[];
  order: number;
}

/** Concept terms by what their first word can match (see saysTerm): prefixes and compound heads. */
function buildConceptIndex(language: Language) {
  const exact = new Map<string, IndexedTerm[]>();
  const byPrefix = new Map<string, IndexedTerm[]>();
  const byHead = new Map<string, IndexedTerm[]>();
  const add = (map: Map<string, IndexedTerm[]>, key: string, t: IndexedTerm) =>
    map.set(key, [...(map.get(key) ?? []), t]);
  conceptTerms(language).forEach((t, order) => {
    const term = { concept: t.concept, stems: t.stems, order };
    const first = t.stems[0] ?? "";
    if (first.length < 4) add(exact, first, term);
    else add(byPrefix, first.slice(0, 4), term);
    if (first.length >= 5) add(byHead, first.slice(-4), term);
  });
  return {
    candidates(w: string): IndexedTerm[] {
      const out = [...(exact.get(w) ?? []), ...(w.length >= 4 ? (byPrefix.get(w.slice(0, 4)) ?? []) : [])];
      if (w.length >= 9) out.push(...(byHead.get(w.slice(-4)) ?? []));
      return out;
    },
  };
}
const CONCEPT_INDEX = new Map(LANGUAGES.map((l) => [l, buildConceptIndex(l)]));
const conceptIndex = (language: Language) => CONCEPT_INDEX.get(language) ?? buildConceptIndex(language);

/** Positions of a phrase starting at `i` (at most PHRASE_GAP words between its words), or null. */
function phraseAt(words: readonly string[], i: number, phrase: readonly string[]): number[] | null {
  const [first, ...rest] = phrase;
  if (first === undefined || !saysTerm(words[i] ?? "", first)) return null;
  const span = [i];
  for (const p of rest) {
    const at = span[span.length - 1] ?? i;
    let found = -1;
    for (let k = at + 1; k <= Math.min(words.length - 1, at + 1 + PHRASE_GAP) && found < 0; k++) {
      if (saysTerm(words[k] ?? "", p)) found = k;
    }
    if (found < 0) return null;
    span.push(found);
  }
  return span;
}

/**
 * An FTS5 MATCH expression: an OR of quoted prefix terms (`"deliver"*`), or null when the text has
 * no content words. Every term is a quoted string of letters and digits, so customer text can never
 * inject FTS5 syntax (quotes, `*`, `NEAR`, `-`, `:` or column filters). The message's own stems come
 * first (the longest, most specific ones if there are too many), then the words of the support
 * concepts it mentions ("send back" also searches "return").
 */
export function buildFtsQuery(text: string, language: string): string | null {
  const lang: Language = isLanguage(language) ? language : detectLanguage(text);
  const features = textFeatures(text, lang);
  const own = [...features.stems]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, MAX_OWN_TERMS);
  const expansions = conceptTerms(lang)
    .filter((t) => t.stems.length === 1 && features.concepts.includes(t.concept))
    .map((t) => t.stems[0] ?? "");
  const terms = new Set<string>();
  for (const s of [...own, ...expansions]) {
    for (const v of variants(s, lang))
      if (v.length >= MIN_TERM_LENGTH && terms.size < MAX_TERMS) terms.add(v);
  }
  if (terms.size === 0) return null;
  return [...terms].map((s) => `"${s.replaceAll('"', '""')}"*`).join(" OR ");
}

// Dutch stems lose a doubled vowel ("sturen" → "stur"); the index also holds "stuur".
function variants(s: string, lang: Language): string[] {
  const doubled = lang === "nl" ? s.replace(/(^|[^aeiou])([aeou])([^aeiou])$/, "$1$2$2$3") : s;
  return doubled === s ? [s] : [s, doubled];
}

// bm25 column weights: question, answer, topics.
const SEARCH_SQL = `SELECT e.id AS id, e.question AS question, e.answer AS answer, e.topics AS topics,
    bm25(kb_fts, 4.0, 1.0, 2.0) AS rank, bm25(kb_fts, 1.0, 0.0, 0.0) AS question_rank
  FROM kb_fts JOIN kb_entries e ON e.id = kb_fts.rowid
  WHERE kb_fts MATCH ?1 AND e.status = 'approved'
  ORDER BY rank LIMIT ?2`;

interface SearchRow {
  id: number;
  question: string;
  answer: string;
  topics: string;
  rank: number;
  question_rank: number;
}

/**
 * Approved entries matching `text`, best first. With `language`, entries in other languages are
 * dropped (a reply must be in the customer's language). One SQL query; no content words → [].
 */
export async function searchApprovedKb(
  db: D1Database,
  text: string,
  opts: { limit?: number; language?: string } = {},
): Promise<KbCandidate[]> {
  const limit = Number.isFinite(opts.limit) ? Math.max(1, Math.min(Math.trunc(opts.limit ?? 8), 50)) : 8;
  const language = opts.language !== undefined && isLanguage(opts.language) ? opts.language : undefined;
  const query = buildFtsQuery(text, language ?? detectLanguage(text));
  if (query === null) return [];
  // Over-fetch when filtering by language: entries in other languages may rank high on shared words.
  const rows = language === undefined ? limit : limit * 4;
  const { results } = await db.prepare(SEARCH_SQL).bind(query, rows).all<SearchRow>();
  const candidates = results.map(toCandidate);
  return (language === undefined ? candidates : candidates.filter((c) => c.language === language)).slice(
    0,
    limit,
  );
}

function toCandidate(row: SearchRow): KbCandidate {
  return {
    id: row.id,
    question: row.question,
    answer: row.answer,
    topics: parseTopics(row.topics),
    language: detectLanguage(`${row.question} ${row.answer}`),
    score: -row.rank,
    questionScore: -row.question_rank,
  };
}

function parseTopics(raw: string): string[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

// ---- Ranking and confidence: pure, over the candidates of one search ----

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
