// Which approved policies a customer message triggers, by their `conditions.keywords` (whole words or phrases).
// Pure: matching only; acting on a match (escalate, hold for approval, guide the model) is the caller's job.
import type { PolicyAction, PolicyEntry } from "../../../common/api.schema";
import { foldDiacritics, normalizeText, tokenize } from "../text/normalize";

/** The fields matching needs; any richer policy object (e.g. a full PolicyEntry) passes through. */
export type MatchablePolicy = Pick<PolicyEntry, "status" | "action" | "conditions">;

export interface PolicyMatch<P extends MatchablePolicy = PolicyEntry> {
  policy: P;
  /** The keyword as the policy spells it. */
  keyword: string;
}

const ACTION_ORDER: Readonly<Record<PolicyAction, number>> = {
  escalate: 0,
  require_approval: 1,
  guideline: 2,
};

/**
 * Words of a text as matching sees them: NFKC, invisible characters removed, look-alike letters
 * folded, lower-cased, diacritics folded (so "Rückerstattung" and "Ruckerstattung" agree).
 * Comments are kept: an instruction hidden in `<!-- -->` should trigger a policy, not dodge one.
 */
export function matchWords(text: string): string[] {
  return tokenize(normalizeText(text, { htmlComments: "keep" })).map(foldDiacritics);
}

/**
 * Approved policies whose keywords occur in `text` as whole words or phrases (a phrase matches its
 * words in sequence, whatever spaces or punctuation lie between them), one match per policy,
 * ordered escalate → require_approval → guideline, then as given.
 */
export function matchPolicies<P extends MatchablePolicy>(
  text: string,
  policies: readonly P[],
): PolicyMatch<P>[] {
  const words = matchWords(text);
  if (words.length === 0) return [];
  const positions = new Map<string, number[]>();
  words.forEach((w, i) => {
    const list = positions.get(w);
    if (list) list.push(i);
    else positions.set(w, [i]);
  });
  const matches: PolicyMatch<P>[] = [];
  for (const policy of policies) {
    if (policy.status !== "approved") continue;
    const keyword = (policy.conditions.keywords ?? []).find((k) => containsPhrase(words, positions, k));
    if (keyword !== undefined) matches.push({ policy, keyword });
  }
  // Array.prototype.sort is stable, so policies of one action keep their order.
  return matches.sort((a, b) => ACTION_ORDER[a.policy.action] - ACTION_ORDER[b.policy.action]);
}

// Keywords repeat on every message: their words are remembered (bounded; never changes a result).
const KEYWORD_CACHE = new Map<string, string[]>();
function keywordWords(keyword: string): string[] {
  let words = KEYWORD_CACHE.get(keyword);
  if (words === undefined) {
    if (KEYWORD_CACHE.size >= 5_000) KEYWORD_CACHE.clear();
    words = matchWords(keyword);
    KEYWORD_CACHE.set(keyword, words);
  }
  return words;
}

function containsPhrase(
  words: readonly string[],
  positions: ReadonlyMap<string, number[]>,
  keyword: string,
): boolean {
  const phrase = keywordWords(keyword);
  const first = phrase[0];
  // A keyword made only of punctuation or symbols can match nothing (and must not match everything).
  if (first === undefined) return false;
  for (const start of positions.get(first) ?? []) {
    if (phrase.every((w, k) => words[start + k] === w)) return true;
  }
  return phrase.length === 1 && first.length >= MIN_INFLECTED && words.some((w) => isPlural(w, first));
}

// A one-word keyword also matches its plural in the six languages ("idiot": Danish "idioter",
// "lawyer": "lawyers"), never another word: only these endings, and only after five letters, so
// "sue" stays "sue" and "court" does not match French "courte".
const MIN_INFLECTED = 5;
const PLURAL_ENDINGS = ["s", "es", "er", "en", "ene", "erne"];
// A Spanish infinitive keyword also matches it with an object pronoun attached ("cancelar":
// "cancelarlo", "devolverla").
const CLITICS = ["lo", "la", "los", "las", "le", "les", "me", "nos"];
const isPlural = (word: string, keyword: string) =>
  word.length > keyword.length &&
  word.startsWith(keyword) &&
  (PLURAL_ENDINGS.includes(word.slice(keyword.length)) ||
    (/(?:ar|er|ir)$/u.test(keyword) && CLITICS.includes(word.slice(keyword.length))));
