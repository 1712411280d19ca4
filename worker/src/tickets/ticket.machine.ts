// The ticket ownership state machine: a pure function from (record, event, now)
// to the next record, its audit entries, the writes that commit with it and the
// effects the shell must run. No I/O, no clock. The one promise it keeps: no AI
// send is granted unless the ticket is `open`, and a take over is acknowledged
// only once no send is in flight. AI outcomes (flag, hold, send) live in
// ticket.outcomes.ts and go through the same compare-and-set.
import type { Agent } from "../../../common/api.schema";
import type { Result } from "../lib/result";
import { err } from "../lib/result";
import { type OutcomeEvent, outcomeTransition } from "./ticket.outcomes";
import {
  type Actor,
  type Effect,
  type Rejection,
  type TicketRecord,
  type Transition,
  type Write,
  agentActor,
  changed,
  leaseActive,
  personTakesIt,
  unchanged,
} from "./ticket.record";

export * from "./ticket.record";
export type { OutcomeEvent } from "./ticket.outcomes";

export type OwnershipEvent =
  | { type: "take_over"; agent: Agent; force: boolean }
  | { type: "release"; agent: Agent; force: boolean }
  | { type: "resolve"; agent: Agent | null; source: "agent" | "zendesk" }
  /** `at`: when the reply was written in Zendesk (defaults to now). */
  | { type: "agent_public_reply"; agent: Agent; at?: number }
  /**
   * `stillClosed`: the helpdesk still shows the ticket solved, so the comment was written before
   * it was solved (its webhook came late) and reopens nothing; a comment after the solve reopens
   * the ticket in the helpdesk too.
   */
  | { type: "customer_message"; stillClosed?: boolean }
  /** The helpdesk shows a ticket we hold resolved as open again (an agent reopened it there). */
  | { type: "reopened_in_helpdesk" }
  | { type: "auto_release"; hours: number };

export type MachineEvent = OwnershipEvent | OutcomeEvent;

/** What every hand-over to a person changes besides state and owner. */
const toPerson = { waiting: false, heldDraftId: null } as const;

export function transition(
  rec: TicketRecord,
  event: MachineEvent,
  now: number,
): Result<Transition, Rejection> {
  switch (event.type) {
    case "take_over":
      return takeOver(rec, event.agent, event.force, now);

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
      const forced = owner && owner.id !== event.agent.id;
      // `releasedAt`: a reply the human wrote before this moment is part of their
      // time, even when its webhook arrives after the release (no snap back).
      return changed(
        rec,
        { state: "open", owner: null, heldSince: null, releasedAt: now },
        {
          audit: [
            {
              type: "release",
              actor: agentActor(event.agent),
              from: "in_progress",
              to: "open",
              reason: forced ? `for ${owner.name}` : null,
              detail: forced ? { code: "release_for", params: { name: owner.name } } : null,
            },
          ],
          effects: [{ type: "sync_zendesk" }, { type: "draft", includeHeld: true }],
        },
      );
    }

    case "resolve": {
      if (rec.state === "resolved") {
        return event.source === "zendesk"
          ? unchanged(rec)
          : err({ code: "conflict", message: "The ticket is already resolved." });
      }
      const actor: Actor = event.agent ? agentActor(event.agent) : { kind: "system" };
      const fromZendesk = event.source === "zendesk";
      const effects: Effect[] = fromZendesk
        ? [{ type: "sync_zendesk" }, { type: "learn" }]
        : [{ type: "sync_zendesk", status: "solved" }, { type: "learn" }];
      return changed(
        rec,
        { state: "resolved", owner: null, heldSince: null, ...toPerson },
        {
          audit: [
            {
              type: "resolve",
              actor,
              from: rec.state,
              to: "resolved",
              reason: fromZendesk ? "solved in Zendesk" : null,
              detail: fromZendesk ? { code: "solved_in_zendesk", params: {} } : null,
            },
          ],
          writes: personTakesIt(event.agent),
          effects,
          ack: leaseActive(rec, now) ? "after_send" : "now",
        },
      );
    }

    case "agent_public_reply": {
      const writtenBeforeRelease = rec.releasedAt != null && (event.at ?? now) < rec.releasedAt;
      if (rec.state === "open" && !writtenBeforeRelease) {
        return changed(
          rec,
          { state: "in_progress", owner: event.agent, heldSince: now, lastHumanAt: now, ...toPerson },
          {
            audit: [
              {
                type: "take_over",
                actor: agentActor(event.agent),
                from: "open",
                to: "in_progress",
                reason: "implicit: an agent replied publicly",
                detail: { code: "implicit_reply", params: {} },
              },
            ],
            writes: personTakesIt(event.agent),
            effects: [{ type: "sync_zendesk" }],
            ack: leaseActive(rec, now) ? "after_send" : "now",
          },
        );
      }
      if (rec.state === "in_progress") return changed(rec, { lastHumanAt: now });
      return unchanged(rec);
    }

    case "reopened_in_helpdesk": {
      if (rec.state !== "resolved") return unchanged(rec);
      return changed(
        rec,
        { state: "open", owner: null, heldSince: null },
        {
          audit: [
            {
              type: "reopen",
              actor: { kind: "system" },
              from: "resolved",
              to: "open",
              reason: "reopened in Zendesk",
              detail: { code: "reopened_in_helpdesk", params: {} },
            },
          ],
          effects: [{ type: "sync_zendesk" }, { type: "draft", includeHeld: false }],
        },
      );
    }

    case "customer_message": {
      if (rec.state === "resolved" && event.stillClosed) return unchanged(rec);
      if (rec.state === "resolved") {
        return changed(
          rec,
          { state: "open", owner: null, heldSince: null },
          {
            audit: [
              {
                type: "reopen",
                actor: { kind: "customer" },
                from: "resolved",
                to: "open",
                reason: "the customer wrote again",
              },
            ],
            effects: [{ type: "sync_zendesk" }, { type: "draft", includeHeld: false }],
          },
        );
      }
      // Any new customer message invalidates drafts made before it (version bump),
      // and a reply held for approval no longer answers the whole conversation.
      const writes: Write[] = [];
      if (rec.state === "open" && rec.heldDraftId != null) {
        writes.push({ type: "supersede_draft", draftId: rec.heldDraftId });
      }
      const effects: Effect[] = rec.state === "open" ? [{ type: "draft", includeHeld: false }] : [];
      if (writes.length) effects.unshift({ type: "sync_zendesk" });
      return changed(rec, writes.length ? { heldDraftId: null } : {}, { writes, effects });
    }

    case "auto_release": {
      if (rec.state !== "in_progress") return unchanged(rec);
      const since = rec.lastHumanAt ?? rec.heldSince;
      if (since === null || since + event.hours * 3_600_000 > now) return unchanged(rec);
      return changed(
        rec,
        { state: "open", owner: null, heldSince: null, releasedAt: now },
        {
          audit: [
            {
              type: "release",
              actor: { kind: "system" },
              from: "in_progress",
              to: "open",
              reason: `auto release: no human reply for ${event.hours} h`,
              detail: { code: "auto_release", params: { hours: String(event.hours) } },
            },
          ],
          effects: [{ type: "sync_zendesk" }, { type: "draft", includeHeld: true }],
        },
      );
    }

    default:
      return outcomeTransition(rec, event, now);
  }
}

function takeOver(rec: TicketRecord, agent: Agent, force: boolean, now: number) {
  if (rec.state === "resolved") {
    return err<Rejection>({ code: "conflict", message: "The ticket is resolved; it cannot be taken over." });
  }
  const ack: Transition["ack"] = leaseActive(rec, now) ? "after_send" : "now";
  const base = { writes: personTakesIt(agent), effects: [{ type: "sync_zendesk" }] as Effect[], ack };
  if (rec.state === "in_progress" && rec.owner) {
    if (rec.owner.id === agent.id) return unchanged(rec, ack);
    if (!force) {
      return err<Rejection>({
        code: "conflict",
        message: `The ticket is already taken over by ${rec.owner.name}.`,
        owner: rec.owner,
      });
    }
    return changed(
      rec,
      { owner: agent, heldSince: now, lastHumanAt: now },
      {
        ...base,
        audit: [
          {
            type: "take_over",
            actor: agentActor(agent),
            from: "in_progress",
            to: "in_progress",
            reason: `forced, from ${rec.owner.name}`,
            detail: { code: "forced_from", params: { name: rec.owner.name } },
          },
        ],
      },
    );
  }
  return changed(
    rec,
    { state: "in_progress", owner: agent, heldSince: now, lastHumanAt: now, ...toPerson },
    {
      ...base,
      audit: [
        { type: "take_over", actor: agentActor(agent), from: rec.state, to: "in_progress", reason: null },
      ],
    },
  );
}
