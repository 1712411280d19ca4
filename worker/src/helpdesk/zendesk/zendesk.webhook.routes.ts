// POST /webhooks/zendesk (the default installation) and /webhooks/zendesk/{id}
// (a connected one): verify against that installation's signing secret, bound,
// parse, enqueue, 202. Nothing slow happens here, and no D1: the work (and the
// de-duplication on the event id) runs on the queue. When a delivery cannot be
// taken in, the answer is 503 with Retry-After (Zendesk retries that), never a
// silent loss.
import { type Context, Hono } from "hono";
import type { AppEnv } from "../../http/app";
import { DEFAULT_INSTALLATION } from "../../lib/scope";
import type { HelpdeskEvent } from "../../helpdesk/helpdesk.port";
import type { JobInput } from "../../queue/messages";
import type { App, Services } from "../../services";
import { parseZendeskEvent } from "./zendesk.events";
import { verifyWebhookSignature } from "./zendesk.signature";

export const MAX_WEBHOOK_BYTES = 256 * 1024;
/** A queue message holds 128 KB; a bigger event waits in D1 and the queue carries its id. */
export const MAX_INLINE_JOB_BYTES = 96 * 1024;
const RETRY_AFTER_SECONDS = "10";
const WHY = { missing: "Missing signature", stale: "Stale timestamp", mismatch: "Bad signature" } as const;

/** The installation a delivery is for, and the secret its signature must match (null: unknown → 401). */
async function target(app: App, id: string, fresh: boolean): Promise<{ s: Services; secret: string } | null> {
  if (id === DEFAULT_INSTALLATION) {
    const s = await app.forInstallation(id);
    return s && app.config.zendesk ? { s, secret: app.config.zendesk.webhookSecret } : null;
  }
  if (!app.vault) return null;
  const t = await app.installations.webhookTarget(id, app.now(), fresh);
  return t ? { s: app.servicesFor(t.installation), secret: await app.vault.open(t.sealed) } : null;
}

async function receive(c: Context<AppEnv>, installationId: string) {
  const app = c.get("app");
  const declared = Number(c.req.header("Content-Length") ?? "0");
  if (declared > MAX_WEBHOOK_BYTES) return c.json({ error: "Body over 256 KiB" }, 413);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_WEBHOOK_BYTES) return c.json({ error: "Body over 256 KiB" }, 413);

  const verify = (secret: string | undefined) =>
    verifyWebhookSignature({
      // An unknown installation is checked against a throwaway key, so it answers like a bad signature.
      secret: secret ?? "no installation here",
      signature: c.req.header("X-Zendesk-Webhook-Signature"),
      timestamp: c.req.header("X-Zendesk-Webhook-Signature-Timestamp"),
      rawBody: bytes,
      now: app.now(),
    });
  let to = await target(app, installationId, false);
  let verified = await verify(to?.secret);
  if (!verified.ok && verified.error === "mismatch" && installationId !== DEFAULT_INSTALLATION) {
    to = await target(app, installationId, true);
    verified = await verify(to?.secret);
  }
  if (!to) return c.json({ error: "Unknown webhook" }, 401);
  if (!verified.ok) return c.json({ error: WHY[verified.error] }, 401);
  const s = to.s;

  let json: unknown;
  try {
    // The decoder drops a leading byte-order mark; the signature covered the raw bytes.
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return c.json({ error: "The body is not valid JSON" }, 400);
  }
  const parsed = parseZendeskEvent(json);
  if (!parsed.ok) return c.json({ error: `Not a Zendesk event: ${parsed.error}` }, 400);
  const event = parsed.event;
  if (event.kind === "ignored") return c.json({ ok: true, ignored: event.type }, 200);

  if (recentlyTaken(installationId, event.eventId)) return c.json({ ok: true, duplicate: true }, 200);
  const job: JobInput = { type: "helpdesk_event", v: 2, event, token: crypto.randomUUID() };
  const text = JSON.stringify(job);
  if (text.length > MAX_INLINE_JOB_BYTES) return takeInLarge(c, s, event, text);
  try {
    // No D1 here: the consumer de-duplicates on the event id (the job's token tells its own retries
    // from a second delivery), so the route answers Zendesk with one queue send.
    await s.jobs.send(job);
  } catch (e) {
    console.warn(`webhook ${event.eventId}: could not enqueue: ${String(e)}`);
    c.header("Retry-After", RETRY_AFTER_SECONDS);
    return c.json({ error: "The Worker cannot take this delivery in right now; retry later" }, 503);
  }
  remember(installationId, event.eventId);
  return c.json({ ok: true }, 202);
}

/**
 * Event ids this isolate took in lately, so a redelivery it sees again answers `200` at once. Only a
 * shortcut: a redelivery that reaches another isolate is queued and dropped by the consumer.
 */
const recent = new Map<string, true>();
const RECENT_MAX = 10_000;
const recentKey = (installationId: string, eventId: string) => `${installationId}\u0000${eventId}`;
const recentlyTaken = (installationId: string, eventId: string) =>
  recent.has(recentKey(installationId, eventId));
function remember(installationId: string, eventId: string): void {
  recent.set(recentKey(installationId, eventId), true);
  if (recent.size > RECENT_MAX) {
    const oldest = recent.keys().next().value;
    if (oldest !== undefined) recent.delete(oldest);
  }
}

/** An event too large for a queue message: its job waits in D1, recorded (and de-duplicated) here. */
async function takeInLarge(c: Context<AppEnv>, s: Services, event: HelpdeskEvent, text: string) {
  let accepted: boolean;
  try {
    accepted = await s.deliveries.acceptLarge(event, s.now(), text);
  } catch (e) {
    console.warn(`webhook ${event.eventId}: could not record the delivery: ${String(e)}`);
    c.header("Retry-After", RETRY_AFTER_SECONDS);
    return c.json({ error: "The Worker cannot take this delivery in right now; retry later" }, 503);
  }
  if (!accepted) return c.json({ ok: true, duplicate: true }, 200);
  try {
    await s.jobs.send({ type: "helpdesk_event_ref", v: 2, ref: event.eventId, ticketId: event.ticketId });
  } catch (e) {
    console.warn(`webhook ${event.eventId}: could not enqueue: ${String(e)}`);
    await s.deliveries.forget(event.eventId).catch(() => undefined);
    c.header("Retry-After", RETRY_AFTER_SECONDS);
    return c.json({ error: "The Worker cannot take this delivery in right now; retry later" }, 503);
  }
  return c.json({ ok: true }, 202);
}

export const webhookRoutes = new Hono<AppEnv>()
  .post("/zendesk", (c) => receive(c, DEFAULT_INSTALLATION))
  .post("/zendesk/:installation{[a-z0-9_-]{1,64}}", (c) => receive(c, c.req.param("installation")));
