// Applies one accepted Zendesk webhook to our state: records the comment,
// moves the ticket (implicit take over, reopen, resolve), then lets the AI
// answer what is pending. Idempotent: a redelivery or a retry changes nothing
// twice, because comments are keyed by their Zendesk id.
import type { Services } from "../services";
import { draftForTicket } from "../drafting/pipeline";
import { applyEvent, runEffects } from "../tickets/ticket.service";
import type { Job } from "./messages";

type ZendeskEvent = Extract<Job, { type: "zendesk_event" }>["event"];

const CLOSED = new Set(["solved", "closed"]);

export async function applyZendeskEvent(s: Services, ev: ZendeskEvent): Promise<void> {
  const now = s.now();
  const ai = s.config.zendesk.aiAgentId;
  switch (ev.kind) {
    case "comment_added": {
      if (await s.tickets.ensure(ev.ticketId, now, { requesterId: ev.requesterId, subject: ev.subject })) {
        await runEffects(s, ev.ticketId, [{ type: "sync_zendesk" }], { inlineSync: true });
      }
      const { comment } = ev;
      const kind = comment.author.id === ai ? "ai" : comment.author.isStaff ? "agent" : "customer";
      await recordComment(s, ev.ticketId, {
        id: comment.id,
        kind,
        authorId: comment.author.id,
        authorName: comment.author.name,
        isPublic: comment.isPublic,
        body: comment.body,
        at: ev.occurredAt ?? now,
      });
      break;
    }
    case "ticket_created": {
      if (await s.tickets.ensure(ev.ticketId, now, { requesterId: ev.requesterId, subject: ev.subject })) {
        await runEffects(s, ev.ticketId, [{ type: "sync_zendesk" }], { inlineSync: true });
      }
      // The created event carries no comment: read the first one (the ticket's
      // description) from Zendesk. Later comments arrive as their own events;
      // the same first comment may too, and its id de-duplicates.
      const comments = (await s.helpdesk.listComments(ev.ticketId)).slice(0, 1);
      for (const c of comments) {
        const kind = c.authorId === ai ? "ai" : c.authorId === ev.requesterId ? "customer" : "agent";
        await recordComment(s, ev.ticketId, {
          id: c.id,
          kind,
          authorId: c.authorId,
          authorName: null,
          isPublic: c.isPublic,
          body: c.body,
          at: Date.parse(c.createdAt) || now,
        });
      }
      break;
    }
    case "status_changed": {
      if (CLOSED.has(ev.current)) {
        await s.tickets.ensure(ev.ticketId, now);
        await applyEvent(
          s,
          ev.ticketId,
          { type: "resolve", agent: null, source: "zendesk" },
          { inlineSync: true },
        );
      }
      return;
    }
  }
  // Always, so that a retried delivery still finishes what it started.
  await draftForTicket(s, ev.ticketId, false);
}

async function recordComment(
  s: Services,
  ticketId: number,
  c: {
    id: number;
    kind: "ai" | "agent" | "customer";
    authorId: number;
    authorName: string | null;
    isPublic: boolean;
    body: string;
    /** When it was written in Zendesk. */
    at: number;
  },
): Promise<void> {
  const customerMessage = c.kind === "customer" && c.isPublic;
  const isNew = await s.messages.record({
    commentId: c.id,
    ticketId,
    authorKind: c.kind,
    authorId: c.authorId,
    authorName: c.authorName,
    isPublic: c.isPublic,
    body: c.body,
    disposition: customerMessage ? "pending" : "none",
    createdAt: s.now(),
  });
  // The AI's own comments change nothing (no loops); internal notes neither.
  if (!isNew || c.kind === "ai" || !c.isPublic) return;
  if (c.kind === "agent") {
    const agent = { id: c.authorId, name: c.authorName ?? `Agent ${c.authorId}` };
    await applyEvent(
      s,
      ticketId,
      // `at`: when it was written in Zendesk; a reply written before a release stays the human's.
      { type: "agent_public_reply", agent, at: c.at },
      { inlineSync: true, skipDraft: true },
    );
  } else {
    await applyEvent(s, ticketId, { type: "customer_message" }, { inlineSync: true, skipDraft: true });
  }
}
