// Applies one accepted helpdesk event to our state: records the comment, moves
// the ticket (implicit take over, reopen, resolve), then lets the AI answer what
// is pending. Idempotent: a redelivery or a retry changes nothing twice, because
// comments are keyed by their helpdesk id. Speaks of tickets and comments only.
import type { HelpdeskEvent, TicketScope } from "../helpdesk/helpdesk.port";
import { draftForTicket } from "../drafting/pipeline";
import type { Services } from "../services";
import { applyEvent } from "../tickets/ticket.service";

export async function applyHelpdeskEvent(s: Services, ev: HelpdeskEvent): Promise<void> {
  const now = s.now();
  switch (ev.kind) {
    case "comment_added": {
      await ensure(s, ev);
      const { comment } = ev;
      // The AI's user may be a person too (a connected account's admin): a comment is the
      // AI's only if the Worker posted it.
      const byAiUser = comment.author.id === s.installation.aiAgentId;
      const ours = byAiUser && (await s.drafts.posted(ev.ticketId, comment.id, comment.body));
      await recordComment(s, ev.ticketId, {
        id: comment.id,
        kind: ours ? "ai" : comment.author.isStaff || byAiUser ? "agent" : "customer",
        authorId: comment.author.id,
        authorName: comment.author.name,
        isPublic: comment.isPublic,
        body: comment.body,
        at: ev.occurredAt ?? now,
      });
      break;
    }
    case "ticket_created": {
      await ensure(s, ev);
      // The created event carries no comment: read the first one (the ticket's
      // description). Later comments arrive as their own events; the same first
      // comment may too, and its id de-duplicates.
      const [first] = await s.helpdesk.listComments(ev.ticketId);
      if (first) {
        const byAiUser = first.authorId === s.installation.aiAgentId;
        await recordComment(s, ev.ticketId, {
          id: first.id,
          kind: first.authorId === ev.requesterId ? "customer" : byAiUser ? "ai" : "agent",
          authorId: first.authorId,
          authorName: null,
          isPublic: first.isPublic,
          body: first.body,
          at: Date.parse(first.createdAt) || now,
        });
      }
      break;
    }
    case "status_changed": {
      if (ev.closed) {
        await s.tickets.ensure(ev.ticketId, now);
        await applyEvent(
          s,
          ev.ticketId,
          { type: "resolve", agent: null, source: "zendesk" },
          { inlineSync: true },
        );
      } else if (
        (await s.tickets.stateOf(ev.ticketId)) === "resolved" &&
        !(await s.helpdesk.getTicket(ev.ticketId)).closed
      ) {
        // Open again in Zendesk (an agent reopened it there): ours too; the statistics count it.
        // A late event from before the solve (Zendesk shows it solved now) changes nothing.
        await applyEvent(s, ev.ticketId, { type: "reopened_in_helpdesk" }, { inlineSync: true });
      }
      return;
    }
  }
  // Always, so that a retried delivery still finishes what it started.
  await draftForTicket(s, ev.ticketId, false);
}

/** The ticket's row, with where it came from (an admin may limit the AI to some channels, brands, groups). */
async function ensure(
  s: Services,
  ev: { ticketId: number; requesterId: number | null; subject: string | null; scope?: TicketScope },
) {
  await s.tickets.ensure(ev.ticketId, s.now(), {
    requesterId: ev.requesterId,
    subject: ev.subject,
    ...(ev.scope ? { scope: ev.scope } : {}),
  });
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
    /** When it was written in the helpdesk. */
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
      // `at`: when it was written in the helpdesk; a reply written before a release stays the human's.
      { type: "agent_public_reply", agent, at: c.at },
      { inlineSync: true, skipDraft: true },
    );
  } else {
    // On a resolved ticket, the helpdesk says whether this comment reopened it there (written
    // after the solve) or was written before the solve and delivered late.
    const stillClosed =
      (await s.tickets.stateOf(ticketId)) === "resolved" && (await s.helpdesk.getTicket(ticketId)).closed;
    await applyEvent(
      s,
      ticketId,
      { type: "customer_message", stillClosed },
      { inlineSync: true, skipDraft: true },
    );
  }
}
