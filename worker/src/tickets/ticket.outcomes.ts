// The AI's outcomes on a ticket as events of the ticket machine: flag it for a
// person, hold a draft for approval, discard it, claim and settle a send. Each
// commits with the record's compare-and-set, so an outcome decided on a stale
// read (the customer wrote again, a person took over) never lands. Pure.
import type { Agent, AttentionType } from "../../../common/api.schema";
import type { Result } from "../lib/result";
import { err, ok } from "../lib/result";
import {
  type AuditEntry,
  type Effect,
  type Reason,
  type Rejection,
  type TicketRecord,
  type Transition,
  type Write,
  agentActor,
  changed,
  leaseActive,
  unchanged,
} from "./ticket.record";

/**
 * What a send is for: an AI reply (its draft written as `sending` before the claim),
 * the queued acknowledgement that a person will answer, or the held draft a person
 * approved (optionally with their own text).
 */
export type SendPurpose =
  | { kind: "reply"; draftId: number }
  /** A reply drafted just now: its draft row is written by the claim itself, born `sending`. */
  | { kind: "new_reply"; body: string; citations: number[]; replyTo: number[] }
  | { kind: "ack"; draftId: number }
  | { kind: "approve"; draftId: number; body: string | null; agent: Agent };

export type OutcomeEvent =
  /**
   * The AI cannot answer safely: the messages end as an attention item. An item
   * that waits for a person (`waits`) silences the AI until a person acts; when
   * the wait starts, `ack` (if given) is queued as the one acknowledgement.
   */
  | {
      type: "flag";
      attention: AttentionType;
      reason: Reason;
      messageIds: number[];
      waits: boolean;
      ack: string | null;
    }
  /** A validated draft (written just before as `draftId`) waits for a person's approval. */
  | { type: "hold"; draftId: number; messageIds: number[]; reason: Reason }
  | { type: "discard"; draftId: number; agent: Agent }
  /** The last open item that made the AI wait was resolved: the AI looks at what it stayed silent on. */
  | { type: "wait_ended"; agent: Agent | null }
  | { type: "send_claim"; leaseId: string; ttlMs: number; purpose: SendPurpose }
  /** The send under `leaseId` is over: what became of its draft. */
  | { type: "send_settled"; leaseId: string; result: SendResult };

export type SendResult =
  | {
      kind: "sent";
      draftId: number;
      /** The helpdesk's id of the comment it became (how its webhook is known as ours). */
      commentId: number | null;
      replyTo: number[];
      citations: number[];
      /** Set when a person approved the draft; `edited` when they changed its text. */
      approvedBy: Agent | null;
      edited: boolean;
      ack: boolean;
    }
  /** Zendesk refused a reply drafted from a stale view (409): the draft is dropped, the AI re-examines. */
  | { kind: "stale"; draftId: number }
  /**
   * Nothing was sent and nothing is in doubt (a definite failure): a reply is
   * dropped, an acknowledgement waits to be sent again, an approved draft is held again.
   */
  | { kind: "unsent"; draftId: number; to: "refused" | "queued" | "held" }
  /** The write may or may not have landed: the draft stays `sending` until reconciled. */
  | { kind: "in_doubt" };

const WAITS: readonly AttentionType[] = ["human_requested", "escalation"];

export const waitsForPerson = (type: AttentionType) => WAITS.includes(type);

const notOpen = (rec: TicketRecord): Rejection => ({
  code: "conflict",
  message: `The ticket is ${rec.state.replace("_", " ")}; the AI does not act on it.`,
});

export function outcomeTransition(
  rec: TicketRecord,
  event: OutcomeEvent,
  now: number,
): Result<Transition, Rejection> {
  switch (event.type) {
    case "flag": {
      if (rec.state !== "open") return err(notOpen(rec));
      const starts = event.waits && !rec.waiting;
      const writes: Write[] = [
        {
          type: "settle_messages",
          ids: event.messageIds,
          to: "attention",
          ref: `attention:${event.attention}`,
          fromHeld: true,
        },
        { type: "raise_attention", attention: event.attention, reason: event.reason },
      ];
      const effects: Effect[] = [{ type: "sync_zendesk" }];
      if (starts && event.ack !== null) {
        writes.push({ type: "queue_ack", body: event.ack });
        effects.push({ type: "send_queued" });
      }
      return changed(rec, starts ? { waiting: true } : {}, {
        audit: [
          {
            type: "ai_flagged",
            actor: { kind: "ai" },
            from: null,
            to: null,
            reason: event.reason.text,
            detail: {
              code: event.reason.code,
              params: { ...event.reason.params, attention: event.attention },
            },
          },
        ],
        writes,
        effects,
      });
    }

    case "hold": {
      if (rec.state !== "open") return err(notOpen(rec));
      if (rec.waiting) return err({ code: "conflict", message: "The ticket waits for a person." });
      const writes: Write[] = [];
      if (rec.heldDraftId != null && rec.heldDraftId !== event.draftId) {
        writes.push({ type: "supersede_draft", draftId: rec.heldDraftId });
      }
      writes.push(
        {
          type: "settle_messages",
          ids: event.messageIds,
          to: "attention",
          ref: "attention:approval_required",
          fromHeld: true,
        },
        { type: "raise_attention", attention: "approval_required", reason: event.reason },
        { type: "hold_draft", draftId: event.draftId, replyTo: event.messageIds },
      );
      return changed(
        rec,
        { heldDraftId: event.draftId },
        {
          audit: [
            {
              type: "ai_draft_held",
              actor: { kind: "ai" },
              from: null,
              to: null,
              reason: event.reason.text,
              detail: { code: event.reason.code, params: event.reason.params },
            },
          ],
          writes,
          effects: [{ type: "sync_zendesk" }],
        },
      );
    }

    case "discard": {
      if (rec.heldDraftId !== event.draftId) return err(notCurrent(rec));
      if (leaseActive(rec, now)) {
        return err({ code: "conflict", message: "The draft is being sent right now." });
      }
      return changed(
        rec,
        { heldDraftId: null },
        {
          audit: [
            { type: "draft_discarded", actor: agentActor(event.agent), from: null, to: null, reason: null },
          ],
          writes: [{ type: "discard_draft", draftId: event.draftId, by: event.agent }],
          effects: [{ type: "sync_zendesk" }],
        },
      );
    }

    case "wait_ended": {
      if (!rec.waiting) return unchanged(rec);
      return changed(
        rec,
        { waiting: false },
        {
          audit: [
            {
              type: "wait_ended",
              actor: event.agent ? agentActor(event.agent) : { kind: "system" },
              from: null,
              to: null,
              reason: "the attention item was resolved; the AI answers again",
            },
          ],
          effects: rec.state === "open" ? [{ type: "draft", includeHeld: true }] : [],
        },
      );
    }

    case "send_claim": {
      const { purpose, leaseId } = event;
      if (rec.state !== "open") {
        if (purpose.kind === "approve") return err(notCurrent(rec));
        return err({ code: "send_refused", message: `The ticket is ${rec.state}; the AI may not send.` });
      }
      if (purpose.kind === "approve" && rec.heldDraftId !== purpose.draftId) return err(notCurrent(rec));
      if ((purpose.kind === "reply" || purpose.kind === "new_reply") && rec.waiting) {
        return err({ code: "send_refused", message: "The ticket waits for a person; the AI may not reply." });
      }
      if (leaseActive(rec, now)) {
        return err({ code: "send_refused", message: "Another AI reply is already on its way." });
      }
      // Never over an unsettled send: it may have landed (a second send would repeat it).
      if (rec.sendLease) {
        return err({
          code: "in_doubt",
          message: "An earlier AI reply may have reached the customer; checking first.",
        });
      }
      // The draft records the lease it goes out under, so a crash mid-send can be reconciled.
      const approve = purpose.kind === "approve";
      const writes: Write[] = [
        purpose.kind === "new_reply"
          ? {
              type: "draft_born",
              leaseId,
              body: purpose.body,
              citations: purpose.citations,
              replyTo: purpose.replyTo,
            }
          : {
              type: "draft_sending",
              draftId: purpose.draftId,
              leaseId,
              body: approve ? purpose.body : null,
              approvedBy: approve ? purpose.agent : null,
            },
      ];
      return changed(rec, { sendLease: { id: leaseId, until: now + event.ttlMs } }, { writes });
    }

    case "send_settled":
      return settled(rec, event.leaseId, event.result);
  }
}

/**
 * Ends a send: the lease goes (if it is still this send's), and what became of
 * the draft is written in the same transaction, so a take over waiting on the
 * lease sees the reply in the events. A lease that expired and was replaced
 * leaves the record alone, but the draft's outcome is still recorded.
 */
function settled(rec: TicketRecord, leaseId: string, r: SendResult): Result<Transition, Rejection> {
  const mine = rec.sendLease?.id === leaseId;
  const patch: Partial<TicketRecord> = mine ? { sendLease: null } : {};
  const parts: { audit: AuditEntry[]; writes: Write[]; effects: Effect[] } = {
    audit: [],
    writes: [],
    effects: [],
  };
  switch (r.kind) {
    case "sent": {
      const { draftId, replyTo, citations, commentId } = r;
      parts.writes.push({ type: "draft_sent", draftId, commentId, replyTo, citations });
      const cites = citations.length ? ` citing KB ${citations.map((c) => `#${c}`).join(", ")}` : "";
      const params = { citations: citations.map((c) => `#${c}`).join(", ") };
      if (r.approvedBy) {
        // Sent is sent, even when told late: it is no longer the draft waiting for approval.
        if (rec.heldDraftId === draftId) patch.heldDraftId = null;
        parts.writes.push({ type: "close_draft_attention", draftId, by: r.approvedBy });
        parts.effects.push({ type: "sync_zendesk" });
        parts.audit.push({
          type: "draft_approved",
          actor: agentActor(r.approvedBy),
          from: null,
          to: null,
          reason: `AI draft sent${r.edited ? " (edited)" : ""}${cites}`,
          detail: { code: r.edited ? "approved_edited" : "approved", params },
        });
      } else if (r.ack) {
        parts.audit.push({
          type: "ai_acknowledged",
          actor: { kind: "ai" },
          from: null,
          to: null,
          reason: null,
        });
      } else {
        parts.audit.push({
          type: "ai_replied",
          actor: { kind: "ai" },
          from: null,
          to: null,
          reason: `reply sent${cites}`,
          detail: { code: citations.length ? "reply_cites" : "reply", params },
        });
      }
      break;
    }
    case "stale":
      parts.writes.push({ type: "draft_unsent", draftId: r.draftId, to: "refused" });
      parts.audit.push({
        type: "ai_reply_refused",
        actor: { kind: "ai" },
        from: null,
        to: null,
        reason: "Zendesk refused a reply drafted from a stale view (409); re-examining",
        detail: { code: "stale_view", params: {} },
      });
      break;
    case "unsent":
      parts.writes.push({ type: "draft_unsent", draftId: r.draftId, to: r.to });
      break;
    case "in_doubt":
      break;
  }
  if (!mine && Object.keys(patch).length === 0) return ok({ next: rec, ...parts, ack: "now" });
  return changed(rec, patch, parts);
}

function notCurrent(rec: TicketRecord): Rejection {
  if (rec.state !== "open") {
    return {
      code: "not_current",
      message: `The ticket is ${rec.state.replace("_", " ")}: the AI draft can no longer be sent.`,
    };
  }
  return {
    code: "not_current",
    message:
      "This is not the ticket's current AI draft (it was withdrawn, replaced by a newer one, sent or discarded).",
  };
}
