// What a text is about, for KB matching: its content stems and the support concepts it mentions, in one language.
// Pure: no I/O, no ranking or scoring (that is kb.rank.ts); stems and stop words come from stems.ts.
import { conceptTerms, IDIOM } from "./concepts";
import { inContext } from "./context";
import { LANGUAGES, type Language } from "./language";
import { normalizeText, tokenize } from "./normalize";
import { isContentWord, stem } from "./stems";
import { KIND, type NamedAt, namedThingsAt, type ThingKind } from "./things";

const PHRASE_GAP = 2;
const SHIPPING_COST = "shippingcost";

/** Content stems of a text, in order of first appearance, without repeats. */
export function contentStems(text: string, language: Language): string[] {
  return contentStemsOf(tokenize(normalizeText(text)), language);
}

function contentStemsOf(words: readonly string[], language: Language): string[] {
  const seen = new Set<string>();
  for (const word of words) if (isContentWord(word, language)) seen.add(stem(word, language));
  return [...seen];
}

/**
 * Does a text's stem `w` say concept term stem `t`? Like stemsMatch (kb.rank.ts), but the word must
 * hold the term.
 */
function saysTerm(w: string, t: string): boolean {
  if (w === t) return true;
  if (t.length >= 4 && w.startsWith(t)) return true;
  // Stemming may leave the word a little shorter than the term ("deliv" and "deliveri"), never a whole
  // part shorter: "liefer" (Lieferung) does not say "lieferadress".
  if (w.length >= 5 && t.startsWith(w) && t.length - w.length <= 3) return true;
  return t.length >= 5 && w.length - t.length >= 4 && w.endsWith(t);
}

/** A thing a word helps name, and where that name starts (one name may have several words: "home goods"). */
export interface ThingWord {
  kind: ThingKind;
  id: string;
  at: number;
}

/** What a text is about: its content stems and the support concepts it mentions. */
export interface TextFeatures {
  language: Language;
  stems: string[];
  concepts: string[];
  /** Concepts each stem stands for (a stem inside "send it back" carries "return"). */
  conceptsOf: ReadonlyMap<string, readonly string[]>;
  /**
   * Stems found only as the first part of a hyphenated word in a head-final language ("first" in
   * "first-time", "built" in "built-in"): they qualify the last part and never stand for themselves.
   */
  modifiers: ReadonlySet<string>;
  /**
   * In a head-final language, the words a hyphenated word qualifies, each with the qualifying content
   * stems: the last part of the hyphenated word ("time" of "first-time": "first") and the word right
   * after it ("customers" of "first-time customers": "first"). A "first-time customer" is not one who
   * ordered "many times", nor a "regular customer".
   */
  hyphenHeads: ReadonlyMap<string, readonly string[]>;
  /**
   * Compounds that say a concept by their last part, with their first part ("studentenrabatt" says
   * "discount" after "studenten"): a narrower thing than the concept.
   */
  conceptHeads: ReadonlyMap<string, string>;
  /** Countries, payment methods and carriers the text names, by kind (things.ts). */
  things: ReadonlyMap<ThingKind, ReadonlySet<string>>;
  /**
   * The things each content stem helps name ("sofas" a sofa, "countries" the kind country): a word of an
   * entry's question that names a thing is covered by a message naming that thing, a wider or a narrower
   * one ("a couch" for "sofas", "Oslo" for "countries", a kettle for "electronics").
   */
  thingWords: ReadonlyMap<string, readonly ThingWord[]>;
  /**
   * Stems inside a name of several words, with the things named ("home" of "home goods", "card" of
   * "gift card"): such a word matches only the same thing's name, never the word alone ("home address").
   */
  nameWords: ReadonlyMap<string, readonly string[]>;
}

const HEAD_FINAL: ReadonlySet<Language> = new Set(["en", "de", "nl", "da"]);
const HYPHENATED = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;
// A hyphenated word and the word after it, if any ("first-time customers").
const QUALIFIED = /([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+)(?:[ \t]+([\p{L}\p{N}]+))?/gu;

function hyphenHeads(normalized: string, language: Language): Map<string, string[]> {
  const heads = new Map<string, string[]>();
  if (!HEAD_FINAL.has(language)) return heads;
  const content = (parts: readonly string[]) =>
    parts.filter((p) => isContentWord(p, language)).map((p) => stem(p, language));
  const add = (word: string, qualifiers: readonly string[]) => {
    if (qualifiers.length === 0 || !isContentWord(word, language)) return;
    const key = stem(word, language);
    heads.set(key, [...new Set([...(heads.get(key) ?? []), ...qualifiers])]);
  };
  for (const [, compound = "", next] of normalized.matchAll(QUALIFIED)) {
    const parts = compound.split("-");
    const modifiers = content(parts.slice(0, -1));
    add(parts[parts.length - 1] ?? "", modifiers);
    // The word a hyphenated adjective qualifies: "customers" in "first-time customers" ("first"),
    // "item" in "out-of-stock item" ("stock": its other parts are stop words).
    if (next !== undefined) add(next, modifiers.length > 0 ? modifiers : content(parts));
  }
  return heads;
}

function modifierStems(normalized: string, language: Language): Set<string> {
  if (!HEAD_FINAL.has(language)) return new Set();
  const modifiers = new Set<string>();
  for (const compound of normalized.match(HYPHENATED) ?? []) {
    const parts = compound.split("-");
    for (const part of parts.slice(0, -1))
      if (isContentWord(part, language)) modifiers.add(stem(part, language));
  }
  if (modifiers.size === 0) return modifiers;
  // A stem that also stands alone (or as a head) elsewhere in the text is not only a modifier.
  const alone = normalized.replace(HYPHENATED, (c) => c.split("-").slice(-1)[0] ?? "");
  for (const w of tokenize(alone)) modifiers.delete(stem(w, language));
  return modifiers;
}

export function textFeatures(text: string, language: Language): TextFeatures {
  const normalized = normalizeText(text);
  const raw = tokenize(normalized);
  const words = raw.map((w) => stem(w, language));
  const index = conceptIndex(language);
  const found: { term: IndexedTerm; span: number[] }[] = [];
  words.forEach((w, i) => {
    for (const term of index.candidates(w)) {
      const span = phraseAt(words, i, term.stems);
      if (span !== null) found.push({ term, span });
    }
  });
  // Longest terms first: "delivery address" is about an address, not about delivery; among terms of
  // as many words, the most specific ("lieferadresse" is an address before it is "liefern").
  const letters = (t: IndexedTerm) => t.stems.reduce((n, x) => n + x.length, 0);
  found.sort(
    (a, b) =>
      b.term.stems.length - a.term.stems.length ||
      letters(b.term) - letters(a.term) ||
      a.term.order - b.term.order ||
      (a.span[0] ?? 0) - (b.span[0] ?? 0),
  );
  // A word inside a name of several words says no support concept of its own: "cash on delivery" is a
  // way to pay, not a delivery; "auf Rechnung" a way to pay, not an invoice.
  const named = namedThingsAt(text, language);
  const inNames = named.filter((t) => t.words.length > 1 && NAMES_APART.has(t.kind)).flatMap((t) => t.words);
  const taken = new Set<number>(inNames);
  const conceptsOf = new Map<string, string[]>();
  const shippingCostWords: string[] = [];
  const concepts = new Set<string>();
  const heads = new Map<string, string>();
  for (const { term, span } of found) {
    if (span.some((k) => taken.has(k))) continue;
    // Shipping costs are both a delivery and a cost ("what do you charge for postage?").
    const said = term.says;
    // Kept apart for the rule that postage beside a return is only a cost (context.ts).
    if (term.concept === SHIPPING_COST) shippingCostWords.push(...span.map((k) => words[k] ?? ""));
    if (term.concept !== IDIOM) for (const c of said) concepts.add(c);
    const first = words[span[0] ?? 0] ?? "";
    const t = term.stems[0] ?? "";
    if (first.length - t.length >= 4 && first.endsWith(t) && !first.startsWith(t))
      heads.set(first, first.slice(0, first.length - t.length));
    for (const k of span) {
      taken.add(k);
      const w = words[k] ?? "";
      conceptsOf.set(w, [...new Set([...(conceptsOf.get(w) ?? []), ...said])]);
    }
  }
  const things = thingsOf(named, raw, language);
  things.things = inContext({
    raw,
    words,
    taken,
    concepts,
    conceptsOf,
    shippingCostWords,
    things: things.things,
  });
  return {
    language,
    stems: contentStemsOf(raw, language),
    concepts: [...concepts],
    conceptsOf,
    modifiers: modifierStems(normalized, language),
    hyphenHeads: hyphenHeads(normalized, language),
    conceptHeads: heads,
    ...things,
  };
}

// Kinds whose names of several words hold everyday words ("home goods", "gift card", "Deutsche Post"):
// such a word is not the word alone. Countries ("EU country") and groups ("first-time customer") are
// said in the same words as their parts.
const NAMES_APART: ReadonlySet<ThingKind> = new Set(["product", "payment", "voucher", "carrier"]);

function thingsOf(
  named: readonly NamedAt[],
  raw: readonly string[],
  language: Language,
): Pick<TextFeatures, "things" | "thingWords" | "nameWords"> {
  const things = new Map<ThingKind, Set<string>>();
  const thingWords = new Map<string, ThingWord[]>();
  const nameWords = new Map<string, string[]>();
  for (const t of named) {
    if (t.id !== KIND) things.set(t.kind, (things.get(t.kind) ?? new Set<string>()).add(t.id));
    for (const k of t.words) {
      const w = raw[k];
      if (w === undefined || !isContentWord(w, language)) continue;
      const s = stem(w, language);
      thingWords.set(s, [...(thingWords.get(s) ?? []), { kind: t.kind, id: t.id, at: t.words[0] ?? k }]);
      if (t.words.length > 1 && NAMES_APART.has(t.kind))
        nameWords.set(s, [...(nameWords.get(s) ?? []), `${t.kind}:${t.id}`]);
    }
  }
  return { things, thingWords, nameWords };
}

interface IndexedTerm {
  concept: string;
  says: readonly string[];
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
    const term = { concept: t.concept, says: t.says, stems: t.stems, order };
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
