// The Worker's prompt as data (the JSON document in the last user message) and the draft the brains answer.
// Pure. Tolerant on input, as a model is: a prompt that is not the document is plain text, never an error.

import { z } from "zod";

const Turn = z.looseObject({
  role: z.string(),
  body: z.string(),
  /** Not sent by the Worker today (it keeps internal notes out of the prompt); honoured if present. */
  internal: z.boolean().optional(),
  isPublic: z.boolean().optional(),
  public: z.boolean().optional(),
});
const DraftTask = z.looseObject({
  task: z.literal("draft_reply"),
  language: z.string().default("en"),
  brandTone: z.string().nullish(),
  customerName: z.string().nullish(),
  conversation: z.array(Turn).default([]),
  unanswered: z.string().default(""),
  knowledgeBase: z
    .array(z.looseObject({ id: z.number(), question: z.string(), answer: z.string() }))
    .default([]),
  policies: z
    .array(z.looseObject({ topic: z.string(), ruleText: z.string(), action: z.string() }))
    .default([]),
  revision: z.looseObject({ previousDraft: z.string(), problems: z.array(z.string()) }).nullish(),
});

export type DraftTask = z.infer<typeof DraftTask>;
export type KbEntry = DraftTask["knowledgeBase"][number];
export type Turn = z.infer<typeof Turn>;
export type Draft = {
  action: "reply" | "no_answer" | "escalate";
  reply: string;
  citations: number[];
  language: string;
  reason: string;
};

/** The task in the last user message, or null when that message is not the Worker's document. */
export function readTask(text: string): DraftTask | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const result = DraftTask.safeParse(raw);
  return result.success ? result.data : null;
}

/** A plain-text prompt read as if it were the task, so every brain has one shape to work on. */
export function plainTask(text: string): DraftTask {
  return {
    task: "draft_reply",
    language: "en",
    conversation: [{ role: "customer", body: text }],
    unanswered: text,
    knowledgeBase: [],
    policies: [],
  };
}

export function isInternal(turn: Turn): boolean {
  return turn.internal === true || turn.isPublic === false || turn.public === false;
}

/** What the customer is asking now: `unanswered`, else the customer's turns. */
export function customerText(task: DraftTask): string {
  if (task.unanswered.trim() !== "") return task.unanswered;
  return task.conversation
    .filter((t) => t.role === "customer")
    .map((t) => t.body)
    .join("\n");
}
