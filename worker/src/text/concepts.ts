// Support concepts: words of the six languages that mean the same thing to a shop's customer ("send back"
// and "return", "guarantee" and "warranty"). Word lists and their stems only: no matching, no scoring.
import { CONCEPT_SOURCE } from "./concepts.lexicon";
import { isLanguage, LANGUAGES, type Language } from "./language";
import { foldDiacritics, normalizeText, tokenize } from "./normalize";
import { stem } from "./stems";

/**
 * Phrases that hold a support word without meaning it ("I changed my mind" is no change, "following
 * up" no tracking, "business days" no business): their words carry this concept, which is never a topic
 * and never matches another concept's word.
 */
export const IDIOM = "idiom";

export interface ConceptTerm {
  concept: string;
  /**
   * The concepts a text says with this term: the concept itself, or those its block names after "="
   * ("shippingcost = delivery cost": postage is both a delivery and a cost).
   */
  says: readonly string[];
  /** Stems of the term's words, in order (stop words included: "out of stock"). */
  stems: string[];
  /** The term's words, lower-case, diacritics folded (what the search index holds). */
  words: string[];
}

const CONCEPTS: ReadonlyMap<Language, readonly ConceptTerm[]> = (() => {
  const map = new Map<Language, ConceptTerm[]>(LANGUAGES.map((l) => [l, []]));
  let concept = "";
  let says: string[] = [];
  for (const line of CONCEPT_SOURCE.split("\n")) {
    const entry = /^\s+([a-z]{2}):\s*(.+)$/.exec(line);
    if (!entry) {
      const head = /^(\w+)(?:\s*=\s*(.+))?$/.exec(line.trim());
      if (head) {
        concept = head[1] ?? "";
        says = head[2] ? head[2].split(/\s+/) : [concept];
      }
      continue;
    }
    const [, lang = "", terms = ""] = entry;
    if (!isLanguage(lang)) continue;
    for (const term of terms.split(",")) {
      const words = tokenize(normalizeText(term));
      const stems = words.map((w) => stem(w, lang));
      if (stems.length > 0) map.get(lang)?.push({ concept, says, stems, words: words.map(foldDiacritics) });
    }
  }
  return map;
})();

/** The support-concept terms of a language (for matching; see CONCEPT_SOURCE). */
export function conceptTerms(language: Language): readonly ConceptTerm[] {
  return CONCEPTS.get(language) ?? [];
}
