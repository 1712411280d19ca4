// The offline drafter (no model): a confident approved KB answer, word for word, or a reason why not.
// Pure. It never writes its own text beyond a greeting and sign-off, and never applies policies (the caller does).
import { type Closest, closestEntries, type GateParams, type Judgement, judge } from "../kb/kb.gate";
import { rankCandidates } from "../kb/kb.rank";
import type { KbCandidate } from "../kb/kb.search";
import { asksForHuman } from "../text/human-request";
import { detectLanguage, type Language } from "../text/language";
import { foldedWords } from "../text/normalize";
import { type ThingKind, thingOf } from "../text/things";
import { wrapAnswer } from "./phrases";

export interface OfflineDraftInput {
  message: string;
  customerName?: string | null;
  /** Approved entries from the KB search (any order; other languages are ignored). */
  candidates: readonly KbCandidate[];
}

export type OfflineDraft =
  | { kind: "reply"; body: string; citations: number[]; language: Language; confidence: number }
  | {
      kind: "no_match";
      /** For the agent, in English: why nothing was sent, naming the closest entries. */
      reason: string;
      language: Language;
      /** Up to 3 approved entries that came closest, best first (possibly none): what the KB lacks. */
      closest: Closest[];
    }
  | { kind: "human_requested"; reason: string; language: Language };

export function offlineDraft(input: OfflineDraftInput, gate?: GateParams): OfflineDraft {
  const language = detectLanguage(input.message);
  if (asksForHuman(input.message)) {
    return { kind: "human_requested", reason: "The customer asked to talk to a person.", language };
  }
  if (foldedWords(input.message).length === 0) {
    return {
      kind: "no_match",
      reason: "The message has no words to look up in the knowledge base (offline drafter).",
      language,
      closest: [],
    };
  }
  const verdict = judge(rankCandidates(input.message, language, input.candidates), gate);
  if (verdict.kind === "accept" && verdict.best.entry.answer.trim().length > 0) {
    return {
      kind: "reply",
      body: wrapAnswer(verdict.best.entry.answer, language, input.customerName),
      citations: [verdict.best.entry.id],
      language,
      confidence: verdict.confidence,
    };
  }
  const closest = closestEntries(verdict.kind === "refuse" ? verdict.ranked : [verdict.best]);
  return { kind: "no_match", reason: noMatchReason(verdict, language, closest), language, closest };
}

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: "English",
  de: "German",
  fr: "French",
  es: "Spanish",
  nl: "Dutch",
  da: "Danish",
};

const WHY: Readonly<Record<Exclude<Judgement, { kind: "accept" }>["why"] | "empty", string>> = {
  nothing: "no approved entry shares its words",
  weak: "the closest entry's question is barely covered",
  close: "two entries fit about equally well",
  same_words: "the closest entries share the same words of the message but answer different things",
  other_thing: "the message names something the closest entry is not about",
  other_topic: "the message asks about something the closest entry never mentions",
  empty: "the matching entry has no answer",
};

const KIND_NAMES = {
  country: "country",
  payment: "payment method",
  carrier: "carrier",
  voucher: "gift card",
  product: "kind of product",
  material: "material",
  group: "group of customers",
  range: "range",
  channel: "channel",
} as const satisfies Record<ThingKind, string>;

/** "the message names Austria; the closest entry is about another country (Germany)". */
function otherThingWhy(verdict: Judgement): string | null {
  const other = verdict.kind === "refuse" ? verdict.ranked[0]?.otherThing : null;
  if (!other) return null;
  const names = (ids: readonly string[]) => ids.map((id) => thingOf(other.kind, id)?.name ?? id).join(", ");
  if (other.how === "unsaid")
    return `the message asks about ${names(other.named)}, which the closest entry never mentions`;
  return `the message names ${names(other.named)}; the closest entry is about another ${KIND_NAMES[other.kind]} (${names(other.entry)})`;
}

/** For the agent who picks the ticket up (an attention item reason), never for the customer. */
function noMatchReason(verdict: Judgement, language: Language, closest: readonly Closest[]): string {
  const why = otherThingWhy(verdict) ?? WHY[verdict.kind === "accept" ? "empty" : verdict.why];
  const head = `No confident ${LANGUAGE_NAMES[language]} knowledge-base answer (offline drafter): ${why}.`;
  if (closest.length === 0) return head;
  const named = closest.map((c) => `#${c.id} "${c.question}"`).join(", ");
  return `${head} Closest: ${named}.`;
}
