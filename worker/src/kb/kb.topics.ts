// The roles support concepts play in a question (text/concepts.ts), for ranking and the gate: frames
// that say what kind of answer is wanted, context that says where, things to be done, concepts an entry
// explains by speaking of another, and cases that contradict a wider one. Data and one pure test.
import { normalizeText } from "../text/normalize";

// Concepts that say what kind of answer is wanted ("how long", "how much"), not what it is about.
// "Pay for" says that something is paid, not what it costs ("when I pay for my order").
export const FRAME_CONCEPTS: ReadonlySet<string> = new Set(["duration", "cost", "payfor"]);

// What an answer to "how much" or "how long" states: an amount ("EUR 4.95", "49 kr", "€5", "free") or a
// time span ("3-5 working days", "within 48 hours", "2 Wochen"), in the six languages.
const AMOUNT =
  /(?:\d(?:[\d.,]*\d)?\s*(?:€|eur|euro|euros|kr|dkk|sek|nok|chf|\$|£|usd|gbp)(?![\p{L}]))|(?:(?:€|\$|£|eur|dkk|chf)\s*\d)|(?<![\p{L}])(?:free|gratis|kostenlos|kostenfrei|gratuit|gratuite|gratuito|gratuita|omkostningsfri|no charge)(?![\p{L}])/u;
const SPAN =
  /\d+\s*(?:[-–]|to|bis|tot|à|a|til)?\s*\d*\s*(?:working |business |werk|arbeits|hver|jours? ouvr\p{L}* |días? háb\p{L}* )?(?:days?|weeks?|hours?|months?|years?|tage?n?|wochen?|stunden?|monate?n?|jahre?n?|dag(?:en|e)?|weken|week|uur|uren|maand(?:en)?|jaar|jours?|semaines?|heures?|mois|ans?|días?|semanas?|horas?|meses|mes|años?|uger?|timer?|måneder?|år)(?![\p{L}])|(?<![\p{L}])(?:same day|next day|immediately|within|innerhalb|binnen|sofort|dans les|dentro de|inden for|straks|umgehend|direct)(?![\p{L}])/u;

/** Does an entry's text state what frame `c` asks for ("cost": an amount; "duration": a time span)? */
export function statesFrame(c: string, text: string): boolean {
  const t = normalizeText(text);
  return c === "cost" ? AMOUNT.test(t) : c === "duration" ? SPAN.test(t) : true;
}

/** Concepts an entry explains by speaking of another: an address and an e-mail are personal data. */
export const EXPLAINED_BY: Readonly<Record<string, readonly string[]>> = {
  address: ["privacy"],
  email: ["privacy"],
  // "At the showroom" is explained by an entry about showrooms or shops.
  instore: ["store"],
  // How it was paid is context to a refund ("I paid with PayPal - when is the money back?").
  payment: ["refund"],
  // A defect is what a warranty claim is about.
  damaged: ["claim"],
};

/** A concept of an entry's question, and the wider one a message says instead of it. */
export const CONTRASTS: Readonly<Record<string, string>> = {
  outofwarranty: "warranty",
  unsubscribe: "newsletter",
};

/** Concepts that are something the customer wants done (send back, change, collect), not a thing. */
export const ACTION_CONCEPTS: ReadonlySet<string> = new Set([
  "return",
  "refund",
  "exchange",
  "change",
  "pickup",
  "repair",
  "claim",
  "assembly",
  "disposal",
  "unsubscribe",
  "tracking",
]);

/**
 * Concepts that say where a question happens rather than what it is about: every delivery is a
 * parcel, and "your shop charged me twice" names the company, not its stores. A topic of the message
 * that the entry never says must not be one of these to refuse it (kb.gate.ts).
 */
export const CONTEXT_CONCEPTS: ReadonlySet<string> = new Set(["parcel", "store"]);
