// Language of a customer message or KB entry among the six the product speaks (en, de, fr, es, nl, da).
// Pure and cheap, never throws; English when the evidence is weak. No stemming or matching (stems.ts, features.ts).
import { foldDiacritics, normalizeText, tokenize } from "./normalize";

export const LANGUAGES = ["en", "de", "fr", "es", "nl", "da"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

// Function words (articles, pronouns, prepositions, auxiliaries, modal verbs, conjunctions,
// question words) and greetings. They identify the language here and, with Snowball's lists, are stop
// words for search (stems.ts).
export const FUNCTION_WORDS: Readonly<Record<Language, string>> = {
  en: `the a an and or but is are was were be been being have has had do does did done i you he she it
    we they my your our their me him her us them this that these those what which who whom when where why
    how to of in on at for with from by about can could would should will shall may might must not no yes
    if so than then there here just also still any some all more very thanks thank please hi hello hey
    into out up its it's dont don't doesn't isn't i'm i've i'd i'll you're we're can't cannot haven't
    hasn't didn't won't wouldn't couldn't t ll ve re m s d ok okay yet already again only really because
    since while until each other there's what's dear regards best cheers kind anyway actually maybe
    bit quite thing things something anything nothing someone one two three four five six seven eight
    nine ten both every around now today yesterday tomorrow ago last next many much few get got like
    want need know look say see morning afternoon evening wondering before after during without within
    between through against above below off across behind take make give go come put let keep try find`,
  de: `der die das und ist nicht ich sie es wir ihr mein meine meinen meiner meinem ihre ihren ihrem
    ein eine einen einem einer eines mit von zu zum zur auf für im dem den des bei nach aus wie was wann
    wo warum weshalb kann können könnte könnten möchte möchten habe haben hat hatte bin sind war waren wurde
    werden wird auch noch schon aber oder wenn dass daß bitte danke hallo guten tag sehr geehrte geehrter
    damen herren mir mich uns euch euer eure leider nur jetzt ob sich um über vor seit kein keine keinen
    gibt geht doch mal gern gerne grüße gruß grüßen freundlichen vielen dank man so an in es da hier ja
    nein sein ihnen ihrer einmal etwas nichts jemand alle alles diese dieser dieses diesen denn weil also
    sollte soll muss müssen darf dürfen wäre würde würden hätte eins zwei drei vier fünf sechs sieben
    acht neun zehn heute gestern während ohne innerhalb zwischen durch gegen finde finden machen geben`,
  fr: `le la les un une des du de et est sont pas ne je j tu il elle nous vous ils elles mon ma mes ton
    ta votre vos notre nos son sa ses ce cet cette ces qui que qu quoi quand où pourquoi comment combien
    pour avec sans dans sur par au aux en y a ai as avez avons ont suis êtes été être avoir peux peut
    pouvez puis puisse voudrais voulez veux bonjour bonsoir merci madame monsieur cordialement si mais
    ou donc aussi encore déjà très plus moins me m te se s lui leur leurs c d l n il s'il plaît est-ce
    ça cela ceci oui non rien quelque quelqu'un tout tous toute toutes chez bien alors parce deux trois
    quatre cinq six sept huit neuf dix hier aujourd'hui demain pendant entre contre trouve trouver`,
  es: `el la los las un una unos unas y o de del al en con por para sin sobre es son está están estoy soy
    ser no sí yo tú usted ustedes él ella nosotros vosotros mi mis tu tus su sus nuestro nuestra que qué
    cuándo dónde cómo cuánto cuánta cuántos cuántas porque hola gracias buenos buenas saludos puedo
    puede pueden podéis podría quiero quería quisiera tengo tiene tienen tenéis hay me te se le lo les
    nos os muy más pero también ya todavía aún este esta esto ese esa eso favor nada algo alguien todo
    todos toda todas cuando donde como desde hasta sois sea fue han ha he uno dos tres cuatro cinco seis
    siete ocho nueve diez ayer hoy durante entre contra encuentro encontrar`,
  nl: `de het een en is niet ik je jij u we wij jullie mijn uw onze ons van voor met op aan bij naar uit
    om te dat die dit deze wat wanneer waar waarom hoe kan kun kunt kunnen mag mogen moet moeten wil wilt
    willen heb hebt heeft hebben ben bent zijn was waren wordt worden werd ook nog al maar of als dan
    graag bedankt dank alvast hoi hallo groeten groetjes vriendelijke geen er hier daar nu even gewoon zo
    wel heel iets niets niks mij me hem haar ze zij hun door over tot zou zouden welke goedemorgen
    goedemiddag ja nee omdat want toch eens twee drie vier vijf zes zeven acht negen tien gisteren
    vandaag tijdens zonder binnen tussen tegen vind vinden`,
  da: `og i er det den de en et til af for med på at som jeg du vi han hun min mit mine din dit jeres
    vores har havde kan kunne vil ville skal skulle må ikke også men eller hvis hvordan hvad hvornår
    hvor hvorfor hvilke hvilken hej tak mvh venlig venlige hilsen fra om efter før nu så lige bare jo
    nok sig mig dig os jer dem hos ved få fik blev bliver være været gerne godt noget ingen man der ja
    tager tage imod bruge bruger
    nej kære fordi endnu stadig allerede to tre fire fem seks syv otte ni ti uden inden mellem mod finde
    finder`,
};

// Everyday words that tell the languages apart but carry meaning, so they are not stop words.
const EVERYDAY_WORDS: Readonly<Record<Language, string>> = {
  en: `order after before week weeks day days month long time same way back question help`,
  de: `bestellung morgen woche wochen tage tagen monat bekommen zurück geld frage`,
  fr: `commande fait faire faut avant après depuis jours semaine semaines mois demain`,
  es: `pedido días semana semanas mes mañana hace hacer hice hizo`,
  nl: `bestelling dag vorige week weken dagen maand morgen doe doen krijg krijgen terug geld vraag`,
  da: `ordre bestilling dag dage uge uger måned siden sidste næste i går i dag tilbage penge spørgsmål
    over under`,
};

/** The words of a word list as matching sees them: normalised, tokenised, diacritic-folded. */
export const listWords = (list: string): string[] =>
  list
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => tokenize(normalizeText(w)).map(foldDiacritics));

const LEXICON: ReadonlyMap<string, readonly Language[]> = (() => {
  const map = new Map<string, Language[]>();
  for (const lang of LANGUAGES) {
    for (const word of listWords(`${FUNCTION_WORDS[lang]} ${EVERYDAY_WORDS[lang]}`)) {
      const langs = map.get(word) ?? [];
      if (!langs.includes(lang)) langs.push(lang);
      map.set(word, langs);
    }
  }
  return map;
})();

// Letters and letter groups typical of one language (or two), with a weight per occurrence.
const LETTER_HINTS: ReadonlyArray<readonly [RegExp, Partial<Record<Language, number>>]> = [
  [/ß/gu, { de: 1.5 }],
  [/[äöü]/gu, { de: 0.8 }],
  [/[æø]/gu, { da: 1.5 }],
  [/å/gu, { da: 1 }],
  [/[ñ¿¡]/gu, { es: 1.5 }],
  [/[áíóú]/gu, { es: 0.6 }],
  [/[èêàâçîôûùœ]/gu, { fr: 0.8 }],
  [/é/gu, { fr: 0.4, es: 0.2 }],
  [/ij/gu, { nl: 0.6 }],
  [/\p{L}(?:ung|ungen|keit|heit|lich|schaft)\b/gu, { de: 0.5 }],
  [/sch/gu, { de: 0.3, nl: 0.15 }],
  [/\p{L}(?:tje|tjes|heid|lijk|lijke)\b/gu, { nl: 0.5 }],
  [/(?:aa|oe|uu)/gu, { nl: 0.3 }],
  [/\bhv/gu, { da: 0.6 }],
  [/\p{L}(?:hed|else|erne|ene)\b/gu, { da: 0.4 }],
  [/\p{L}(?:ción|ciones|dad|mente)\b/gu, { es: 0.5 }],
  [/\p{L}(?:eux|euse|aux|oire|ement)\b/gu, { fr: 0.5 }],
  [/\p{L}(?:ing|ed|ly)\b/gu, { en: 0.3 }],
  [/th/gu, { en: 0.3 }],
  [/\b(?:[jlndmsc]|qu)'/gu, { fr: 0.8 }],
];

/** Per-language evidence (exported for tests and diagnostics). */
export function languageScores(text: string): Record<Language, number> {
  const scores: Record<Language, number> = { en: 0, de: 0, fr: 0, es: 0, nl: 0, da: 0 };
  // Long texts: the first 4,000 characters say enough and keep the cost bounded.
  const normalized = normalizeText(text.slice(0, 4_000));
  for (const word of tokenize(normalized).map(foldDiacritics)) {
    const langs = LEXICON.get(word);
    if (!langs) continue;
    for (const lang of langs) scores[lang] += 1 / langs.length;
  }
  const letters = normalized.replace(/[’`´]/g, "'");
  for (const [pattern, weights] of LETTER_HINTS) {
    const hits = Math.min(letters.match(pattern)?.length ?? 0, 6);
    if (hits === 0) continue;
    for (const lang of LANGUAGES) scores[lang] += hits * (weights[lang] ?? 0);
  }
  return scores;
}

/** The most likely language; English unless another language has clear evidence. */
export function detectLanguage(text: string): Language {
  const scores = languageScores(text);
  let best: Language = "en";
  for (const lang of LANGUAGES) if (scores[lang] > scores[best]) best = lang;
  return scores[best] >= 0.6 ? best : "en";
}
