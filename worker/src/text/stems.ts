// Words to stems for matching, per language: Snowball stemmers and stop-word lists from @orama (en, de, fr,
// es, nl, da), plus the words every support chat uses. Pure and cached; no language detection, no ranking.
import { stemmer as da } from "@orama/stemmers/danish";
import { stemmer as nl } from "@orama/stemmers/dutch";
import { stemmer as en } from "@orama/stemmers/english";
import { stemmer as fr } from "@orama/stemmers/french";
import { stemmer as de } from "@orama/stemmers/german";
import { stemmer as es } from "@orama/stemmers/spanish";
import { stopwords as daStop } from "@orama/stopwords/danish";
import { stopwords as nlStop } from "@orama/stopwords/dutch";
import { stopwords as enStop } from "@orama/stopwords/english";
import { stopwords as frStop } from "@orama/stopwords/french";
import { stopwords as deStop } from "@orama/stopwords/german";
import { stopwords as esStop } from "@orama/stopwords/spanish";
import { FUNCTION_WORDS, LANGUAGES, type Language } from "./language";
import { foldDiacritics, normalizeText, tokenize } from "./normalize";

const STEMMERS: Readonly<Record<Language, (word: string) => string>> = { en, de, fr, es, nl, da };

// What Snowball's lists leave out but a support message is full of: greetings, thanks, sign-offs,
// the pieces our tokenizer makes of contractions and elisions, and verbs of wanting and getting.
// They say nothing about which entry answers a message.
const CHAT_WORDS: Readonly<Record<Language, string>> = {
  en: `hi hello hey dear thanks thank please regards cheers best kind morning afternoon evening ok okay
    don doesn didn isn aren wasn weren haven hasn hadn couldn wouldn shouldn won can't cannot ll ve re
    get got getting want wanted need needed like would know let just also still already really anyway
    maybe actually something anything one two three question questions help problem customer team
    work works working look looking way even guess possible possibly honest honestly roughly use used
    using show shows made new thing things somewhere anyone everything lot lots bit sure fine great`,
  de: `hallo hi hey liebe lieber sehr geehrte geehrter damen herren danke dank vielen bitte gruß grüße
    freundlichen guten tag morgen abend möchte möchten würde gerne gern bekommen frage fragen hilfe
    kunde kundin leider schon mal eigentlich einfach ja nein ok möglich unser unsere unserer unseren
    ungefähr neu neue etwa`,
  fr: `bonjour bonsoir salut madame monsieur merci cordialement bien cordialement svp plaît s'il
    voudrais voulez veux aimerais peux pouvez puis est-ce ça question aide client cliente oui non
    déjà encore aussi très ok possible fait faire nouveau nouvelle`,
  es: `hola buenos buenas gracias saludos favor quiero quería quisiera necesito pregunta ayuda cliente
    ok sí vuestro vuestra vuestros vuestras`,
  nl: `hoi hallo hey beste bedankt dank alvast groeten groetjes vriendelijke graag goedemorgen
    goedemiddag wil wilt willen zou kun kunt mag vraag vragen hulp klant even gewoon ok mogelijk
    jullie nieuw nieuwe`,
  da: `hej kære tak mvh venlig venlige hilsen gerne spørgsmål hjælp kunde kan bare lige godt ok muligt
    jeres ny nye`,
};

const fold = (w: string) => foldDiacritics(w);
const STOP: ReadonlyMap<Language, ReadonlySet<string>> = new Map(
  LANGUAGES.map((lang) => {
    const lists = { en: enStop, de: deStop, fr: frStop, es: esStop, nl: nlStop, da: daStop }[lang];
    // The language detector's function words too: everyday verbs and adverbs Snowball does not list.
    const chat = `${CHAT_WORDS[lang]} ${FUNCTION_WORDS[lang]}`
      .split(/\s+/)
      .flatMap((w) => tokenize(normalizeText(w)));
    return [lang, new Set([...lists, ...chat].map((w) => fold(w.toLowerCase())))];
  }),
);

/** A stop word or chat word of `language` (lower-case input; diacritics may or may not be folded). */
export function isStopWord(word: string, language: Language): boolean {
  return STOP.get(language)?.has(fold(word)) ?? false;
}

// Stems repeat across messages and KB entries: a bounded cache (a pure function's, never changes a result).
const CACHE = new Map<string, string>();
const CACHE_SIZE = 20_000;

/**
 * Snowball stem of a lower-case word in `language`, diacritics folded afterwards (the stemmers need them:
 * French "-ée", Danish "-ø-"; the search index has them folded). Numbers and words with digits stay.
 */
export function stem(word: string, language: Language): string {
  if (/\d/.test(word)) return word;
  const key = `${language}:${word}`;
  const hit = CACHE.get(key);
  if (hit !== undefined) return hit;
  if (CACHE.size >= CACHE_SIZE) CACHE.clear();
  const out = fold(STEMMERS[language](language === "de" ? withoutZu(word) : word));
  CACHE.set(key, out);
  return out;
}

// German separable verbs take "zu" inside the infinitive: "zurückzusenden" is "zurücksenden".
const ZU_INFINITIVE =
  /^(ab|an|auf|aus|bei|ein|fest|her|hin|los|mit|nach|vor|weg|zurück|zusammen)zu(\p{L}{2,}(?:en|ern|eln))$/u;
const withoutZu = (word: string) => word.replace(ZU_INFINITIVE, "$1$2");

/** Words shorter than this are never content (and never search terms). */
export const MIN_WORD_LENGTH = 2;

/** A word that may say what a message is about: not a stop or chat word, not a number, not one letter. */
export function isContentWord(word: string, language: Language): boolean {
  return word.length >= MIN_WORD_LENGTH && !/^\d+$/.test(word) && !isStopWord(word, language);
}
