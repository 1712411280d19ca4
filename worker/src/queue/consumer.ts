// The queue consumer: runs each job in its installation's services, retries what
// a retry can fix (with backoff, honouring Retry-After), and after the last
// attempt puts the failure in front of a person as an `ai_error` attention item.
// When Zendesk asks an account to slow down (429), that account's other jobs
// wait too, without spending their attempts. Nothing is dropped silently.
import { ZodError } from "zod";
import { draftForTicket } from "../drafting/pipeline";
import { reasons } from "../drafting/reasons";
import { Disconnected } from "../helpdesk/helpdesk.port";
import { learnFromTicket } from "../learning/learning.service";
import { UpstreamError } from "../lib/upstream";
import type { App, Services } from "../services";
import { transition } from "../tickets/ticket.machine";
import { syncZendesk } from "../tickets/ticket.service";
import { applyHelpdeskEvent } from "./events";
import { type Job, type JobInput, JobSchema } from "./messages";

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
  return job.type === "helpdesk_event" ? job.event.ticketId : job.ticketId;
}

/**
 * Until when an installation's queue work waits (Zendesk answered 429), per isolate;
 * connected installations also keep it in D1 for other isolates.
 */
const paused = new Map<string, number>();

/** A large event's job, read back from D1 (and dropped once applied). */
async function applyStored(s: Services, ref: string): Promise<void> {
  const stored = await s.deliveries.payload(ref);
  // Stored as the route wrote it, without the installation (the queue message carries that).
  const job = JobSchema.safeParse(
    typeof stored === "object" && stored !== null ? { ...stored, installationId: s.installation.id } : stored,
  );
  if (!job.success || job.data.type !== "helpdesk_event") {
    console.error(`queue: the stored event ${ref} is missing or unreadable; nothing to apply`);
    return;
  }
  await applyHelpdeskEvent(s, job.data.event);
  await s.deliveries.dropPayload(ref);
}

async function runJob(s: Services, job: Job): Promise<void> {
  switch (job.type) {
    case "helpdesk_event":
      return applyHelpdeskEvent(s, job.event, job.token);
    case "helpdesk_event_ref":
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
  const reason = e instanceof Disconnected ? reasons.disconnected() : reasons.aiError(attempts, describe(e));
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
    const [stored, messages] = await s.reads.all([
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
      { type: "flag", attention: "ai_error", reason, messageIds: ids, waits: false, ack: null },
      now,
    );
    if (t.ok && (await s.store.commit(rec, t.value, now))) {
      if (!(e instanceof Disconnected)) await s.jobs.send({ type: "sync_zendesk", v: 2, ticketId });
      return;
    }
  }
}

async function handleMessage(app: App, s: Services, msg: Message<unknown>, job: Job): Promise<void> {
  const now = app.now();
  const until = Math.max(paused.get(s.installation.id) ?? 0, s.installation.pausedUntil ?? 0);
  if (until > now) {
    // Slowed down, not failed: the job waits as a new message, its attempts untouched.
    const { installationId: _, ...again } = job;
    await s.jobs.send(again as JobInput, Math.ceil((until - now) / 1000));
    msg.ack();
    return;
  }
  try {
    await runJob(s, job);
    msg.ack();
  } catch (e) {
    const r = retryable(e);
    if (e instanceof UpstreamError && e.status === 429) {
      const pauseUntil = now + (r.afterMs ?? 1_000);
      paused.set(s.installation.id, pauseUntil);
      if (s.installation.kind === "connected")
        await app.installations.setPaused(s.installation.id, pauseUntil);
    }
    if (r.retry && msg.attempts < MAX_ATTEMPTS) {
      msg.retry({ delaySeconds: backoffSeconds(msg.attempts, r.afterMs) });
      return;
    }
    await giveUp(s, job, e, msg.attempts);
    msg.ack();
  }
}

/** Jobs of one ticket run in order; different tickets (and installations) run side by side. */
export async function handleBatch(app: App, batch: MessageBatch<unknown>): Promise<void> {
  const groups = new Map<string, { job: Job; msg: Message<unknown> }[]>();
  for (const msg of batch.messages) {
    const parsed = JobSchema.safeParse(msg.body);
    if (!parsed.success) {
      console.error(`dropping a queue message that is no job we know: ${parsed.error.issues[0]?.message}`);
      msg.ack();
      continue;
    }
    const job = parsed.data;
    const key = `${job.installationId}/${ticketOf(job)}`;
    groups.set(key, [...(groups.get(key) ?? []), { job, msg }]);
  }
  const services = new Map<string, Promise<Services | null>>();
  const servicesOf = (id: string) => {
    let s = services.get(id);
    if (!s) {
      s = app.forInstallation(id);
      services.set(id, s);
    }
    return s;
  };
  await Promise.all(
    [...groups.values()].map(async (items) => {
      for (const { job, msg } of items) {
        const s = await servicesOf(job.installationId);
        if (!s) {
          // Deleted after its grace period: there is no one left to tell.
          console.error(`dropping a job of installation ${job.installationId}, which no longer exists`);
          msg.ack();
          continue;
        }
        await handleMessage(app, s, msg, job);
      }
    }),
  );
}
