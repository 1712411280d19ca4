// Applies ownership events to a ticket: compare-and-set against D1, then the
// effects (Zendesk mirror, drafting). A take over is acknowledged only once no
// AI reply is in flight; see docs/decisions/001-ticket-state-model.md.
import type { Services } from "../services";
import {
  type Effect,
  type MachineEvent,
  type Rejection,
  type TicketRecord,
  leaseActive,
  transition,
} from "./ticket.machine";
import { type Result, ok } from "../lib/result";
import { HelpdeskError } from "../helpdesk/helpdesk.port";
import { UpstreamError } from "../lib/upstream";
import { BusyError } from "../lib/busy";
import { runAll } from "../lib/query";

const MAX_CAS_ATTEMPTS = 8;
/** How long a take over waits for an in-flight AI reply to settle (lease TTL bounds it). */
const ACK_WAIT_LIMIT_MS = 30_000;

export interface Applied {
  record: TicketRecord;
  effects: Effect[];
}

/**
 * Runs `event` through the machine until the compare-and-set wins (other
 * writers may race us), then runs the effects. `opts.inlineSync` lets a request
 * mirror the state to Zendesk before it answers.
 */
export async function applyEvent(
  s: Services,
  ticketId: number,
  event: MachineEvent,
  opts: EffectOptions = {},
): Promise<Result<Applied, Rejection>> {
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const now = s.now();
    const { record, exists } = await s.tickets.get(ticketId);
    if (!exists) await s.tickets.ensure(ticketId, now);
    const t = transition(record, event, now);
    if (!t.ok) return t;
    const changed = t.value.next !== record;
    if (changed && !(await s.store.commit(record, t.value, now))) continue;
    if (changed) await runEffects(s, ticketId, t.value.effects, opts);
    if (event.type !== "take_over" && event.type !== "resolve") {
      return ok({ record: t.value.next, effects: t.value.effects });
    }
    // A take over or resolve promises the AI is silent from the answer on:
    // answer only from a fresh read with no AI reply in flight.
    const quiet = await waitForSendToSettle(s, ticketId);
    // A take over decided on a read that something overtook (a release, another
    // take over) is decided again; the lease's own release is harmless.
    if (event.type === "take_over" && quiet.version !== t.value.next.version) {
      const onlyLeaseMoved =
        quiet.state === t.value.next.state && quiet.owner?.id === t.value.next.owner?.id && changed;
      if (!onlyLeaseMoved) continue;
    }
    return ok({ record: quiet, effects: t.value.effects });
  }
  throw new UpstreamError(`ticket ${ticketId}: too much contention, try again`, true);
}

/**
 * Polls until the ticket has no live send lease (the send landed or was
 * refused). A lease still live at the deadline means something is stuck:
 * the caller gets a 503 to retry, never a 200 it cannot stand behind.
 */
async function waitForSendToSettle(s: Services, ticketId: number): Promise<TicketRecord> {
  const deadline = s.now() + ACK_WAIT_LIMIT_MS;
  for (;;) {
    const { record } = await s.tickets.get(ticketId);
    if (!leaseActive(record, s.now())) return record;
    if (s.now() > deadline) throw new BusyError("An AI reply is still being sent on this ticket; try again");
    await s.sleep(50);
  }
}

/** The tags that mirror our state; `ohallo_ai_off` marks an open ticket the AI stays silent on. */
export function desiredTags(state: TicketRecord["state"], hasAttention: boolean, aiOff = false) {
  const add: string[] = [];
  const remove: string[] = [];
  (state === "open" ? add : remove).push("ohallo_ai");
  (state === "open" && aiOff ? add : remove).push("ohallo_ai_off");
  (state === "in_progress" ? add : remove).push("ohallo_human");
  (hasAttention ? add : remove).push("ohallo_attention");
  return { add, remove };
}

/** Mirrors our state (and optionally `solved`) onto the Zendesk ticket. */
export async function syncZendesk(s: Services, ticketId: number, status?: "solved"): Promise<void> {
  const [stored, open, settings] = await runAll(s.db, [
    s.tickets.getQuery(ticketId),
    s.attention.listQuery({ status: "open", ticketId, limit: 1 }),
    s.settings.getQuery(),
  ] as const);
  const aiOff = (stored.autonomy ?? settings.defaultAutonomy) === "off";
  const tags = desiredTags(stored.record.state, open.length > 0, aiOff);
  await s.helpdesk.updateTicket(ticketId, {
    ...(status ? { status } : {}),
    addTags: tags.add,
    removeTags: tags.remove,
  });
}

export interface EffectOptions {
  /** Mirror to Zendesk before returning (a request answering an agent), else via the queue. */
  inlineSync?: boolean;
  /** The caller drafts itself right after (the queue consumer), so no draft job. */
  skipDraft?: boolean;
}

export async function runEffects(s: Services, ticketId: number, effects: Effect[], opts: EffectOptions) {
  for (const effect of effects) {
    switch (effect.type) {
      case "sync_zendesk": {
        const job = {
          type: "sync_zendesk",
          v: 1,
          ticketId,
          ...(effect.status ? { status: effect.status } : {}),
        } as const;
        if (!opts.inlineSync) {
          await s.jobs.send(job);
          break;
        }
        try {
          await syncZendesk(s, ticketId, effect.status);
        } catch (e) {
          // The request still succeeds; the queue retries the mirror with backoff.
          if (!(e instanceof HelpdeskError)) throw e;
          await s.jobs.send(job);
        }
        break;
      }
      case "draft":
        if (opts.skipDraft) break;
        await s.jobs.send({ type: "draft", v: 1, ticketId, includeHeld: effect.includeHeld });
        break;
      case "learn":
        await s.jobs.send({ type: "learn", v: 1, ticketId });
        break;
      case "send_queued":
        // The drafting job sends queued acknowledgements first (send.protocol.ts).
        if (opts.skipDraft) break;
        await s.jobs.send({ type: "draft", v: 1, ticketId, includeHeld: false });
        break;
    }
  }
}
