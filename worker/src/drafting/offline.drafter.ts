// The offline drafter (no model): a confident approved KB answer, word for word, or a reason why not.
// Pure. It never writes its own text beyond a greeting and sign-off, and never applies policies (the caller does).
import { MIN_MARGIN, pickConfidentMatch, rankCandidates } from "../kb/kb.rank";
import type { KbCandidate } from "../kb/kb.search";
import { asksForHuman } from "../text/human-request";
import { detectLanguage, type Language } from "../text/language";
import { foldedWords } from "../text/normalize";
import { wrapAnswer } from "./phrases";

export interface OfflineDraftInput {
  message: string;
  customerName?: string | null;
  /** Approved entries from the KB search (any order; other languages are ignored). */
  candidates: readonly KbCandidate[];
}

export type OfflineDraft =
  | { kind: "reply"; body: string; citations: number[]; language: Language; confidence: number }
  | { kind: "no_match"; reason: string; language: Language }
  | { kind: "human_requested"; reason: string; language: Language };

export function offlineDraft(input: OfflineDraftInput): OfflineDraft {
  const language = detectLanguage(input.message);
  if (asksForHuman(input.message)) {
    return { kind: "human_requested", reason: "The customer asked to talk to a person.", language };
  }
  if (foldedWords(input.message).length === 0) {
    return {
      kind: "no_match",
      reason: "The message has no words to look up in the knowledge base.",
      language,
    };
  }
  const match = pickConfidentMatch(input.message, language, input.candidates);
  if (match === null || match.entry.answer.trim().length === 0) {
    return { kind: "no_match", reason: noMatchReason(input.message, language, input.candidates), language };
  }
  return {
    kind: "reply",
    body: wrapAnswer(match.entry.answer, language, input.customerName),
    citations: [match.entry.id],
    language,
    confidence: match.confidence,
  };
}

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: "English",
  de: "German",
  fr: "French",
  es: "Spanish",
  nl: "Dutch",
  da: "Danish",
};

/** For the agent who picks the ticket up (an attention item reason), never for the customer. */
function noMatchReason(message: string, language: Language, candidates: readonly KbCandidate[]): string {
  const lang = LANGUAGE_NAMES[language];
  const [best, second] = rankCandidates(message, language, candidates);
  if (best === undefined || best.score <= 0) {
    return `No approved knowledge-base entry in ${lang} matches this message (offline drafter).`;
  }
  const pct = Math.round(best.questionCoverage * 100);
  const near =
    second !== undefined && second.score > 0 && (best.score - second.score) / best.score < MIN_MARGIN
      ? ` and "${second.entry.question}" matches about as well`
      : "";
  return (
    `No confident knowledge-base answer (offline drafter): the closest entry, "${best.entry.question}", ` +
    `covers ${pct}% of its question${near}.`
  );
}
