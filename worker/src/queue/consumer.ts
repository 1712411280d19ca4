// The queue consumer: runs jobs, retries what a retry can fix (with backoff,
// honouring Retry-After), and after the last attempt puts the failure in front
// of a person as an `ai_error` attention item. Nothing is dropped silently.
import { ZodError } from "zod";
import { UpstreamError } from "../lib/upstream";
import type { Services } from "../services";
import { draftForTicket } from "../drafting/pipeline";
import { syncZendesk } from "../tickets/ticket.service";
import { learnFromTicket } from "../learning/learning.service";
import { reasons } from "../drafting/reasons";
import { runAll } from "../lib/query";
import { transition } from "../tickets/ticket.machine";
import { applyZendeskEvent } from "./events";
import { type Job, JobSchema } from "./messages";

/** Attempts before giving up; wrangler.toml's max_retries is higher so we always decide. */
export const MAX_ATTEMPTS = 5;

export function backoffSeconds(attempt: number, retryAfterMs: number | null): number {
  const exponential = Math.min(2 ** Math.max(0, attempt - 1), 300);
  // Retry-After is honoured up to an hour; a queue message cannot wait for ever.
  const asked = retryAfterMs === null ? 0 : Math.min(Math.ceil(retryAfterMs / 1000), 3_600);
  return Math.max(exponential, asked, 1);
}

function retryable(e: unknown): { retry: boolean; afterMs: number | null } {
  if (e instanceof UpstreamError) return { retry: e.retryable, afterMs: e.retryAfterMs };
  // A response we cannot read will not read better later.
  if (e instanceof ZodError) return { retry: false, afterMs: null };
  return { retry: true, afterMs: null };
}

export function ticketOf(job: Job): number {
  return job.type === "zendesk_event" ? job.event.ticketId : job.ticketId;
}

/** A large event's job, read back from D1 (and dropped once applied). */
async function applyStored(s: Services, ref: string): Promise<void> {
  const job = JobSchema.safeParse(await s.deliveries.payload(ref));
  if (!job.success || job.data.type !== "zendesk_event") {
    console.error(`queue: the stored event ${ref} is missing or unreadable; nothing to apply`);
    return;
  }
  await applyZendeskEvent(s, job.data.event);
  await s.deliveries.dropPayload(ref);
}

async function runJob(s: Services, job: Job): Promise<void> {
  switch (job.type) {
    case "zendesk_event":
      return applyZendeskEvent(s, job.event);
    case "zendesk_event_ref":
      return applyStored(s, job.ref);
    case "draft":
      return draftForTicket(s, job.ticketId, job.includeHeld);
    case "sync_zendesk":
      return syncZendesk(s, job.ticketId, job.status);
    case "learn":
      await learnFromTicket(s, job.ticketId);
      return;
  }
}

function describe(e: unknown): string {
  if (e instanceof UpstreamError) return e.message;
  if (e instanceof ZodError) return "an answer from Zendesk or the model could not be read";
  return e instanceof Error ? e.message.slice(0, 300) : "unknown error";
}

/** After the last attempt: whatever the customer wrote lands in front of a person. */
async function giveUp(s: Services, job: Job, e: unknown, attempts: number): Promise<void> {
  const ticketId = ticketOf(job);
  const reason = reasons.aiError(attempts, describe(e));
  console.error(`job ${job.type} on ticket ${ticketId} failed for good: ${describe(e)}`);
  if (job.type === "sync_zendesk" || job.type === "learn") {
    await s.tickets.log(
      ticketId,
      { type: `${job.type}_failed`, actor: { kind: "system" }, from: null, to: null, reason: reason.text },
      s.now(),
    );
    return;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const [stored, messages] = await runAll(s.db, [
      s.tickets.getQuery(ticketId),
      s.messages.forTicketQuery(ticketId),
    ] as const);
    const pending = messages.filter((m) => m.authorKind === "customer" && m.disposition === "pending");
    if (pending.length === 0) return;
    const ids = pending.map((m) => m.commentId);
    const rec = stored.record;
    if (rec.state !== "open") {
      // A person has the ticket: the messages are recorded there, as any other.
      await s.messages.settle(ids, "held", `held:${rec.state}`, s.now());
      return;
    }
    const now = s.now();
    const t = transition(
      rec,
      {
        type: "flag",
        attention: "ai_error",
        reason,
        messageIds: ids,
        waits: false,
        ack: null,
      },
      now,
    );
    if (t.ok && (await s.store.commit(rec, t.value, now))) {
      await s.jobs.send({ type: "sync_zendesk", v: 1, ticketId });
      return;
    }
  }
}

export async function handleMessage(s: Services, msg: Message<unknown>): Promise<void> {
  const parsed = JobSchema.safeParse(msg.body);
  if (!parsed.success) {
    console.error(`dropping a queue message that is no job we know: ${parsed.error.issues[0]?.message}`);
    msg.ack();
    return;
  }
  try {
    await runJob(s, parsed.data);
    msg.ack();
  } catch (e) {
    const r = retryable(e);
    if (r.retry && msg.attempts < MAX_ATTEMPTS) {
      msg.retry({ delaySeconds: backoffSeconds(msg.attempts, r.afterMs) });
      return;
    }
    await giveUp(s, parsed.data, e, msg.attempts);
    msg.ack();
  }
}

/** Jobs of one ticket run in order; different tickets run side by side. */
export async function handleBatch(s: Services, batch: MessageBatch<unknown>): Promise<void> {
  const byTicket = new Map<string, Message<unknown>[]>();
  for (const msg of batch.messages) {
    const parsed = JobSchema.safeParse(msg.body);
    const key = parsed.success ? String(ticketOf(parsed.data)) : `?${msg.id}`;
    byTicket.set(key, [...(byTicket.get(key) ?? []), msg]);
  }
  await Promise.all(
    [...byTicket.values()].map(async (msgs) => {
      for (const m of msgs) await handleMessage(s, m);
    }),
  );
}
