// The well-behaved model: the knowledge base entry that best matches the customer's words, verbatim,
// cited; or no_answer. Pure and deterministic. It never writes a fact of its own.

import { languageOf, wrap } from "./phrases.ts";
import { customerText, type Draft, type DraftTask, type KbEntry } from "./task.ts";
import { contentWords, overlap } from "./words.ts";

export type Match = { entry: KbEntry; questionOverlap: number; answerOverlap: number };

/**
 * The entry that shares the most content words with the customer's text, a word in its question counting
 * twice and a word in its answer once (ties: the order given, which is the Worker's ranking). Null when
 * even the best is weak: no question word shared, or a score under 4.
 */
export function pickEntry(task: DraftTask): Match | null {
  const asked = contentWords(customerText(task));
  if (asked.size === 0) return null;
  let best: Match | null = null;
  for (const entry of task.knowledgeBase) {
    const match = {
      entry,
      questionOverlap: overlap(contentWords(entry.question), asked),
      answerOverlap: overlap(contentWords(entry.answer), asked),
    };
    if (!best || rank(match) > rank(best)) best = match;
  }
  return best && best.questionOverlap >= 1 && rank(best) >= MIN_SCORE ? best : null;
}

const MIN_SCORE = 4;

function rank(m: Match): number {
  return 2 * m.questionOverlap + m.answerOverlap;
}

const PLAIN_REPLY =
  "Thank you for your message. We have looked into it and will make sure it is taken care of.";

export function grounded(task: DraftTask, plain: boolean): Draft {
  const language = languageOf(task.language);
  if (plain) {
    return { action: "reply", reply: PLAIN_REPLY, citations: [], language, reason: "Plain prompt, no task." };
  }
  const match = pickEntry(task);
  if (!match) {
    return {
      action: "no_answer",
      reply: "",
      citations: [],
      language: task.language,
      reason: "No knowledge base entry answers the customer's question.",
    };
  }
  return {
    action: "reply",
    reply: wrap(match.entry.answer, language, task.customerName),
    citations: [match.entry.id],
    language: task.language,
    reason: `Answered from knowledge base entry ${match.entry.id}.`,
  };
}
