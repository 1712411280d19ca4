// Applies ownership events to a ticket: compare-and-set against D1, then the
// effects (Zendesk mirror, drafting). A take over is acknowledged only once no
// AI reply is in flight; see docs/decisions/001-ticket-state-model.md.
import type { Services } from "../services";
import {
  type MachineEvent,
  type Rejection,
  type TicketRecord,
  leaseActive,
  transition,
} from "./ticket.machine";
import type { Effect } from "./ticket.machine";
import { type Result, ok } from "../lib/result";
import { HelpdeskError } from "../helpdesk/helpdesk.port";
import { UpstreamError } from "../lib/upstream";

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
    const won = await s.tickets.commit(record, t.value.next, t.value.audit, now);
    if (!won) continue;
    await runEffects(s, ticketId, t.value.effects, opts);
    if (t.value.ack === "after_send") {
      const settled = await waitForSendToSettle(s, ticketId);
      return ok({ record: settled, effects: t.value.effects });
    }
    return ok({ record: t.value.next, effects: t.value.effects });
  }
  throw new UpstreamError(`ticket ${ticketId}: too much contention, try again`, true);
}

/** Polls until the ticket has no live send lease (the send landed or was refused). */
async function waitForSendToSettle(s: Services, ticketId: number): Promise<TicketRecord> {
  const deadline = s.now() + ACK_WAIT_LIMIT_MS;
  for (;;) {
    const { record } = await s.tickets.get(ticketId);
    if (!leaseActive(record, s.now()) || s.now() > deadline) return record;
    await s.sleep(50);
  }
}

export function desiredTags(state: TicketRecord["state"], hasAttention: boolean) {
  const add: string[] = [];
  const remove: string[] = [];
  (state === "open" ? add : remove).push("ohallo_ai");
  (state === "in_progress" ? add : remove).push("ohallo_human");
  (hasAttention ? add : remove).push("ohallo_attention");
  return { add, remove };
}

/** Mirrors our state (and optionally `solved`) onto the Zendesk ticket. */
export async function syncZendesk(s: Services, ticketId: number, status?: "solved"): Promise<void> {
  const [state, hasAttention] = await Promise.all([
    s.tickets.stateOf(ticketId),
    s.attention.hasOpen(ticketId),
  ]);
  const tags = desiredTags(state ?? "open", hasAttention);
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
        // The learning loop reads resolved tickets; it is wired in its own module.
        break;
    }
  }
}
