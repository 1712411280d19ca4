// Bookkeeping around a send: what is written once Zendesk took a reply, how a
// lease is given back, and how a draft left in doubt by a crash or a timeout
// is reconciled with Zendesk before anything is sent again.
import type { Agent } from "../../../common/api.schema";
import type { Services } from "../services";
import { leaseActive, transition } from "../tickets/ticket.machine";
import type { Draft } from "./draft.repo";

/** Draft sent, its messages replied, the KB entries it cites used, the audit written: one batch. */
export async function recordSent(s: Services, draft: Draft, approvedBy: Agent | null, body = draft.body) {
  const now = s.now();
  const cites = draft.citations.length ? ` citing KB ${draft.citations.map((c) => `#${c}`).join(", ")}` : "";
  const statements = [
    s.db
      .prepare(
        "UPDATE drafts SET status = 'sent', body = ?, settled_at = ? WHERE id = ? AND status IN ('sending', 'held')",
      )
      .bind(body, now, draft.id),
    s.tickets.logStatement(
      draft.ticketId,
      approvedBy
        ? {
            type: "draft_approved",
            actor: { kind: "agent", id: approvedBy.id, name: approvedBy.name },
            from: null,
            to: null,
            reason: `AI draft sent${body !== draft.body ? " (edited)" : ""}${cites}`,
          }
        : { type: "ai_replied", actor: { kind: "ai" }, from: null, to: null, reason: `reply sent${cites}` },
      now,
      "changes() > 0",
    ),
    s.messages.settleStatement(draft.replyTo, "replied", `draft:${draft.id}`, now, ["pending", "held"]),
  ];
  if (draft.citations.length) statements.push(s.kb.usageStatement(draft.citations, now));
  await s.db.batch(statements);
}

export async function releaseLease(s: Services, ticketId: number, leaseId: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const { record } = await s.tickets.get(ticketId);
    const t = transition(record, { type: "send_settled", leaseId }, s.now());
    if (!t.ok || t.value.next === record) return;
    if (await s.tickets.commit(record, t.value.next, [], s.now())) return;
  }
  // Losing ten races in a row is not expected; the lease then simply expires.
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Drafts still `sending` whose lease is gone were interrupted (a crash, or a
 * write that timed out). Zendesk is the truth: if the reply is there, it was
 * sent; if not, it was not, and the ticket is drafted afresh.
 */
export async function reconcileInDoubt(s: Services, ticketId: number): Promise<void> {
  const drafts = await s.drafts.inDoubt(ticketId);
  if (drafts.length === 0) return;
  const { record } = await s.tickets.get(ticketId);
  const live = leaseActive(record, s.now()) ? record.sendLease?.id : null;
  const interrupted = drafts.filter((d) => d.leaseId !== live);
  if (interrupted.length === 0) return;
  const comments = await s.helpdesk.listComments(ticketId);
  const ai = s.config.zendesk.aiAgentId;
  for (const d of interrupted) {
    const landed = comments.some(
      (c) =>
        c.authorId === ai &&
        c.isPublic &&
        normalise(c.body) === normalise(d.body) &&
        Date.parse(c.createdAt) >= d.createdAt - 60_000,
    );
    if (landed) await recordSent(s, d, null);
    else await s.drafts.move(d.id, ["sending"], "refused", s.now());
  }
}
