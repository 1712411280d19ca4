// Text as a model reads it: look-alike letters and invisible characters undone, content words and crude
// stems for overlap. Pure. Good enough for a deterministic stand-in, never meant as real retrieval.

const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/;
/** Cyrillic and Greek letters that look Latin, the usual trick to slip a word past a keyword rule. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  х: "x",
  у: "y",
  і: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  һ: "h",
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  І: "I",
  ο: "o",
  α: "a",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ρ: "p",
  τ: "t",
  υ: "u",
  Ο: "O",
  Α: "A",
  Ε: "E",
};

/**
 * The text as a person reads it, and where each of its characters came from in the original (so an
 * exact quote can be cut from the original, tricks included, as a model that copies would).
 */
export function readable(text: string): { text: string; origin: number[] } {
  let out = "";
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (INVISIBLE.test(ch)) continue;
    out += LOOK_ALIKES[ch] ?? ch;
    origin.push(i);
  }
  return { text: out, origin };
}

/** The original text behind readable()[start, end). */
export function originalSlice(original: string, origin: number[], start: number, end: number): string {
  if (start >= end) return "";
  return original.slice(origin[start] ?? 0, (origin[end - 1] ?? original.length - 1) + 1);
}

/** A regex for whole-word alternatives, letters in any script, case-insensitive (\\b knows only ASCII). */
export function wholeWords(...alts: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

const STOP_WORDS = new Set(
  [
    // en
    "the a an and or but if of to in on at for with from by about as is are was were be been being do does",
    "did have has had i me my we our you your it its this that these those what which who how when where why",
    "can could will would should may might must not no yes there here than then so too very just also any some",
    "all more other into over out up off only please hi hello thanks thank get got am im ive dont cant",
    // de
    "der die das den dem des ein eine einen einem einer und oder aber ich mich mir mein meine wir uns unser",
    "sie ihr ihre ihnen es ist sind war waren bin hat haben habe kann können wie was wann wo warum welche",
    "welcher mit von zu zum zur auf für bei aus nach noch nicht auch nur schon sehr bitte hallo danke",
    // fr
    "le la les un une des de du et ou mais je mon ma mes nous notre vous votre vos il elle est sont pour avec",
    "dans sur par pas que qui quoi comment quand où ce cette ces puis bonjour merci",
    // es
    "el los las unos unas y o pero yo mi mis nuestro usted su sus es son está para con en por qué cómo",
    "cuándo dónde cuánto cuánta hola gracias",
    // nl
    "het een en maar ik mij mijn ons onze uw jullie je zijn kan kun hoe wat wanneer waar waarom welke met",
    "van voor naar op niet ook nog al dat die dit hallo bedankt",
    // da
    "og eller men jeg mig min mit mine vi os vores du dig din dit jer jeres er var hvordan hvad hvornår hvor",
    "hvorfor hvilke med fra til på af ikke også et den det hej tak",
  ]
    .join(" ")
    .split(" "),
);

function fold(word: string): string {
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Distinct crude stems of the words that carry meaning: five-letter prefixes of non-stop words. */
export function contentWords(text: string): Set<string> {
  const words =
    readable(text)
      .text.toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const stems = new Set<string>();
  for (const word of words) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    stems.add(fold(word).slice(0, 5));
  }
  return stems;
}

export function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const word of a) if (b.has(word)) n++;
  return n;
}
