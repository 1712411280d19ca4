// The careless model: a confident answer that no knowledge base entry backs (a price, a date, a lifetime
// warranty) citing an id that does not exist. Pure. It never improves on revision.

import { languageOf, MADE_UP_CITATION, SLOPPY, wrap } from "./phrases.ts";
import type { Draft, DraftTask } from "./task.ts";

export function sloppy(task: DraftTask): Draft {
  const language = languageOf(task.language);
  return {
    action: "reply",
    reply: wrap(SLOPPY[language], language, task.customerName),
    citations: [MADE_UP_CITATION],
    language: task.language,
    reason: "Answered the customer's question.",
  };
}
