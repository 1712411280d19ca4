// Normalisation of untrusted customer text for matching (policies, KB search, intent).
// Pure string functions: no I/O, no locale, no clock; the result is for matching only, never shown or sent.

export type HtmlCommentMode = "strip" | "keep";

export interface NormalizeOptions {
  /**
   * "strip" (default) drops HTML comments: hidden text must not steer which answer is picked.
   * "keep" keeps their content as ordinary text: policy matching uses it, so an instruction
   * hidden in a comment can only make the AI more careful, never less.
   */
  htmlComments?: HtmlCommentMode;
}

// Invisible and format characters: Unicode's default-ignorable code points (soft hyphen, combining
// grapheme joiner, zero-width space and joiners, directional marks and embeddings, word joiner,
// variation selectors, BOM, tag characters, Hangul fillers) and every other format character.
// Removed without a trace, so "re\u200bfund" reads "refund".
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

// Lower-case Cyrillic and Greek letters that render like a Latin letter (after lower-casing).
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  ё: "ë",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ї: "ï",
  ј: "j",
  ԁ: "d",
  ӏ: "l",
  һ: "h",
  ԛ: "q",
  ԝ: "w",
  ү: "y",
  ɡ: "g",
  // Greek
  α: "a",
  β: "b",
  ε: "e",
  ζ: "z",
  η: "n",
  ι: "i",
  κ: "k",
  μ: "u",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  γ: "y",
};
const CONFUSABLE_CHARS = Object.keys(CONFUSABLES).join("");
const HAS_CONFUSABLE = new RegExp(`[${CONFUSABLE_CHARS}]`, "u");
// A "word" here is a run of letters, marks and digits, as the tokenizer sees it.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
// A word may be folded only if every letter is Latin or a look-alike: a real Cyrillic or Greek word
// (with letters that have no Latin twin) is left alone.
const FOLDABLE_WORD = new RegExp(`^(?:[\\p{Script=Latin}\\p{M}\\p{N}]|[${CONFUSABLE_CHARS}])+$`, "u");

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  shy: "",
  zwsp: "",
};

/** Full normalisation for matching: see the module header. Idempotent. */
export function normalizeText(raw: string, options: NormalizeOptions = {}): string {
  let s = htmlToText(raw, options.htmlComments ?? "strip");
  s = s.normalize("NFKC").replace(INVISIBLE, "");
  s = s.toLowerCase();
  s = foldConfusables(s);
  // NFKC again: folding may produce a base letter next to a combining mark.
  return s.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/** HTML comments and tags to plain text, with the common entities decoded. */
export function htmlToText(raw: string, comments: HtmlCommentMode = "strip"): string {
  // An unclosed comment hides the rest of the text in a browser: treat it the same way.
  let s = raw.replace(/<!--([\s\S]*?)(?:-->|$)/g, (_m, inner: string) =>
    comments === "keep" ? ` ${inner} ` : " ",
  );
  s = s.replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g, " ");
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (m, ent: string) => {
    if (ent.startsWith("#")) {
      const code =
        ent[1] === "x" || ent[1] === "X" ? Number.parseInt(ent.slice(2), 16) : Number(ent.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
    }
    return NAMED_ENTITIES[ent.toLowerCase()] ?? m;
  });
}

/**
 * Replaces Cyrillic/Greek look-alikes by Latin letters inside words: always in a word that also has
 * Latin letters ("r\u0435fund"), and in a word made only of look-alikes when the text is mostly
 * Latin (a disguised word in an English message), never in a genuinely Cyrillic or Greek text.
 */
export function foldConfusables(lower: string): string {
  if (!HAS_CONFUSABLE.test(lower)) return lower;
  const latin = lower.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const other = lower.match(/[\p{Script=Cyrillic}\p{Script=Greek}]/gu)?.length ?? 0;
  const latinText = latin > other;
  return lower.replace(WORD, (word) => {
    if (!HAS_CONFUSABLE.test(word) || !FOLDABLE_WORD.test(word)) return word;
    if (!latinText && !/\p{Script=Latin}/u.test(word)) return word;
    let out = "";
    for (const ch of word) out += CONFUSABLES[ch] ?? ch;
    return out;
  });
}

/** Drops combining marks (é→e, ü→u, å→a) the way FTS5's `remove_diacritics 2` does; ø, æ, ß stay. */
export function foldDiacritics(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

/** Words of an already normalised text: runs of Unicode letters and digits (ä, ø, é kept). */
export function tokenize(normalized: string): string[] {
  return normalized.match(WORD)?.map((w) => w.normalize("NFC")) ?? [];
}

/** Normalise, split into words, and fold diacritics: the usual input for matching. */
export function foldedWords(raw: string, options: NormalizeOptions = {}): string[] {
  return tokenize(normalizeText(raw, options)).map(foldDiacritics);
}
