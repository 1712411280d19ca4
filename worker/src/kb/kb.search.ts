// Retrieval of approved KB entries for a customer message: the FTS5 query (pure, injection-safe) and one
// D1 query, the only I/O of KB retrieval. Never ranks or judges candidates: that is kb.rank.ts.
import { MIN_TERM_LENGTH, textFeatures } from "../text/features";
import { detectLanguage, isLanguage, type Language } from "../text/language";
import { conceptTerms } from "../text/vocabulary";

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

const MAX_OWN_TERMS = 24;
const MAX_TERMS = 40;

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
  WHERE kb_fts MATCH ?1 AND e.status IN (SELECT value FROM json_each(?3))
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
  return searchKb(db, text, { ...opts, statuses: ["approved"] });
}

/** The same search over entries of the given statuses (the learning loop checks proposals too). */
export async function searchKb(
  db: D1Database,
  text: string,
  opts: { limit?: number; language?: string; statuses: readonly string[] },
): Promise<KbCandidate[]> {
  const limit = Number.isFinite(opts.limit) ? Math.max(1, Math.min(Math.trunc(opts.limit ?? 8), 50)) : 8;
  const language = opts.language !== undefined && isLanguage(opts.language) ? opts.language : undefined;
  const query = buildFtsQuery(text, language ?? detectLanguage(text));
  if (query === null) return [];
  // Over-fetch when filtering by language: entries in other languages may rank high on shared words.
  const rows = language === undefined ? limit : limit * 4;
  const { results } = await db
    .prepare(SEARCH_SQL)
    .bind(query, rows, JSON.stringify(opts.statuses))
    .all<SearchRow>();
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
