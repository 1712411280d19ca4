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

/** One searched term: the quoted FTS5 term, and the range of index terms it matches (for their frequency). */
export interface FtsTerm {
  /** `"abc"` or `"abcd"*`: a quoted run of letters and digits, never FTS5 syntax. */
  query: string;
  /** The index terms it matches lie in [from, to] (a whole word: from = to). */
  from: string;
  to: string;
}

/**
 * The terms of a text, best first: at most MAX_OWN_TERMS + MAX_CONCEPT_TERMS. Each word becomes its stem's
 * prefix as written in the index (`"deliver"*` for "delivered", never shorter than MIN_PREFIX letters) or,
 * if shorter, the whole word; words of one or two letters are not searched. The message's longest words
 * come first, then words of the support concepts it mentions ("send back" also searches "return"). Every
 * term is a quoted run of letters and digits, so customer text can never inject FTS5 syntax (quotes, `*`,
 * `NEAR`, `-`, `:`, columns).
 */
export function ftsTerms(text: string, language: string): FtsTerm[] {
  const lang: Language = isLanguage(language) ? language : detectLanguage(text);
  const own = new Map<string, string>();
  for (const word of tokenize(normalizeText(text))) {
    if (isContentWord(word, lang) && !own.has(word)) own.set(word, stem(word, lang));
  }
  const terms = new Map<string, FtsTerm>();
  const add = (words: [string, string][], max: number) => {
    let added = 0;
    for (const [word, stemmed] of words) {
      const term = ftsTerm(word, stemmed);
      if (term === null || terms.has(term.query)) continue;
      terms.set(term.query, term);
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
  return [...terms.values()];
}

/** An FTS5 MATCH expression: an OR of the text's terms (`ftsTerms`), or null when it has no content words. */
export function buildFtsQuery(text: string, language: string): string | null {
  const terms = ftsTerms(text, language);
  return terms.length === 0 ? null : terms.map((t) => t.query).join(" OR ");
}

/** Above every letter and digit: the end of a prefix's range of index terms. */
const LAST = "\u{10FFFF}";

/** The search term for a word and its stem: the stem's prefix as the word spells it, or a short word whole. */
function ftsTerm(word: string, stemmed: string): FtsTerm | null {
  const w = foldDiacritics(word).replace(/[^\p{L}\p{N}]/gu, "");
  if (w.length < MIN_SEARCHED) return null;
  let n = 0;
  while (n < w.length && n < stemmed.length && w[n] === stemmed[n]) n++;
  if (w.length < MIN_PREFIX) return { query: `"${w}"`, from: w, to: w };
  const prefix = w.slice(0, Math.max(n, MIN_PREFIX));
  return { query: `"${prefix}"*`, from: prefix, to: `${prefix}${LAST}` };
}

/**
 * The cost of a search grows with the index entries its terms match (bm25 is computed for every matching
 * row). So the query takes the text's terms rarest first, by their document frequency in the index
 * (`kb_fts_vocab`, all installations: they share the index), and stops adding terms once this many
 * postings are taken; the rarest term is always searched. The rare terms carry most of bm25's weight,
 * but not all: over 10,000 entries of look-alike texts the best entry changed for 21 of 69 messages
 * (docs/benchmarks.md). In a knowledge base of hundreds of entries no term reaches the budget and
 * every term is searched, as before (the offline evaluation is unchanged).
 */
export const POSTINGS_BUDGET = 1_500;
/** At most this many terms are searched, of the MAX_OWN_TERMS + MAX_CONCEPT_TERMS candidates. */
export const MAX_SEARCHED_TERMS = 8;
/**
 * Hard bound on the rows ranked: when even the rarest term matches more (a message of only common
 * words), bm25 is computed for this many of its matches (the index's order, oldest first), not all.
 */
export const MAX_RANKED_ROWS = 2_000;

// One statement, one round trip: the terms' frequencies (fts5vocab, range scans on the term), the
// rarest under the budget, then bm25 with column weights (question, answer, topics) for at most
// MAX_RANKED_ROWS matches. The inner query ranks rowids only (no text is read for the rows a common word
// may match); the texts are read for the winners alone. No term in the index: `""` matches nothing.
// CROSS JOIN keeps the FTS match as the outer loop: SQLite 3.51 otherwise may drive the join from the
// installation's index and run the MATCH once per entry (seconds at 10,000 entries).
const SEARCH_SQL = `WITH terms AS (
    SELECT j.key AS ord, json_extract(j.value, '$[0]') AS q, json_extract(j.value, '$[1]') AS lo,
      json_extract(j.value, '$[2]') AS hi
    FROM json_each(?1) j
  ), freq AS (
    SELECT t.ord AS ord, t.q AS q,
      (SELECT coalesce(sum(v.doc), 0) FROM kb_fts_vocab v WHERE v.term >= t.lo AND v.term <= t.hi) AS df
    FROM terms t
  ), taken AS (
    SELECT q, df, sum(df) OVER (ORDER BY df, ord ROWS UNBOUNDED PRECEDING) AS upto FROM freq WHERE df > 0
  ), chosen AS (
    SELECT q FROM taken WHERE upto - df < ?6 ORDER BY df, q LIMIT ?7
  )
  SELECT e.id AS id, e.question AS question, e.answer AS answer, e.topics AS topics, e.status AS status,
    r.rank AS rank, r.question_rank AS question_rank
  FROM (
    SELECT m.id AS id, m.rank AS rank, m.question_rank AS question_rank FROM (
      SELECT s.id AS id, bm25(kb_fts, 4.0, 1.0, 2.0) AS rank, bm25(kb_fts, 1.0, 0.0, 0.0) AS question_rank
      FROM kb_fts CROSS JOIN kb_entries s ON s.id = kb_fts.rowid
      WHERE kb_fts MATCH (SELECT coalesce(group_concat(q, ' OR '), '""') FROM chosen)
        AND s.installation_id = ?4
        AND (s.status IN (SELECT value FROM json_each(?3)) OR s.id IN (SELECT value FROM json_each(?5)))
      LIMIT ?8
    ) m
    ORDER BY m.rank LIMIT ?2
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
  const terms = ftsTerms(text, language ?? detectLanguage(text));
  if (terms.length === 0) return null;
  // Over-fetch when filtering by language: entries in other languages may rank high on shared words.
  const rows = language === undefined ? limit : limit * 4;
  return {
    statement: scope.db
      .prepare(SEARCH_SQL)
      .bind(
        JSON.stringify(terms.map((t) => [t.query, t.from, t.to])),
        rows,
        JSON.stringify(opts.statuses),
        scope.installationId,
        JSON.stringify(opts.include ?? []),
        POSTINGS_BUDGET,
        MAX_SEARCHED_TERMS,
        MAX_RANKED_ROWS,
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
