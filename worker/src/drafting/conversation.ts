// Pure helpers that turn comments into the conversation the AI reads, and
// pick the customer messages a reply must answer. No I/O.
import type { HelpdeskComment } from "../helpdesk/helpdesk.port";
import type { StoredMessage } from "../tickets/message.repo";
import type { ConversationTurn } from "./drafter.port";

/**
 * The conversation as Zendesk holds it, with each author classified. What we
 * recorded from webhooks (is_staff) wins; otherwise the requester is the
 * customer, the AI agent is the AI, and anyone else is a human agent.
 */
export function buildConversation(
  comments: HelpdeskComment[],
  known: StoredMessage[],
  ids: { aiAgentId: number | null; requesterId: number | null },
): ConversationTurn[] {
  const byId = new Map(known.map((m) => [m.commentId, m]));
  return comments.map((c) => {
    const k = byId.get(c.id);
    const role: ConversationTurn["role"] =
      c.authorId === ids.aiAgentId
        ? "ai"
        : (k?.authorKind ?? (c.authorId === ids.requesterId ? "customer" : "agent"));
    return { role, name: k?.authorName ?? null, body: c.body, isPublic: c.isPublic };
  });
}

/**
 * Customer messages still waiting for an answer: every `pending` one, and,
 * when the AI takes a ticket back (`includeHeld`), those a human held but did
 * not answer publicly afterwards.
 */
export function unansweredMessages(messages: StoredMessage[], includeHeld: boolean): StoredMessage[] {
  let lastPublicReply = -1;
  messages.forEach((m, i) => {
    if (m.isPublic && m.authorKind !== "customer") lastPublicReply = i;
  });
  return messages.filter(
    (m, i) =>
      m.authorKind === "customer" &&
      (m.disposition === "pending" || (includeHeld && m.disposition === "held" && i > lastPublicReply)),
  );
}

/**
 * Customer messages a person already answered in Zendesk, as Zendesk holds the
 * conversation: those before the last public comment by someone who is neither
 * the requester nor the AI. Their answer's webhook may still be on its way (a
 * reply sent right before a release): the AI must not answer them again.
 */
export function answeredInZendesk(
  todo: readonly StoredMessage[],
  comments: readonly HelpdeskComment[],
  ids: { aiAgentId: number | null; requesterId: number | null },
): number[] {
  let lastHuman = -1;
  comments.forEach((c, i) => {
    if (c.isPublic && c.authorId !== ids.aiAgentId && c.authorId !== ids.requesterId) lastHuman = i;
  });
  if (lastHuman < 0) return [];
  const before = new Set(comments.slice(0, lastHuman).map((c) => c.id));
  return todo.filter((m) => before.has(m.commentId)).map((m) => m.commentId);
}
