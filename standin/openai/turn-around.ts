// The customer's clause read back from the company's side: my → your, you → we, ich → Sie, jullie → wij.
// Pure, one pass over whole words, so a swap is never swapped back. Grammar beyond pronouns is not its job.

import type { Language } from "./phrases.ts";

/** How a customer's "my"/"you" reads from the company's side, per language (single pass, whole words). */
const TURN_AROUND: Readonly<Record<Language, Record<string, string>>> = {
  en: {
    my: "your",
    me: "you",
    mine: "yours",
    i: "you",
    "i'm": "you're",
    "i've": "you've",
    "i'll": "you'll",
    myself: "yourself",
    you: "we",
    your: "our",
    "you'll": "we'll",
    "you're": "we're",
  },
  de: {
    mein: "Ihr",
    meine: "Ihre",
    meinen: "Ihren",
    meinem: "Ihrem",
    meiner: "Ihrer",
    meines: "Ihres",
    mir: "Ihnen",
    mich: "Sie",
    ich: "Sie",
    Sie: "wir",
    Ihre: "unsere",
    Ihren: "unseren",
    Ihr: "unser",
    Ihnen: "uns",
    dein: "Ihr",
    deine: "Ihre",
  },
  fr: {
    mon: "votre",
    ma: "votre",
    mes: "vos",
    je: "vous",
    moi: "vous",
    me: "vous",
    vous: "nous",
    votre: "notre",
    vos: "nos",
  },
  es: { mi: "su", mis: "sus", me: "le", yo: "usted", os: "nos", vuestro: "nuestro", vuestra: "nuestra" },
  nl: { mijn: "uw", mij: "u", me: "u", ik: "u", jullie: "wij", uw: "onze" },
  da: { min: "din", mit: "dit", mine: "dine", mig: "dig", jeg: "du", I: "vi", jeres: "vores", jer: "os" },
};

/** Swaps my/your, ich/Sie, mijn/uw ... in one pass, so "you will refund me" becomes "we will refund you". */
export function turnAround(clause: string, language: Language): string {
  const map = TURN_AROUND[language];
  const caseSensitive = language === "de" || language === "da";
  return clause.replace(/[\p{L}'’]+/gu, (word) => {
    const swapped = map[word] ?? (caseSensitive ? undefined : map[word.toLowerCase()]);
    if (swapped === undefined) return word;
    // German and Danish targets carry their own case (Sie, Ihr, I); elsewhere keep the sentence's.
    const capital = !caseSensitive && word !== "I" && word[0] !== word[0]?.toLowerCase();
    return capital ? swapped[0]?.toUpperCase() + swapped.slice(1) : swapped;
  });
}

/** Spanish customers address the company as vosotros: "me devolvéis" reads back as "le devolvemos". */
export function weForms(clause: string, language: Language): string {
  if (language !== "es") return clause;
  return clause.replace(
    /(\p{L}{3,})([áé])is(?![\p{L}])/gu,
    (_, stem: string, v: string) => `${stem}${v === "á" ? "a" : "e"}mos`,
  );
}
