// POST /webhooks/zendesk (the default installation) and /webhooks/zendesk/{id}
// (a connected one): verify against that installation's signing secret, bound,
// parse, de-duplicate, enqueue, 202. Nothing slow happens here; the work runs on
// the queue. A delivery is marked accepted only once it is safely on the queue;
// when it cannot be taken in, the answer is 503 with Retry-After (Zendesk
// retries that), never a silent loss.
import { type Context, Hono } from "hono";
import type { AppEnv } from "../../http/app";
import { DEFAULT_INSTALLATION } from "../../lib/scope";
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
async function target(app: App, id: string): Promise<{ s: Services; secret: string } | null> {
  if (id === DEFAULT_INSTALLATION) {
    const s = await app.forInstallation(id);
    return s && app.config.zendesk ? { s, secret: app.config.zendesk.webhookSecret } : null;
  }
  if (!app.vault) return null;
  const [s, sealed] = await Promise.all([app.forInstallation(id), app.installations.webhookSecret(id)]);
  return s && sealed ? { s, secret: await app.vault.open(sealed) } : null;
}

async function receive(c: Context<AppEnv>, installationId: string) {
  const app = c.get("app");
  const declared = Number(c.req.header("Content-Length") ?? "0");
  if (declared > MAX_WEBHOOK_BYTES) return c.json({ error: "Body over 256 KiB" }, 413);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_WEBHOOK_BYTES) return c.json({ error: "Body over 256 KiB" }, 413);

  const to = await target(app, installationId);
  // An unknown installation is checked against a throwaway key, so it answers like a bad signature.
  const verified = await verifyWebhookSignature({
    secret: to?.secret ?? "no installation here",
    signature: c.req.header("X-Zendesk-Webhook-Signature"),
    timestamp: c.req.header("X-Zendesk-Webhook-Signature-Timestamp"),
    rawBody: bytes,
    now: app.now(),
  });
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

  const job: JobInput = { type: "helpdesk_event", v: 2, event };
  const text = JSON.stringify(job);
  const large = text.length > MAX_INLINE_JOB_BYTES;
  let accepted: boolean;
  try {
    accepted = await s.deliveries.accept(event, s.now(), large ? text : null);
  } catch (e) {
    console.warn(`webhook ${event.eventId}: could not record the delivery: ${String(e)}`);
    c.header("Retry-After", RETRY_AFTER_SECONDS);
    return c.json({ error: "The Worker cannot take this delivery in right now; retry later" }, 503);
  }
  if (!accepted) return c.json({ ok: true, duplicate: true }, 200);
  try {
    await s.jobs.send(
      large ? { type: "helpdesk_event_ref", v: 2, ref: event.eventId, ticketId: event.ticketId } : job,
    );
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
