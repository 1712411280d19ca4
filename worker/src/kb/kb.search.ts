// Retrieval of approved KB entries for a customer message: FTS5 query building (pure), one D1 query
// (the only I/O here), and the pure decision whether the best candidate is a confident answer.
import { detectLanguage, isLanguage, isStopWord, type Language, stem } from "../text/language";
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
  /** The same bm25 restricted to the question column (higher is better, 0 when nothing matched). */
  questionScore: number;
}

export interface ConfidentMatch {
  entry: KbCandidate;
  /** 0..1; only matches above the acceptance threshold are returned. */
  confidence: number;
}

// Words every support message uses: they say nothing about which entry answers it.
const SUPPORT_WORDS = new Set(
  foldedWords(`hello hi hey dear thanks thank please regards cheers question questions help problem
    customer customers service support team shop store nordlys
    hallo danke bitte grüße gruß frage hilfe kunde kundin
    hoi bedankt groetjes groeten vraag vragen hulp klant
    hej tak mvh hilsen spørgsmål hjælp kunde
    bonjour merci cordialement question aide client cliente
    hola gracias saludos pregunta ayuda cliente`),
);

const MAX_TERMS = 32;
const MIN_TERM_LENGTH = 2;

/** Content stems of a text: stop words, support words, numbers and one-letter words dropped. */
export function contentStems(text: string, language: Language): string[] {
  const seen = new Set<string>();
  for (const word of foldedWords(text)) {
    if (word.length < MIN_TERM_LENGTH || /^\d+$/.test(word)) continue;
    if (isStopWord(word) || SUPPORT_WORDS.has(word)) continue;
    seen.add(stem(word, language));
  }
  return [...seen];
}

/**
 * An FTS5 MATCH expression: an OR of quoted prefix terms (`"deliver"*`), or null when the text has
 * no content words. Every term is a quoted string of letters and digits, so customer text can never
 * inject FTS5 syntax (quotes, `*`, `NEAR`, `-`, `:` or column filters).
 */
export function buildFtsQuery(text: string, language: string): string | null {
  const lang: Language = isLanguage(language) ? language : detectLanguage(text);
  const stems = contentStems(text, lang);
  if (stems.length === 0) return null;
  // Too many terms: keep the longest (the most specific), in a stable order.
  const kept =
    stems.length <= MAX_TERMS
      ? stems
      : [...stems].sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, MAX_TERMS);
  return kept.map((s) => `"${s.replaceAll('"', '""')}"*`).join(" OR ");
}

// bm25 column weights: question, answer, topics.
const WEIGHTS = { question: 4, answer: 1, topics: 2 } as const;

const SEARCH_SQL = `SELECT e.id AS id, e.question AS question, e.answer AS answer, e.topics AS topics,
    bm25(kb_fts, ${WEIGHTS.question}, ${WEIGHTS.answer}, ${WEIGHTS.topics}) AS rank,
    bm25(kb_fts, 1, 0, 0) AS question_rank
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
 * dropped (a reply must be in the customer's language). One SQL query; an empty query returns [].
 */
export async function searchApprovedKb(
  db: D1Database,
  text: string,
  opts: { limit?: number; language?: string } = {},
): Promise<KbCandidate[]> {
  const limit = Math.max(1, Math.min(opts.limit ?? 8, 50));
  const language = opts.language !== undefined && isLanguage(opts.language) ? opts.language : undefined;
  const query = buildFtsQuery(text, language ?? detectLanguage(text));
  if (query === null) return [];
  // Over-fetch when filtering by language: other-language entries may rank high on shared words.
  const fetch = language === undefined ? limit : Math.min(limit * 4, 100);
  const { results } = await db.prepare(SEARCH_SQL).bind(query, fetch).all<SearchRow>();
  const candidates = results.map(toCandidate);
  return (language === undefined ? candidates : candidates.filter((c) => c.language === language)).slice(0, limit);
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

// ---- Confidence: pure, over the candidates of one search ----

interface EntryTerms {
  question: string[];
  topics: string[];
  answer: string[];
}

const FIELD_WEIGHT = { question: 3, topics: 1.5, answer: 1 } as const;
const MIN_CONFIDENCE = 0.5;

function entryTerms(c: KbCandidate): EntryTerms {
  return {
    question: contentStems(c.question, c.language),
    topics: contentStems(c.topics.join(" "), c.language),
    answer: contentStems(c.answer, c.language),
  };
}

/** Does message stem `m` match entry stem `e`? Prefixes either way (4+ letters), compounds inside (5+). */
export function stemsMatch(m: string, e: string): boolean {
  if (m === e) return true;
  const [short, long] = m.length <= e.length ? [m, e] : [e, m];
  if (short.length >= 4 && long.startsWith(short)) return true;
  return short.length >= 5 && long.includes(short);
}

const inField = (m: string, field: readonly string[]): boolean => field.some((e) => stemsMatch(m, e));

export interface CandidateFeatures {
  entry: KbCandidate;
  score: number;
  /** Share of the entry question's content stems found in the message. */
  questionCoverage: number;
  matched: string[];
}

/** Scores every candidate in the customer's language (exported for diagnostics and tests). */
export function rankCandidates(text: string, language: Language, candidates: readonly KbCandidate[]): CandidateFeatures[] {
  const stems = contentStems(text, language);
  const pool = candidates.filter((c) => c.language === language);
  const terms = pool.map(entryTerms);
  // Document frequency over the pool: every entry holding a query term is in it, up to the search limit.
  const n = Math.max(pool.length, 10);
  const idf = new Map(
    stems.map((m) => {
      const df = terms.filter((t) => inField(m, t.question) || inField(m, t.topics) || inField(m, t.answer)).length;
      return [m, Math.log(1 + (n - df + 0.5) / (df + 0.5))] as const;
    }),
  );
  return pool
    .map((entry, i) => {
      const t = terms[i] as EntryTerms;
      let score = 0;
      const matched: string[] = [];
      for (const m of stems) {
        const w = Math.max(
          inField(m, t.question) ? FIELD_WEIGHT.question : 0,
          inField(m, t.topics) ? FIELD_WEIGHT.topics : 0,
          inField(m, t.answer) ? FIELD_WEIGHT.answer : 0,
        );
        if (w === 0) continue;
        score += w * (idf.get(m) ?? 0);
        matched.push(m);
      }
      const covered = t.question.filter((q) => stems.some((m) => stemsMatch(m, q))).length;
      const questionCoverage = t.question.length === 0 ? 0 : covered / t.question.length;
      return { entry, score, questionCoverage, matched };
    })
    .sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
}

/**
 * The best candidate if it is a confident answer to `text`: same language as the customer, enough of
 * its question covered by the message, and clearly ahead of the runner-up. Otherwise null.
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
  const confidence = confidenceOf(best, margin);
  return confidence >= MIN_CONFIDENCE ? { entry: best.entry, confidence } : null;
}

function confidenceOf(best: CandidateFeatures, margin: number): number {
  const strength = Math.min(1, best.score / 12);
  return Math.min(1, 0.45 * best.questionCoverage + 0.35 * strength + 0.2 * margin);
}
