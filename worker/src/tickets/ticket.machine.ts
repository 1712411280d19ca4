// The ticket ownership state machine: a pure function from (record, event, now)
// to the next record, its audit entries and the effects the shell must run.
// No I/O, no clock. The one promise it keeps: no AI send is granted unless the
// ticket is `open`, and a take over is acknowledged only once no send is in flight.
import type { Agent, TicketState } from "../../../common/api.schema";
import { type Result, err, ok } from "../lib/result";

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
  releasedAt?: number | null;
}

export type MachineEvent =
  | { type: "take_over"; agent: Agent; force: boolean }
  | { type: "release"; agent: Agent; force: boolean }
  | { type: "resolve"; agent: Agent | null; source: "agent" | "zendesk" }
  /** `at`: when the reply was written in Zendesk (defaults to now). */
  | { type: "agent_public_reply"; agent: Agent; at?: number }
  | { type: "customer_message" }
  | { type: "auto_release"; hours: number }
  | { type: "send_claim"; leaseId: string; ttlMs: number }
  | { type: "send_settled"; leaseId: string };

export type Actor =
  | { kind: "agent"; id: number; name: string }
  | { kind: "ai" }
  | { kind: "customer" }
  | { kind: "system" };

export interface AuditEntry {
  type: string;
  actor: Actor;
  from: TicketState | null;
  to: TicketState | null;
  reason: string | null;
}

export type Effect =
  /** Mirror state (and optionally a Zendesk status) onto the Zendesk ticket. */
  | { type: "sync_zendesk"; status?: "solved" }
  /** Let the AI look at what the customer wrote and is still unanswered. */
  | { type: "draft"; includeHeld: boolean }
  /** Run the learning loop over the resolved conversation. */
  | { type: "learn" };

export interface Transition {
  next: TicketRecord;
  audit: AuditEntry[];
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
  | { code: "send_refused"; message: string };

export function newTicket(ticketId: number): TicketRecord {
  return {
    ticketId,
    state: "open",
    owner: null,
    version: 0,
    sendLease: null,
    heldSince: null,
    lastHumanAt: null,
  };
}

const agentActor = (a: Agent): Actor => ({ kind: "agent", id: a.id, name: a.name });

export function leaseActive(rec: TicketRecord, now: number): boolean {
  return rec.sendLease !== null && rec.sendLease.until > now;
}

function changed(
  rec: TicketRecord,
  patch: Partial<TicketRecord>,
  audit: AuditEntry[],
  effects: Effect[],
  ack: Transition["ack"] = "now",
): Result<Transition, Rejection> {
  return ok({ next: { ...rec, ...patch, version: rec.version + 1 }, audit, effects, ack });
}

function unchanged(rec: TicketRecord): Result<Transition, Rejection> {
  return ok({ next: rec, audit: [], effects: [], ack: "now" });
}

export function transition(
  rec: TicketRecord,
  event: MachineEvent,
  now: number,
): Result<Transition, Rejection> {
  switch (event.type) {
    case "take_over": {
      const { agent } = event;
      if (rec.state === "resolved") {
        return err({ code: "conflict", message: "The ticket is resolved; it cannot be taken over." });
      }
      const ack = leaseActive(rec, now) ? "after_send" : "now";
      if (rec.state === "in_progress" && rec.owner) {
        if (rec.owner.id === agent.id) return ok({ next: rec, audit: [], effects: [], ack });
        if (!event.force) {
          return err({
            code: "conflict",
            message: `The ticket is already taken over by ${rec.owner.name}.`,
            owner: rec.owner,
          });
        }
        return changed(
          rec,
          { owner: agent, heldSince: now, lastHumanAt: now },
          [
            {
              type: "take_over",
              actor: agentActor(agent),
              from: "in_progress",
              to: "in_progress",
              reason: `forced, from ${rec.owner.name}`,
            },
          ],
          [{ type: "sync_zendesk" }],
          ack,
        );
      }
      return changed(
        rec,
        { state: "in_progress", owner: agent, heldSince: now, lastHumanAt: now },
        [{ type: "take_over", actor: agentActor(agent), from: rec.state, to: "in_progress", reason: null }],
        [{ type: "sync_zendesk" }],
        ack,
      );
    }

    case "release": {
      if (rec.state !== "in_progress") {
        return err({ code: "conflict", message: "Only a ticket in progress can be released." });
      }
      const owner = rec.owner;
      if (owner && owner.id !== event.agent.id && !event.force) {
        return err({
          code: "conflict",
          message: `The ticket is taken over by ${owner.name}; confirm to release it for them.`,
          owner,
        });
      }
      const forced = owner && owner.id !== event.agent.id ? `for ${owner.name}` : null;
      return changed(
        rec,
        { state: "open", owner: null, heldSince: null },
        [
          {
            type: "release",
            actor: agentActor(event.agent),
            from: "in_progress",
            to: "open",
            reason: forced,
          },
        ],
        [{ type: "sync_zendesk" }, { type: "draft", includeHeld: true }],
      );
    }

    case "resolve": {
      if (rec.state === "resolved") {
        return event.source === "zendesk"
          ? unchanged(rec)
          : err({ code: "conflict", message: "The ticket is already resolved." });
      }
      const actor: Actor = event.agent ? agentActor(event.agent) : { kind: "system" };
      const reason = event.source === "zendesk" ? "solved in Zendesk" : null;
      const effects: Effect[] =
        event.source === "agent"
          ? [{ type: "sync_zendesk", status: "solved" }, { type: "learn" }]
          : [{ type: "sync_zendesk" }, { type: "learn" }];
      return changed(
        rec,
        { state: "resolved", owner: null, heldSince: null },
        [{ type: "resolve", actor, from: rec.state, to: "resolved", reason }],
        effects,
        leaseActive(rec, now) ? "after_send" : "now",
      );
    }

    case "agent_public_reply": {
      // A reply the human wrote before handing the ticket back is part of
      // their time, even when its webhook arrives after the release.
      const writtenBeforeRelease = rec.releasedAt != null && (event.at ?? now) < rec.releasedAt;
      if (rec.state === "open" && !writtenBeforeRelease) {
        return changed(
          rec,
          { state: "in_progress", owner: event.agent, heldSince: now, lastHumanAt: now },
          [
            {
              type: "take_over",
              actor: agentActor(event.agent),
              from: "open",
              to: "in_progress",
              reason: "implicit: an agent replied publicly",
            },
          ],
          [{ type: "sync_zendesk" }],
          leaseActive(rec, now) ? "after_send" : "now",
        );
      }
      if (rec.state === "in_progress") return changed(rec, { lastHumanAt: now }, [], []);
      return unchanged(rec);
    }

    case "customer_message": {
      if (rec.state === "resolved") {
        return changed(
          rec,
          { state: "open", owner: null, heldSince: null },
          [
            {
              type: "reopen",
              actor: { kind: "customer" },
              from: "resolved",
              to: "open",
              reason: "the customer wrote again",
            },
          ],
          [{ type: "sync_zendesk" }, { type: "draft", includeHeld: false }],
        );
      }
      // Any new customer message invalidates drafts made before it (version bump).
      const effects: Effect[] = rec.state === "open" ? [{ type: "draft", includeHeld: false }] : [];
      return changed(rec, {}, [], effects);
    }

    case "auto_release": {
      if (rec.state !== "in_progress") return unchanged(rec);
      const since = rec.lastHumanAt ?? rec.heldSince;
      if (since === null || since + event.hours * 3_600_000 > now) return unchanged(rec);
      return changed(
        rec,
        { state: "open", owner: null, heldSince: null, releasedAt: now },
        [
          {
            type: "release",
            actor: { kind: "system" },
            from: "in_progress",
            to: "open",
            reason: `auto release: no human reply for ${event.hours} h`,
          },
        ],
        [{ type: "sync_zendesk" }, { type: "draft", includeHeld: true }],
      );
    }

    case "send_claim": {
      if (rec.state !== "open") {
        return err({ code: "send_refused", message: `The ticket is ${rec.state}; the AI may not send.` });
      }
      if (leaseActive(rec, now)) {
        return err({ code: "send_refused", message: "Another AI reply is already on its way." });
      }
      return changed(rec, { sendLease: { id: event.leaseId, until: now + event.ttlMs } }, [], []);
    }

    case "send_settled": {
      if (rec.sendLease?.id !== event.leaseId) return unchanged(rec);
      return changed(rec, { sendLease: null }, [], []);
    }
  }
}
