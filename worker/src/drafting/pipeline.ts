// The drafting pipeline for one ticket: read, decide, then send, hold or flag.
// Every outcome is an event of the ticket machine committed against the
// version read at the start, so a decision made on a stale view (the customer
// wrote again, a person took over) is made again, never applied.
import { UpstreamError } from "../lib/upstream";
import type { Services } from "../services";
import type { Reason, TicketRecord } from "../tickets/ticket.machine";
import { transition } from "../tickets/ticket.machine";
import { waitsForPerson } from "../tickets/ticket.outcomes";
import { applyEvent, runEffects } from "../tickets/ticket.service";
import { detectLanguage } from "../text/language";
import type { AttentionType, Settings } from "../../../common/api.schema";
import type { HelpdeskComment, HelpdeskTicket, Mirror } from "../helpdesk/helpdesk.port";
import { mirrorOf } from "../tickets/mirror";
import { inScope } from "../tickets/scope";
import { acknowledgement } from "./acknowledgement";
import { answeredInZendesk, buildConversation, unansweredMessages } from "./conversation";
import type { Decision } from "./decide";
import { decideForMessages, type SearchedKb } from "./decision.service";
import { reasons } from "./reasons";
import { sendDraft, settleUnsettled } from "./send.protocol";
import type { StoredMessage } from "../tickets/message.repo";
import type { StoredTicket } from "../tickets/ticket.repo";
import type { Draft } from "./draft.repo";
import type { AttentionItem, PolicyEntry } from "../../../common/api.schema";

export { SEND_LEASE_MS } from "./send.protocol";
const MAX_ROUNDS = 3;
const HOUR_MS = 3_600_000;

type Round = "done" | "stale";

/** Everything a drafting round reads of a ticket: one D1 round trip (see `viewQueries`). */
export interface TicketView {
  stored: StoredTicket;
  messages: StoredMessage[];
  /** Drafts being sent or waiting to be (acknowledgements). */
  unsettled: Draft[];
  repliesLastHour: number;
  settings: Settings;
  openItems: AttentionItem[];
  policies: PolicyEntry[];
  /** A KB search run in the same batch, for the message the caller expects to be the question. */
  searched?: SearchedKb;
  /** The helpdesk ticket and then its comments, read by the caller in that order (stamp first). */
  fetched?: { ticket: HelpdeskTicket; comments: HelpdeskComment[] };
}

/** The reads of a TicketView, for a batch of the caller's (the consumer adds its writes before them). */
export function viewQueries(s: Services, ticketId: number, now: number) {
  return [
    s.tickets.getQuery(ticketId),
    s.messages.forTicketQuery(ticketId),
    s.drafts.unsettledQuery(ticketId),
    s.drafts.sentSinceQuery(ticketId, now - HOUR_MS),
    s.settings.getQuery(),
    s.attention.listQuery({ status: "open", ticketId, limit: 1 }),
    s.policies.approvedQuery(),
  ] as const;
}

type ViewResults = readonly [
  StoredTicket,
  StoredMessage[],
  Draft[],
  number,
  Settings,
  AttentionItem[],
  PolicyEntry[],
];

export function toView([
  stored,
  messages,
  unsettled,
  repliesLastHour,
  settings,
  openItems,
  policies,
]: ViewResults): TicketView {
  return { stored, messages, unsettled, repliesLastHour, settings, openItems, policies };
}

const readView = async (s: Services, ticketId: number) =>
  toView(await s.reads.all(viewQueries(s, ticketId, s.now())));

/**
 * Lets the AI answer what is pending on the ticket. `view`: the ticket as the caller just read it in
 * its own batch (the queue consumer), saving the first round's read; anything that changes the
 * ticket before the round (a send reconciled, an acknowledgement sent) makes the round read again.
 */
export async function draftForTicket(
  s: Services,
  ticketId: number,
  includeHeld: boolean,
  view?: TicketView,
): Promise<void> {
  const first = view ?? (await readView(s, ticketId));
  const moved = await settleUnsettled(s, ticketId, { drafts: first.unsettled, record: first.stored.record });
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const v = round === 0 && !moved ? first : await readView(s, ticketId);
    if ((await draftRound(s, ticketId, includeHeld, v)) === "done") return;
  }
  throw new UpstreamError(`ticket ${ticketId} kept changing while the AI drafted; trying again later`, true);
}

/** Why the AI stays silent on these messages, if it must: scope, the ticket's state, a wait, or autonomy off. */
function silence(
  rec: TicketRecord,
  autonomy: string,
  scoped: boolean,
): { ref: string; type: string; reason: string } | null {
  if (!scoped) {
    return {
      ref: "held:out_of_scope",
      type: "customer_message_held",
      reason: "the AI does not handle tickets from here (settings)",
    };
  }
  if (rec.state === "in_progress") {
    const who = rec.owner?.name ?? "a colleague";
    return {
      ref: "held:in_progress",
      type: "customer_message_held",
      reason: `the AI stays silent: ${who} has the ticket`,
    };
  }
  if (rec.state === "resolved") {
    return {
      ref: "held:resolved",
      type: "customer_message_held",
      reason: "the AI stays silent: the ticket is resolved",
    };
  }
  if (rec.waiting) {
    return {
      ref: "held:waiting",
      type: "customer_message_waiting",
      reason: "the customer waits for a person; the AI stays silent",
    };
  }
  if (autonomy === "off")
    return { ref: "autonomy:off", type: "ai_silent", reason: "the AI is off on this ticket" };
  return null;
}

async function draftRound(
  s: Services,
  ticketId: number,
  includeHeld: boolean,
  v: TicketView,
): Promise<Round> {
  const now = s.now();
  const { stored, messages, repliesLastHour, settings, openItems } = v;
  const rec = stored.record;
  const todo = unansweredMessages(messages, includeHeld);
  if (todo.length === 0) return "done";
  const ids = todo.map((m) => m.commentId);

  const quiet = silence(
    rec,
    stored.autonomy ?? settings.defaultAutonomy,
    inScope(stored.scope, settings.scope),
  );
  if (quiet) {
    await s.messages.settle(ids, "held", quiet.ref, now);
    await s.tickets.log(
      ticketId,
      { type: quiet.type, actor: { kind: "ai" }, from: null, to: null, reason: quiet.reason },
      now,
    );
    return "done";
  }
  const language = detectLanguage(todo.map((m) => m.body).join("\n\n"));
  if (repliesLastHour >= settings.maxAiRepliesPerHour) {
    return flag(
      s,
      rec,
      ids,
      "escalation",
      reasons.replyCap(settings.maxAiRepliesPerHour),
      settings,
      language,
    );
  }

  // The stamp is read before deciding: if anything changes after this point,
  // Zendesk refuses the reply (409) and we come back here.
  const zt = v.fetched?.ticket ?? (await s.helpdesk.getTicket(ticketId));
  if (zt.closed) {
    // Solved in Zendesk before its webhook reached us: resolve, then re-read.
    await applyEvent(s, ticketId, { type: "resolve", agent: null, source: "zendesk" }, { inlineSync: true });
    return "stale";
  }
  const comments = v.fetched?.comments ?? (await s.helpdesk.listComments(ticketId));
  // A person answered these in Zendesk (their reply's webhook is still on its way): not the AI's to answer.
  const answered = answeredInZendesk(todo, comments, {
    aiAgentId: s.installation.aiAgentId,
    requesterId: zt.requesterId,
  });
  if (answered.length)
    await s.messages.settle(answered, "held", "held:answered_by_person", now, ["pending", "held"]);
  const open = todo.filter((m) => !answered.includes(m.commentId));
  if (open.length === 0) return "done";

  const conversation = buildConversation(comments, messages, {
    aiAgentId: s.installation.aiAgentId,
    requesterId: zt.requesterId,
  });
  const decision = await decideForMessages(s, {
    ticketId,
    question: open.map((m) => m.body).join("\n\n"),
    customerName: open.at(-1)?.authorName ?? null,
    conversation,
    autonomy: stored.autonomy ?? settings.defaultAutonomy,
    brandTone: settings.brandTone,
    policies: v.policies,
    ...(v.searched ? { searched: v.searched } : {}),
  });
  // A reply's update also shows our state on the ticket: one write per reply.
  const mirror = mirrorOf(rec, openItems.length > 0, stored.autonomy ?? settings.defaultAutonomy);
  return act(s, rec, open, decision, { stamp: zt.stamp, mirror }, settings, language);
}

async function act(
  s: Services,
  rec: TicketRecord,
  todo: StoredMessage[],
  decision: Decision,
  at: { stamp: string; mirror: Mirror },
  settings: Settings,
  language: ReturnType<typeof detectLanguage>,
): Promise<Round> {
  const ids = todo.map((m) => m.commentId);
  switch (decision.kind) {
    case "attention":
      return flag(s, rec, ids, decision.type, decision.reason, settings, language);
    case "hold":
      return hold(s, rec, ids, decision);
    case "send": {
      // The claim writes the draft, born `sending`: one round trip to claim and record it.
      const purpose = {
        kind: "new_reply",
        body: decision.body,
        citations: decision.citations,
        replyTo: ids,
      } as const;
      const sent = await sendDraft(s, rec, null, purpose, at.stamp, at.mirror);
      if (sent.kind === "sent") return "done";
      if (sent.kind === "unsafe")
        return flag(s, rec, ids, "validation_failed", reasons.unsafeReply(), settings, language);
      return "stale";
    }
  }
}

async function flag(
  s: Services,
  rec: TicketRecord,
  ids: number[],
  type: AttentionType,
  reason: Reason,
  settings: Settings,
  language: ReturnType<typeof detectLanguage>,
): Promise<Round> {
  const waits = waitsForPerson(type);
  const ack = waits && settings.handoffAcknowledgement ? acknowledgement(language) : null;
  const now = s.now();
  const t = transition(rec, { type: "flag", attention: type, reason, messageIds: ids, waits, ack }, now);
  if (!t.ok || !(await s.store.commit(rec, t.value, now))) return "stale";
  await runEffects(s, rec.ticketId, t.value.effects, { inlineSync: true, skipDraft: true });
  // The acknowledgement goes out now, through the send protocol like any reply.
  if (t.value.effects.some((e) => e.type === "send_queued")) await settleUnsettled(s, rec.ticketId);
  return "done";
}

async function hold(
  s: Services,
  rec: TicketRecord,
  ids: number[],
  d: Extract<Decision, { kind: "hold" }>,
): Promise<Round> {
  const now = s.now();
  // Written before the hold commits; it becomes the current draft only if the hold wins.
  const draft = await s.drafts.createHeld({
    ticketId: rec.ticketId,
    body: d.body,
    citations: d.citations,
    replyTo: ids,
    now,
  });
  const t = transition(rec, { type: "hold", draftId: draft.id, messageIds: ids, reason: d.reason }, now);
  if (!t.ok || !(await s.store.commit(rec, t.value, now))) {
    await s.drafts.move(draft.id, ["held"], "superseded", s.now());
    return "stale";
  }
  await runEffects(s, rec.ticketId, t.value.effects, { inlineSync: true, skipDraft: true });
  return "done";
}
