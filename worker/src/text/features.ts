// What a text is about, for KB matching: its content stems and the support concepts it mentions.
// Pure: no I/O, no ranking or scoring (that is kb.rank.ts); its words and concepts come from vocabulary.ts.
import { LANGUAGES, type Language } from "./language";
import { foldedWords } from "./normalize";
import { conceptTerms, isStopWord, stem } from "./vocabulary";

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

/** Shorter words are never content (and never FTS terms). */
export const MIN_TERM_LENGTH = 2;
const PHRASE_GAP = 2;

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
 * Does a text's stem `w` say concept term stem `t`? Like stemsMatch (kb.rank.ts), but the word must
 * hold the term.
 */
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
