// Customers and agents. Customers write in the stand-in's accounts (its control API: Zendesk's own UI),
// so each message reaches the Worker the real way, as the account's signed webhooks. Agents call the
// Worker's /api with the account's api_secret, as the sidebar does through Zendesk's proxy.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Account, Agent, Stack } from "./stack.ts";
import type { Answer, Tally } from "./tally.ts";

export type Intent = "answerable" | "approval" | "person" | "policy" | "unknown";
export interface Question {
  text: string;
  intent: Intent;
}

const Conversation = z.object({
  message: z.string(),
  expected: z.object({ outcome: z.string() }),
});
const INTENT: Record<string, Intent> = {
  reply: "answerable",
  approval_required: "approval",
  human_requested: "person",
  escalation: "policy",
  validation_failed: "unknown",
};

/** Nordlys Home's labelled demo conversations; Fjord Outdoor's questions in the same five kinds. */
export function questionsFor(subdomain: string): Question[] {
  if (subdomain === "nordlys") {
    const file = new URL("../../demo/conversations.json", import.meta.url);
    return z
      .array(Conversation)
      .parse(JSON.parse(readFileSync(file, "utf8")))
      .map((c) => ({ text: c.message, intent: INTENT[c.expected.outcome] ?? "unknown" }));
  }
  return [
    {
      text: "Hi, can I rent a tent from you instead of buying one? We go hiking for a week.",
      intent: "answerable",
    },
    { text: "Do you repair hiking boots? The sole of mine is coming off.", intent: "answerable" },
    { text: "How do I re-waterproof my rain jacket? It soaks through now.", intent: "answerable" },
    { text: "How long is the warranty on your sleeping bags?", intent: "answerable" },
    { text: "Do you ship to Sweden and Finland?", intent: "answerable" },
    { text: "Can I return gear I have used outdoors, and how do I get a refund?", intent: "approval" },
    { text: "I would like to talk to a real person please, not a bot.", intent: "person" },
    { text: "The stove caught fire on our trip and my friend was injured.", intent: "policy" },
    { text: "Do you sell gift cards for climbing courses in Lofoten?", intent: "unknown" },
  ];
}

/** The policy Fjord Outdoor's admin adds before the run, so both accounts hold drafts for approval. */
export const FJORD_APPROVAL_POLICY = {
  topic: "Refunds",
  ruleText: "A person approves every reply about a refund before it is sent.",
  conditions: { keywords: ["refund", "refunds", "money back"] },
  action: "require_approval",
};

const Created = z.object({
  ticket: z.object({ id: z.number(), requester_id: z.number() }),
  comments: z.array(z.object({ id: z.number() })),
  events: z.array(z.looseObject({ id: z.string(), type: z.string() })),
});
const Commented = z.object({
  events: z.array(z.looseObject({ id: z.string(), type: z.string() })),
});
export type WebhookBody = z.infer<typeof Created>["events"][number];

const send = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** A customer of `account` opens a ticket in Zendesk; the stand-in announces it to the Worker. */
export async function newTicket(
  stack: Stack,
  account: Account,
  customer: number,
  subject: string,
  text: string,
): Promise<{ ticketId: number; commentId: number; events: WebhookBody[] }> {
  const res = await fetch(
    `${stack.zendesk.origin}/${account.subdomain}/__standin/tickets`,
    send("POST", {
      subject,
      requester: { name: `Customer ${customer}`, email: `customer.${customer}@${account.subdomain}.example` },
      comments: [{ body: text }],
    }),
  );
  if (res.status !== 201) throw new Error(`stand-in: a new ticket answered ${res.status}`);
  const created = Created.parse(await res.json());
  return {
    ticketId: created.ticket.id,
    commentId: created.comments[0]?.id ?? 0,
    events: created.events,
  };
}

/** The ticket's requester writes again. */
export async function followUp(
  stack: Stack,
  account: Account,
  ticketId: number,
  text: string,
): Promise<{ events: WebhookBody[] }> {
  const res = await fetch(
    `${stack.zendesk.origin}/${account.subdomain}/__standin/tickets/${ticketId}/comments`,
    send("POST", { body: text, public: true, author: "requester" }),
  );
  if (!res.ok) throw new Error(`stand-in: a follow-up on ${ticketId} answered ${res.status}`);
  return Commented.parse(await res.json());
}

/** An agent's call to the Worker's /api, as the sidebar makes it. */
export function agentCall(
  stack: Stack,
  tally: Tally,
  account: Account,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  return tally.fetch(
    `${method} /api${path.replace(/\d{6,}/g, "{id}")}`,
    `${stack.worker.origin}/api${path}`,
    {
      method,
      headers: {
        authorization: `Bearer ${account.secret}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
  );
}

export const takeOver = (s: Stack, t: Tally, a: Account, id: number, agent: Agent) =>
  agentCall(s, t, a, "POST", `/tickets/${id}/takeover`, { agent });
export const release = (s: Stack, t: Tally, a: Account, id: number, agent: Agent) =>
  agentCall(s, t, a, "POST", `/tickets/${id}/release`, { agent });
export const resolve = (s: Stack, t: Tally, a: Account, id: number, agent: Agent) =>
  agentCall(s, t, a, "POST", `/tickets/${id}/resolve`, { agent });
export const readTicket = (s: Stack, t: Tally, a: Account, id: number) =>
  agentCall(s, t, a, "GET", `/tickets/${id}`);
export const approve = (s: Stack, t: Tally, a: Account, id: number, draftId: number, agent: Agent) =>
  agentCall(s, t, a, "POST", `/tickets/${id}/drafts/${draftId}/approve`, { agent });

const View = z.looseObject({
  state: z.string(),
  pendingDraft: z.object({ id: z.number() }).nullable(),
});

/** The held draft's id in a sidebar read, or null. */
export function heldDraft(answer: Answer): number | null {
  if (answer.status !== 200) return null;
  const view = View.safeParse(JSON.parse(answer.text));
  return view.success ? (view.data.pendingDraft?.id ?? null) : null;
}
