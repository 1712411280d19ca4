// Greetings, sign-offs and the sloppy brain's made-up answer, per language. Pure data.
// Unknown languages get English: a stand-in has no business guessing.

export const LANGUAGES = ["en", "de", "fr", "es", "nl", "da"] as const;
export type Language = (typeof LANGUAGES)[number];

export function languageOf(code: string | undefined): Language {
  const short = (code ?? "en").slice(0, 2).toLowerCase();
  return LANGUAGES.find((l) => l === short) ?? "en";
}

const GREETING: Readonly<Record<Language, { named: string; plain: string }>> = {
  en: { named: "Hi {name},", plain: "Hello," },
  de: { named: "Hallo {name},", plain: "Hallo," },
  fr: { named: "Bonjour {name},", plain: "Bonjour," },
  es: { named: "Hola, {name}:", plain: "Hola:" },
  nl: { named: "Hallo {name},", plain: "Hallo," },
  da: { named: "Hej {name},", plain: "Hej," },
};

const SIGN_OFF: Readonly<Record<Language, string>> = {
  en: "Best regards",
  de: "Viele Grüße",
  fr: "Bien cordialement",
  es: "Un saludo",
  nl: "Met vriendelijke groet",
  da: "Venlig hilsen",
};

/** Only a plain first name is used; a display name can hold anything. */
function firstName(name: string | null | undefined): string | null {
  const first = (name ?? "").trim().split(/\s+/)[0] ?? "";
  return /^\p{L}[\p{L}'’-]{0,39}$/u.test(first) ? first : null;
}

export function wrap(body: string, language: Language, customerName?: string | null): string {
  const name = firstName(customerName);
  const greeting = name ? GREETING[language].named.replace("{name}", name) : GREETING[language].plain;
  return `${greeting}\n\n${body}\n\n${SIGN_OFF[language]}`;
}

/** Confident, specific and backed by nothing: a price, a date and a promise no KB entry holds. */
export const SLOPPY: Readonly<Record<Language, string>> = {
  en: "Good news: this is covered. It costs only EUR 129.00, we guarantee delivery by 3 March, and you get a lifetime warranty on top.",
  de: "Gute Nachricht: Das ist abgedeckt. Es kostet nur EUR 129,00, wir garantieren die Lieferung bis zum 3. März, und Sie erhalten zusätzlich eine lebenslange Garantie.",
  fr: "Bonne nouvelle : c'est couvert. Cela coûte seulement 129,00 EUR, nous garantissons la livraison avant le 3 mars, et vous bénéficiez en plus d'une garantie à vie.",
  es: "Buenas noticias: está cubierto. Solo cuesta 129,00 EUR, garantizamos la entrega antes del 3 de marzo y además tiene garantía de por vida.",
  nl: "Goed nieuws: dit is gedekt. Het kost maar EUR 129,00, we garanderen levering vóór 3 maart en u krijgt er levenslange garantie bij.",
  da: "Gode nyheder: det er dækket. Det koster kun EUR 129,00, vi garanterer levering inden 3. marts, og du får livstidsgaranti oveni.",
};

/** An id no knowledge base holds, so a validator that checks citations has something to catch. */
export const MADE_UP_CITATION = 999999;
