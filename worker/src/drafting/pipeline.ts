// The drafting pipeline for one ticket: read, decide, then send, hold or raise
// attention. Owns the send protocol: a D1 send lease claimed by compare-and-set
// while the ticket is `open`, then Zendesk's safe_update with the stamp read
// before deciding. It never forces a reply past a 409.
import { HelpdeskError } from "../helpdesk/helpdesk.port";
import { UpstreamError } from "../lib/upstream";
import type { Services } from "../services";
import { type TicketRecord, leaseActive, transition } from "../tickets/ticket.machine";
import { applyEvent, runEffects } from "../tickets/ticket.service";
import { buildConversation, unansweredMessages } from "./conversation";
import type { Decision } from "./decide";
import { decideForMessages } from "./decision.service";
import { recordSent, releaseLease, reconcileInDoubt } from "./send.records";

/** Longer than the Zendesk adapter's timeout, so a live lease always outlasts its request. */
export const SEND_LEASE_MS = 25_000;
const MAX_ROUNDS = 3;

type Round = "done" | "stale";

export async function draftForTicket(s: Services, ticketId: number, includeHeld: boolean): Promise<void> {
  await reconcileInDoubt(s, ticketId);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if ((await draftRound(s, ticketId, includeHeld)) === "done") return;
  }
  throw new UpstreamError(`ticket ${ticketId} kept changing while the AI drafted; trying again later`, true);
}

async function draftRound(s: Services, ticketId: number, includeHeld: boolean): Promise<Round> {
  const stored = await s.tickets.get(ticketId);
  const rec = stored.record;
  const messages = await s.messages.forTicket(ticketId);
  const todo = unansweredMessages(messages, includeHeld);
  if (todo.length === 0) return "done";
  const ids = todo.map((m) => m.commentId);

  if (rec.state !== "open") {
    await s.messages.settle(ids, "held", `held:${rec.state}`, s.now());
    const who =
      rec.state === "in_progress"
        ? `${rec.owner?.name ?? "a colleague"} has the ticket`
        : "the ticket is resolved";
    await s.tickets.log(
      ticketId,
      {
        type: "customer_message_held",
        actor: { kind: "ai" },
        from: null,
        to: null,
        reason: `the AI stays silent: ${who}`,
      },
      s.now(),
    );
    return "done";
  }
  const settings = await s.settings.get();
  const autonomy = stored.autonomy ?? settings.defaultAutonomy;
  if (autonomy === "off") {
    await s.messages.settle(ids, "held", "autonomy:off", s.now());
    await s.tickets.log(
      ticketId,
      {
        type: "ai_silent",
        actor: { kind: "ai" },
        from: null,
        to: null,
        reason: "the AI is off on this ticket",
      },
      s.now(),
    );
    return "done";
  }

  // The stamp is read before deciding: if anything changes after this point,
  // Zendesk refuses the reply (409) and we come back here.
  const zt = await s.helpdesk.getTicket(ticketId);
  if (zt.status === "solved" || zt.status === "closed") {
    // Solved in Zendesk before its webhook reached us: resolve, then re-read.
    await applyEvent(s, ticketId, { type: "resolve", agent: null, source: "zendesk" }, { inlineSync: true });
    return "stale";
  }
  const comments = await s.helpdesk.listComments(ticketId);
  const conversation = buildConversation(comments, messages, {
    aiAgentId: s.config.zendesk.aiAgentId,
    requesterId: zt.requesterId,
  });
  const decision = await decideForMessages(s, {
    ticketId,
    question: todo.map((m) => m.body).join("\n\n"),
    customerName: todo.at(-1)?.authorName ?? null,
    conversation,
    autonomy,
    brandTone: settings.brandTone,
  });

  switch (decision.kind) {
    case "attention":
      return raise(s, rec, ids, decision.type, decision.reason);
    case "hold":
      return hold(s, rec, ids, decision);
    case "send":
      return send(s, rec, zt.updatedStamp, ids, decision);
  }
}

const versionGuard = (rec: TicketRecord) =>
  `(SELECT version FROM tickets WHERE ticket_id = ${rec.ticketId}) = ${rec.version}`;

async function raise(
  s: Services,
  rec: TicketRecord,
  ids: number[],
  type: Extract<Decision, { kind: "attention" }>["type"],
  reason: string,
): Promise<Round> {
  const now = s.now();
  // Settle the messages and raise the item in one transaction, only if the
  // ticket did not change since we read it (else re-read: the news may matter).
  const results = await s.db.batch([
    s.messages.settleStatement(
      ids,
      "attention",
      `attention:${type}`,
      now,
      ["pending", "held"],
      versionGuard(rec),
    ),
    s.attention.createStatement(rec.ticketId, type, reason, now, "changes() > 0"),
    s.tickets.logStatement(
      rec.ticketId,
      { type: "ai_flagged", actor: { kind: "ai" }, from: null, to: null, reason: `${type}: ${reason}` },
      now,
      "changes() > 0",
    ),
  ]);
  if ((results[0]?.meta.changes ?? 0) === 0) return "stale";
  await runEffects(s, rec.ticketId, [{ type: "sync_zendesk" }], { inlineSync: true });
  return "done";
}

async function hold(
  s: Services,
  rec: TicketRecord,
  ids: number[],
  d: Extract<Decision, { kind: "hold" }>,
): Promise<Round> {
  const now = s.now();
  const meta = JSON.stringify({ kb: d.citations, replyTo: ids });
  const results = await s.db.batch([
    s.messages.settleStatement(
      ids,
      "attention",
      "attention:approval_required",
      now,
      ["pending", "held"],
      versionGuard(rec),
    ),
    s.attention.createStatement(rec.ticketId, "approval_required", d.reason, now, "changes() > 0"),
    s.db
      .prepare(
        `INSERT INTO drafts (ticket_id, body, status, meta, attention_id, created_at)
         SELECT ?, ?, 'held', ?, last_insert_rowid(), ? WHERE changes() > 0`,
      )
      .bind(rec.ticketId, d.body, meta, now),
    s.tickets.logStatement(
      rec.ticketId,
      { type: "ai_draft_held", actor: { kind: "ai" }, from: null, to: null, reason: d.reason },
      now,
      "changes() > 0",
    ),
  ]);
  if ((results[0]?.meta.changes ?? 0) === 0) return "stale";
  await runEffects(s, rec.ticketId, [{ type: "sync_zendesk" }], { inlineSync: true });
  return "done";
}

async function send(
  s: Services,
  rec: TicketRecord,
  stamp: string,
  ids: number[],
  d: Extract<Decision, { kind: "send" }>,
): Promise<Round> {
  const leaseId = crypto.randomUUID();
  const now = s.now();
  const claim = transition(rec, { type: "send_claim", leaseId, ttlMs: SEND_LEASE_MS }, now);
  if (!claim.ok) {
    // Another reply is on its way: wait for it to settle rather than spin.
    if (leaseActive(rec, now)) await s.sleep(200);
    return "stale";
  }
  // The draft is written before the claim, so a crash mid-send leaves evidence to reconcile.
  const draft = await s.drafts.create({
    ticketId: rec.ticketId,
    body: d.body,
    status: "sending",
    citations: d.citations,
    replyTo: ids,
    leaseId,
    now,
  });
  if (!(await s.tickets.commit(rec, claim.value.next, [], now))) {
    await s.drafts.move(draft.id, ["sending"], "refused", s.now());
    return "stale";
  }
  let posted: Awaited<ReturnType<typeof s.helpdesk.postPublicReply>>;
  try {
    posted = await s.helpdesk.postPublicReply({
      ticketId: rec.ticketId,
      body: d.body,
      authorId: s.config.zendesk.aiAgentId,
      updatedStamp: stamp,
    });
  } catch (e) {
    // An uncertain write stays `sending`: the retry reconciles it with Zendesk first.
    if (!(e instanceof HelpdeskError && e.uncertain))
      await s.drafts.move(draft.id, ["sending"], "refused", s.now());
    await releaseLease(s, rec.ticketId, leaseId);
    throw e;
  }
  if (posted.outcome === "conflict") {
    await s.drafts.move(draft.id, ["sending"], "refused", s.now());
    await s.tickets.log(
      rec.ticketId,
      {
        type: "ai_reply_refused",
        actor: { kind: "ai" },
        from: null,
        to: null,
        reason: "Zendesk refused a reply drafted from a stale view (409); re-examining",
      },
      s.now(),
    );
    await releaseLease(s, rec.ticketId, leaseId);
    return "stale";
  }
  // Record first, then release: a take over waiting on the lease then sees the reply in the events.
  await recordSent(s, draft, null);
  await releaseLease(s, rec.ticketId, leaseId);
  return "done";
}
