// The ticket record and what a transition produces: the next record, audit
// entries, writes that commit atomically with it, and effects that run after.
// Pure types and tiny helpers; no I/O, no clock.
import type { Agent, AttentionType, ReasonParams, TicketState } from "../../../common/api.schema";
import type { Mirror } from "../helpdesk/helpdesk.port";
import type { Result } from "../lib/result";
import { ok } from "../lib/result";

export interface SendLease {
  id: string;
  until: number;
}

export interface TicketRecord {
  ticketId: number;
  state: TicketState;
  owner: Agent | null;
  version: number;
  sendLease: SendLease | null;
  /** When the current human took the ticket (null unless in_progress). */
  heldSince: number | null;
  /** Last time a human acted on the ticket (take over, public reply); drives auto release. */
  lastHumanAt: number | null;
  /** When the ticket was last handed back to the AI (release or auto release). */
  releasedAt: number | null;
  /** The one AI draft held for approval that may still be sent (null: none). */
  heldDraftId: number | null;
  /** An open human_requested or escalation item: the AI drafts and sends nothing until a person acts. */
  waiting: boolean;
}

export type Actor =
  | { kind: "agent"; id: number; name: string }
  | { kind: "ai" }
  | { kind: "customer" }
  | { kind: "system" };

/** Why something happened, as a code the sidebar translates, its parameters, and English for integrators. */
export interface Reason {
  code: string;
  params: ReasonParams;
  text: string;
}

export interface AuditEntry {
  type: string;
  actor: Actor;
  from: TicketState | null;
  to: TicketState | null;
  reason: string | null;
  /** Code and parameters of the reason, for a translated timeline. */
  detail?: { code: string; params: ReasonParams } | null;
}

export type MessageOutcome = "replied" | "attention" | "held";

/** Rows written in the same transaction as the record, only if its compare-and-set wins. */
export type Write =
  /** Customer messages end as one outcome (only those still pending, or held when `fromHeld`). */
  | { type: "settle_messages"; ids: number[]; to: MessageOutcome; ref: string; fromHeld?: boolean }
  /** Opens an attention item, or updates the ticket's open item of that type. */
  | { type: "raise_attention"; attention: AttentionType; reason: Reason }
  /** Closes the ticket's open attention items (all, or those of the given types). */
  | { type: "close_attention"; by: Agent | null; types?: AttentionType[] }
  /** Held replies and unsent acknowledgements will never be sent: a person has the ticket. */
  | { type: "withdraw_drafts" }
  /** The customer wrote again: the held draft is stale, its messages wait for a new draft. */
  | { type: "supersede_draft"; draftId: number }
  /** A draft written just before becomes the ticket's current held draft, with its approval item. */
  | { type: "hold_draft"; draftId: number; replyTo: number[] }
  | { type: "discard_draft"; draftId: number; by: Agent }
  /** The short note that a person will answer, sent by the `send_queued` effect. */
  | { type: "queue_ack"; body: string }
  /** A queued acknowledgement or a held draft goes out under a send lease (`approvedBy`: a person approved it). */
  | { type: "draft_sending"; draftId: number; leaseId: string; body: string | null; approvedBy: Agent | null }
  /** A reply drafted just now is written, already going out under the send lease. */
  | { type: "draft_born"; leaseId: string; body: string; citations: number[]; replyTo: number[] }
  /** Zendesk took the draft: it is sent, its messages replied, the entries it cites used. */
  | { type: "draft_sent"; draftId: number; commentId: number | null; replyTo: number[]; citations: number[] }
  /** The draft was not sent: refused for good, or (an approval that failed) held again. */
  | { type: "draft_unsent"; draftId: number; to: "refused" | "held" | "queued" }
  /** The helpdesk now shows this mirror of our state (written with a reply): don't write it again. */
  | { type: "mirrored"; mirror: Mirror }
  /** The approval item of a draft a person approved or discarded is done. */
  | { type: "close_draft_attention"; draftId: number; by: Agent | null };

export type Effect =
  /** Mirror state (and optionally a Zendesk status) onto the Zendesk ticket. */
  | { type: "sync_zendesk"; status?: "solved" }
  /** Let the AI look at what the customer wrote and is still unanswered. */
  | { type: "draft"; includeHeld: boolean }
  /** Run the learning loop over the resolved conversation. */
  | { type: "learn" }
  /** Send a queued acknowledgement. */
  | { type: "send_queued" };

export interface Transition {
  next: TicketRecord;
  audit: AuditEntry[];
  writes: Write[];
  effects: Effect[];
  /**
   * When the caller may answer `200`. A take over while an AI reply is on its
   * way is acknowledged only after that send settles (it then either landed
   * before the answer, or was refused).
   */
  ack: "now" | "after_send";
}

export type Rejection =
  | { code: "conflict"; message: string; owner?: Agent | null }
  | { code: "send_refused"; message: string }
  /**
   * An earlier send's lease expired without being settled (its Worker died, or is slow): it may
   * have reached the helpdesk. It is reconciled with what the helpdesk shows before any other send.
   */
  | { code: "in_doubt"; message: string }
  /** Not the ticket's current held draft (withdrawn, superseded, sent, discarded, or never held). */
  | { code: "not_current"; message: string };

export function newTicket(ticketId: number): TicketRecord {
  return {
    ticketId,
    state: "open",
    owner: null,
    version: 0,
    sendLease: null,
    heldSince: null,
    lastHumanAt: null,
    releasedAt: null,
    heldDraftId: null,
    waiting: false,
  };
}

export const agentActor = (a: Agent): Actor => ({ kind: "agent", id: a.id, name: a.name });

export function leaseActive(rec: TicketRecord, now: number): boolean {
  return rec.sendLease !== null && rec.sendLease.until > now;
}

export function changed(
  rec: TicketRecord,
  patch: Partial<TicketRecord>,
  parts: { audit?: AuditEntry[]; writes?: Write[]; effects?: Effect[]; ack?: Transition["ack"] } = {},
): Result<Transition, Rejection> {
  return ok({
    next: { ...rec, ...patch, version: rec.version + 1 },
    audit: parts.audit ?? [],
    writes: parts.writes ?? [],
    effects: parts.effects ?? [],
    ack: parts.ack ?? "now",
  });
}

export function unchanged(rec: TicketRecord, ack: Transition["ack"] = "now"): Result<Transition, Rejection> {
  return ok({ next: rec, audit: [], writes: [], effects: [], ack });
}

/** A person now handles the ticket: nothing the AI prepared may be sent, and its flags close. */
export function personTakesIt(by: Agent | null): Write[] {
  return [{ type: "withdraw_drafts" }, { type: "close_attention", by }];
}
