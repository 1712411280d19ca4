// The part of a message that asks: its question sentences, where a customer puts what they want to know
// (the rest is often context: "I posted it back last week."). Pure; no language needed.

// Sentence ends: . ! ? (one or more) followed by space, or a line break.
const SENTENCE_END = /(?<=[.!?])\s+|\n+/u;

/**
 * The message's question sentences (with "?" or "¿"), joined, or null when it has none (then the whole
 * message asks).
 */
export function askedPart(text: string): string | null {
  const questions = text.split(SENTENCE_END).filter((s) => /[?¿]/u.test(s));
  return questions.length === 0 ? null : questions.join(" ");
}
