// Greetings and sign-offs the offline drafter may put around a verbatim KB answer, per language.
// Pure. The customer's name is untrusted: only a plain first name ever reaches a reply.
import type { Language } from "../text/language";

const GREETING: Readonly<Record<Language, { named: (name: string) => string; plain: string }>> = {
  en: { named: (n) => `Hi ${n},`, plain: "Hello," },
  de: { named: (n) => `Hallo ${n},`, plain: "Hallo," },
  fr: { named: (n) => `Bonjour ${n},`, plain: "Bonjour," },
  es: { named: (n) => `Hola, ${n}:`, plain: "Hola:" },
  nl: { named: (n) => `Hallo ${n},`, plain: "Hallo," },
  da: { named: (n) => `Hej ${n},`, plain: "Hej," },
};

const SIGN_OFF: Readonly<Record<Language, string>> = {
  en: "Best regards",
  de: "Viele Grüße",
  fr: "Bien cordialement",
  es: "Un saludo",
  nl: "Met vriendelijke groet",
  da: "Venlig hilsen",
};

const MAX_NAME_LENGTH = 40;

/**
 * The first name to greet, or null. A display name may hold anything (an e-mail address, markup,
 * a whole sentence): only a first word made of letters (with inner ' or -) is used.
 */
export function greetingName(customerName: string | null | undefined): string | null {
  if (!customerName) return null;
  const first = customerName.normalize("NFKC").trim().split(/\s+/)[0] ?? "";
  if (first.length === 0 || first.length > MAX_NAME_LENGTH) return null;
  return /^\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*$/u.test(first) ? first : null;
}

export function greeting(language: Language, customerName?: string | null): string {
  const name = greetingName(customerName);
  return name === null ? GREETING[language].plain : GREETING[language].named(name);
}

export function signOff(language: Language): string {
  return SIGN_OFF[language];
}

/** The reply: greeting, the answer exactly as given, sign-off. */
export function wrapAnswer(answer: string, language: Language, customerName?: string | null): string {
  return `${greeting(language, customerName)}\n\n${answer}\n\n${signOff(language)}`;
}
