// Retrieval of approved KB entries for a customer message: the FTS5 query (pure, injection-safe) and one
// D1 query, the only I/O of KB retrieval. Never ranks or judges candidates: that is kb.rank.ts.
import { conceptTerms } from "../text/concepts";
import { textFeatures } from "../text/features";
import { detectLanguage, isLanguage, type Language } from "../text/language";
import { foldDiacritics, normalizeText, tokenize } from "../text/normalize";
import { isContentWord, stem } from "../text/stems";
import { type Query, run } from "../lib/query";
import type { Scope } from "../lib/scope";

export interface KbCandidate {
  id: number;
  question: string;
  answer: string;
  topics: string[];
  /** Set when the search asked for more than approved entries. */
  status?: string;
  /** Detected from the entry's own question and answer. */
  language: Language;
  /** Relevance from FTS5 bm25 with column weights (question highest); higher is better. */
  score: number;
  /** The same bm25 restricted to the question column (higher is better, 0 when it did not match). */
  questionScore: number;
}

/** At most this many of the message's own words, and this many words of the concepts it mentions. */
export const MAX_OWN_TERMS = 10;
export const MAX_CONCEPT_TERMS = 6;
/** A prefix term (`"abc"*`) has at least this many letters; shorter words are searched whole. */
export const MIN_PREFIX = 4;
/** Words shorter than this are not searched (they would match half the index). */
const MIN_SEARCHED = 3;

/**
 * An FTS5 MATCH expression: an OR of at most MAX_OWN_TERMS + MAX_CONCEPT_TERMS quoted terms, or null when
 * the text has no content words. Each word becomes its stem's prefix as written in the index
 * (`"deliver"*` for "delivered", never shorter than MIN_PREFIX letters) or, if shorter, the whole word;
 * words of one or two letters are not searched. The message's longest words come first, then words of the
 * support concepts it mentions ("send back" also searches "return"). Every term is a quoted run of letters
 * and digits, so customer text can never inject FTS5 syntax (quotes, `*`, `NEAR`, `-`, `:`, columns).
 */
export function buildFtsQuery(text: string, language: string): string | null {
  const lang: Language = isLanguage(language) ? language : detectLanguage(text);
  const own = new Map<string, string>();
  for (const word of tokenize(normalizeText(text))) {
    if (isContentWord(word, lang) && !own.has(word)) own.set(word, stem(word, lang));
  }
  const terms = new Set<string>();
  const add = (words: [string, string][], max: number) => {
    let added = 0;
    for (const [word, stemmed] of words) {
      const term = ftsTerm(word, stemmed);
      if (term === null || terms.has(term)) continue;
      terms.add(term);
      if (++added >= max) break;
    }
  };
  add(
    [...own].sort(([a], [b]) => b.length - a.length || a.localeCompare(b)),
    MAX_OWN_TERMS,
  );
  const concepts = textFeatures(text, lang).concepts;
  add(
    conceptTerms(lang)
      .filter((t) => t.words.length === 1 && concepts.includes(t.concept))
      .map((t): [string, string] => [t.words[0] ?? "", t.stems[0] ?? ""]),
    MAX_CONCEPT_TERMS,
  );
  return terms.size === 0 ? null : [...terms].join(" OR ");
}

/** The search term for a word and its stem: the stem's prefix as the word spells it, or a short word whole. */
function ftsTerm(word: string, stemmed: string): string | null {
  const w = foldDiacritics(word).replace(/[^\p{L}\p{N}]/gu, "");
  if (w.length < MIN_SEARCHED) return null;
  let n = 0;
  while (n < w.length && n < stemmed.length && w[n] === stemmed[n]) n++;
  if (w.length < MIN_PREFIX) return `"${w}"`;
  return `"${w.slice(0, Math.max(n, MIN_PREFIX))}"*`;
}

// bm25 column weights: question, answer, topics. The inner query ranks rowids only (no text is read
// for the thousands of rows a common word may match); the texts are read for the winners alone.
const SEARCH_SQL = `SELECT e.id AS id, e.question AS question, e.answer AS answer, e.topics AS topics, e.status AS status,
    r.rank AS rank, r.question_rank AS question_rank
  FROM (
    SELECT s.id AS id, bm25(kb_fts, 4.0, 1.0, 2.0) AS rank, bm25(kb_fts, 1.0, 0.0, 0.0) AS question_rank
    FROM kb_fts JOIN kb_entries s ON s.id = kb_fts.rowid
    WHERE kb_fts MATCH ?1 AND s.installation_id = ?4
      AND (s.status IN (SELECT value FROM json_each(?3)) OR s.id IN (SELECT value FROM json_each(?5)))
    ORDER BY rank LIMIT ?2
  ) r JOIN kb_entries e ON e.id = r.id
  ORDER BY r.rank`;

interface SearchRow {
  id: number;
  question: string;
  answer: string;
  topics: string;
  status: string;
  rank: number;
  question_rank: number;
}

/**
 * Approved entries matching `text`, best first. With `language`, entries in other languages are
 * dropped (a reply must be in the customer's language). One SQL query; no content words → [].
 */
export async function searchApprovedKb(
  scope: Scope,
  text: string,
  opts: { limit?: number; language?: string } = {},
): Promise<KbCandidate[]> {
  return searchKb(scope, text, { ...opts, statuses: ["approved"] });
}

/** The same search over entries of the given statuses (the learning loop checks proposals too). */
export async function searchKb(
  scope: Scope,
  text: string,
  opts: { limit?: number; language?: string; statuses: readonly string[]; include?: readonly number[] },
): Promise<KbCandidate[]> {
  const q = searchKbQuery(scope, text, opts);
  return q ? run(q) : [];
}

/** The search as a read for a caller's batch; null when the text has no words to search. */
export function searchKbQuery(
  scope: Scope,
  text: string,
  opts: { limit?: number; language?: string; statuses: readonly string[]; include?: readonly number[] },
): Query<KbCandidate[]> | null {
  const limit = Number.isFinite(opts.limit) ? Math.max(1, Math.min(Math.trunc(opts.limit ?? 8), 50)) : 8;
  const language = opts.language !== undefined && isLanguage(opts.language) ? opts.language : undefined;
  const query = buildFtsQuery(text, language ?? detectLanguage(text));
  if (query === null) return null;
  // Over-fetch when filtering by language: entries in other languages may rank high on shared words.
  const rows = language === undefined ? limit : limit * 4;
  return {
    statement: scope.db
      .prepare(SEARCH_SQL)
      .bind(
        query,
        rows,
        JSON.stringify(opts.statuses),
        scope.installationId,
        JSON.stringify(opts.include ?? []),
      ),
    read: (results) => {
      const candidates = (results as SearchRow[]).map(toCandidate);
      return (language === undefined ? candidates : candidates.filter((c) => c.language === language)).slice(
        0,
        limit,
      );
    },
  };
}

function toCandidate(row: SearchRow): KbCandidate {
  return {
    id: row.id,
    question: row.question,
    answer: row.answer,
    topics: parseTopics(row.topics),
    status: row.status,
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
