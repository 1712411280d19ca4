// The one short sentence the AI posts when a ticket starts waiting for a person:
// fixed text per language, never drafted (a model cannot be talked into more).
import type { Language } from "../text/language";

const ACKNOWLEDGEMENT: Readonly<Record<Language, string>> = {
  en: "Thank you for your message. Someone from our team will get back to you here as soon as possible.",
  de: "Danke für Ihre Nachricht. Jemand aus unserem Team meldet sich hier so bald wie möglich bei Ihnen.",
  fr: "Merci pour votre message. Une personne de notre équipe vous répondra ici dès que possible.",
  es: "Gracias por su mensaje. Una persona de nuestro equipo le responderá aquí lo antes posible.",
  nl: "Bedankt voor uw bericht. Iemand van ons team reageert hier zo snel mogelijk.",
  da: "Tak for din besked. En fra vores team vender tilbage til dig her hurtigst muligt.",
};

export function acknowledgement(language: Language): string {
  return ACKNOWLEDGEMENT[language];
}
