// Applies one accepted helpdesk event to our state: records the comment, moves
// the ticket (implicit take over, reopen, resolve), then lets the AI answer what
// is pending. Idempotent: a redelivery or a retry changes nothing twice, because
// comments are keyed by their helpdesk id. Speaks of tickets and comments only.
import type { HelpdeskEvent } from "../helpdesk/helpdesk.port";
import { draftForTicket, type TicketView, toView, viewQueries } from "../drafting/pipeline";
import type { AuthorKind } from "../tickets/message.repo";
import { searchAhead } from "../drafting/decision.service";
import type { KbCandidate } from "../kb/kb.search";
import { type Query, writeQuery } from "../lib/query";
import type { Services } from "../services";
import { applyEvent } from "../tickets/ticket.service";

/**
 * Applies a helpdesk event. `token`: the delivery's, given by the webhook route; a job whose event id
 * another delivery took in first does nothing (its own retries carry the same token and go on).
 */
export async function applyHelpdeskEvent(s: Services, ev: HelpdeskEvent, token?: string): Promise<void> {
  const now = s.now();
  switch (ev.kind) {
    case "comment_added": {
      const { comment } = ev;
      // The AI's user may be a person too (a connected account's admin): a comment is the
      // AI's only if the Worker posted it.
      const byAiUser = comment.author.id === s.installation.aiAgentId;
      const kind = comment.author.isStaff || byAiUser ? "agent" : "customer";
      return takeIn(s, ev, token, undefined, {
        id: comment.id,
        kind,
        aiIfPosted: byAiUser,
        authorId: comment.author.id,
        authorName: comment.author.name,
        isPublic: comment.isPublic,
        body: comment.body,
        at: ev.occurredAt ?? now,
      });
    }
    case "ticket_created": {
      // The created event carries no comment: read the first one (the ticket's
      // description). Later comments arrive as their own events; the same first
      // comment may too, and its id de-duplicates. The ticket is read first, so its
      // stamp and these comments also serve the drafting round (one read each).
      const ticket = await s.helpdesk.getTicket(ev.ticketId);
      const comments = await s.helpdesk.listComments(ev.ticketId);
      const [first] = comments;
      const byAiUser = first?.authorId === s.installation.aiAgentId;
      return takeIn(
        s,
        ev,
        token,
        { ticket, comments },
        first
          ? {
              id: first.id,
              kind: first.authorId === ev.requesterId ? "customer" : "agent",
              aiIfPosted: byAiUser,
              authorId: first.authorId,
              authorName: null,
              isPublic: first.isPublic,
              body: first.body,
              at: Date.parse(first.createdAt) || now,
            }
          : null,
      );
    }
    case "status_changed": {
      if (ev.closed) {
        if ((await takenWith(s, ev, token, [])) === null) return;
        await s.tickets.ensure(ev.ticketId, now);
        await applyEvent(
          s,
          ev.ticketId,
          { type: "resolve", agent: null, source: "zendesk" },
          { inlineSync: true },
        );
        // Always, so that a retried delivery still finishes what it started.
        await draftForTicket(s, ev.ticketId, false);
        return;
      }
      // One round trip: the de-duplication and what the drafting round reads.
      const results = await takenWith(s, ev, token, viewQueries(s, ev.ticketId, now));
      if (results === null) return;
      const view = toView(results as unknown as Parameters<typeof toView>[0]);
      if (view.stored.record.state === "resolved" && !(await s.helpdesk.getTicket(ev.ticketId)).closed) {
        // Open again in Zendesk (an agent reopened it there): ours too; the statistics count it.
        // A late event from before the solve (Zendesk shows it solved now) changes nothing.
        await applyEvent(s, ev.ticketId, { type: "reopened_in_helpdesk" }, { inlineSync: true });
        await draftForTicket(s, ev.ticketId, false);
        return;
      }
      await draftForTicket(s, ev.ticketId, false, view);
      return;
    }
  }
}

/**
 * Runs `queries` in one batch behind this delivery's de-duplication and returns their results; null
 * when another delivery took the event in first (this job then does nothing). Without a token (a
 * job queued before tokens, or a large event the route de-duplicated) the queries simply run.
 */
async function takenWith(
  s: Services,
  ev: HelpdeskEvent,
  token: string | undefined,
  queries: readonly Query<unknown>[],
): Promise<readonly unknown[] | null> {
  if (!token) return s.reads.all(queries);
  const [, first, ...rest] = await s.reads.all([...s.deliveries.takeQueries(ev, token, s.now()), ...queries]);
  return first === true ? rest : null;
}

interface IncomingComment {
  id: number;
  /** What it is unless the AI's user wrote it and the Worker posted it (then the AI's). */
  kind: "agent" | "customer";
  aiIfPosted: boolean;
  authorId: number;
  authorName: string | null;
  isPublic: boolean;
  body: string;
  /** When it was written in the helpdesk. */
  at: number;
}

/**
 * One D1 round trip takes a comment in: the delivery's de-duplication, the ticket's row, the
 * comment, and everything the drafting round reads (the comment included). Then the machine
 * moves the ticket (a customer message bumps its version; a person's public reply is an implicit
 * take over), and the AI answers what is pending, from that read when nothing else moved.
 */
async function takeIn(
  s: Services,
  ev: Extract<HelpdeskEvent, { kind: "comment_added" | "ticket_created" }>,
  token: string | undefined,
  fetched: TicketView["fetched"] | undefined,
  c: IncomingComment | null,
): Promise<void> {
  const now = s.now();
  const ticketId = ev.ticketId;
  const ensure = writeQuery(
    s.tickets.ensureStatement(ticketId, now, {
      requesterId: ev.requesterId,
      subject: ev.subject,
      ...(ev.scope ? { scope: ev.scope } : {}),
    }),
  );
  const record = c
    ? s.messages.recordQuery(
        {
          commentId: c.id,
          ticketId,
          authorKind: c.kind,
          authorId: c.authorId,
          authorName: c.authorName,
          isPublic: c.isPublic,
          body: c.body,
          disposition: c.kind === "customer" && c.isPublic ? "pending" : "none",
          createdAt: now,
        },
        c.aiIfPosted,
      )
    : null;
  // A customer's message will most likely be the whole question: its KB search rides along.
  const ahead = c && c.kind === "customer" && c.isPublic ? searchAhead(s, c.body) : null;
  const views = viewQueries(s, ticketId, now);
  const results = await takenWith(s, ev, token, [
    ensure,
    ...(record ? [record] : []),
    ...views,
    ...(ahead ? [ahead.query] : []),
  ]);
  if (results === null) return;
  const recordedAs = (record ? results[1] : null) as AuthorKind | null;
  const from = record ? 2 : 1;
  const read = toView(results.slice(from, from + views.length) as unknown as Parameters<typeof toView>[0]);
  const found = results[from + views.length] as KbCandidate[] | undefined;
  const view: TicketView = {
    ...read,
    ...(ahead && found ? { searched: { text: ahead.text, language: ahead.language, found } } : {}),
    ...(fetched ? { fetched } : {}),
  };
  const moved =
    c && recordedAs && c.isPublic && recordedAs !== "ai"
      ? await moveTicket(s, ticketId, c, recordedAs, view)
      : view;
  // Always, so that a retried delivery still finishes what it started.
  await draftForTicket(s, ticketId, false, moved ?? undefined);
}

/**
 * A new public comment moves the ticket: a person's reply is an implicit take over, a customer's
 * message a new version (drafts made before it are stale). Returns the view still true after it,
 * or null when the drafting round must read again.
 */
async function moveTicket(
  s: Services,
  ticketId: number,
  c: IncomingComment,
  kind: AuthorKind,
  view: TicketView,
): Promise<TicketView | null> {
  const rec = view.stored.record;
  if (kind === "agent") {
    const agent = { id: c.authorId, name: c.authorName ?? `Agent ${c.authorId}` };
    await applyEvent(
      s,
      ticketId,
      // `at`: when it was written in the helpdesk; a reply written before a release stays the human's.
      { type: "agent_public_reply", agent, at: c.at },
      { inlineSync: true, skipDraft: true, known: rec },
    );
    return null;
  }
  // On a resolved ticket, the helpdesk says whether this comment reopened it there (written
  // after the solve) or was written before the solve and delivered late.
  const stillClosed = rec.state === "resolved" && (await s.helpdesk.getTicket(ticketId)).closed;
  const applied = await applyEvent(
    s,
    ticketId,
    { type: "customer_message", stillClosed },
    { inlineSync: true, skipDraft: true, known: rec },
  );
  // Only a plain version bump leaves the rest of the view as it was read.
  if (!applied.ok || applied.value.writes > 0 || applied.value.effects.some((e) => e.type !== "draft"))
    return null;
  return { ...view, stored: { ...view.stored, record: applied.value.record } };
}
