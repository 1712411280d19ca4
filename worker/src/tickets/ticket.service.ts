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
import { HelpdeskError, SolveRefused } from "../helpdesk/helpdesk.port";
import { reasons } from "../drafting/reasons";
import { mirrorKey, mirrorOf } from "./mirror";
import { inScope } from "./scope";
import { UpstreamError } from "../lib/upstream";
import { BusyError } from "../lib/busy";

const MAX_CAS_ATTEMPTS = 8;
/** How long a take over waits for an in-flight AI reply to settle (lease TTL bounds it). */
const ACK_WAIT_LIMIT_MS = 30_000;

export interface Applied {
  record: TicketRecord;
  effects: Effect[];
  /** How many writes besides the record's own it committed. */
  writes: number;
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
    const known = attempt === 0 ? opts.known : undefined;
    const { record, exists } = known ? { record: known, exists: true } : await s.tickets.get(ticketId);
    if (!exists) await s.tickets.ensure(ticketId, now);
    const t = transition(record, event, now);
    if (!t.ok) return t;
    const changed = t.value.next !== record;
    if (changed && !(await s.store.commit(record, t.value, now))) continue;
    if (changed) await runEffects(s, ticketId, t.value.effects, opts);
    if (event.type !== "take_over" && event.type !== "resolve") {
      return ok({
        record: t.value.next,
        effects: t.value.effects,
        writes: changed ? t.value.writes.length : 0,
      });
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
    return ok({ record: quiet, effects: t.value.effects, writes: changed ? t.value.writes.length : 0 });
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

/**
 * Mirrors our state (and optionally "solved") onto the helpdesk ticket, unless the
 * helpdesk already shows it: Update Ticket is rate limited per account and per ticket.
 * A solve the helpdesk refuses (fields it requires) becomes an attention item.
 */
export async function syncZendesk(s: Services, ticketId: number, status?: "solved"): Promise<void> {
  const [stored, open, settings] = await s.reads.all([
    s.tickets.getQuery(ticketId),
    s.attention.listQuery({ status: "open", ticketId, limit: 1 }),
    s.settings.getQuery(),
  ] as const);
  const mirror = mirrorOf(stored.record, open.length > 0, stored.autonomy ?? settings.defaultAutonomy);
  const solve = status === "solved";
  // Tickets the AI does not handle (settings) carry none of its tags; a solve still goes through.
  if (!solve && !inScope(stored.scope, settings.scope)) return;
  if (!solve && stored.mirrored === mirrorKey(mirror)) return;
  try {
    await s.helpdesk.mirror(ticketId, mirror, { solve });
  } catch (e) {
    if (!(e instanceof SolveRefused)) throw e;
    await s.helpdesk.mirror(ticketId, mirror);
    await s.store.commit(
      stored.record,
      {
        next: stored.record,
        audit: [],
        writes: [{ type: "raise_attention", attention: "ai_error", reason: reasons.solveRefused() }],
      },
      s.now(),
    );
    return syncZendesk(s, ticketId);
  }
  await s.store.commit(
    stored.record,
    { next: stored.record, audit: [], writes: [{ type: "mirrored", mirror }] },
    s.now(),
  );
}

export interface EffectOptions {
  /** Mirror to Zendesk before returning (a request answering an agent), else via the queue. */
  inlineSync?: boolean;
  /** The caller drafts itself right after (the queue consumer), so no draft job. */
  skipDraft?: boolean;
  /** The record as the caller just read it (it exists): the first attempt starts from it, unread. */
  known?: TicketRecord;
}

export async function runEffects(s: Services, ticketId: number, effects: Effect[], opts: EffectOptions) {
  for (const effect of effects) {
    switch (effect.type) {
      case "sync_zendesk": {
        const job = {
          type: "sync_zendesk",
          v: 2,
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
        await s.jobs.send({ type: "draft", v: 2, ticketId, includeHeld: effect.includeHeld });
        break;
      case "learn":
        await s.jobs.send({ type: "learn", v: 2, ticketId });
        break;
      case "send_queued":
        // The drafting job sends queued acknowledgements first (send.protocol.ts).
        if (opts.skipDraft) break;
        await s.jobs.send({ type: "draft", v: 2, ticketId, includeHeld: false });
        break;
    }
  }
}
