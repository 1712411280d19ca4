// POST /webhooks/zendesk: verify, bound, parse, de-duplicate, enqueue, 202.
// Nothing slow happens here; the work runs on the queue. A delivery is only
// marked accepted once it is safely on the queue; when it cannot be taken in,
// the answer is 503 with Retry-After (Zendesk retries that), never a loss.
import { Hono } from "hono";
import type { AppEnv } from "../http/app";
import type { Job } from "../queue/messages";
import { verifyWebhookSignature } from "./signature";
import { parseZendeskEvent } from "./webhook.schema";

export const MAX_WEBHOOK_BYTES = 256 * 1024;
/** A queue message holds 128 KB; a bigger event waits in D1 and the queue carries its id. */
export const MAX_INLINE_JOB_BYTES = 96 * 1024;
const RETRY_AFTER_SECONDS = "10";

export const webhookRoutes = new Hono<AppEnv>().post("/zendesk", async (c) => {
  const s = c.get("services");
  const declared = Number(c.req.header("Content-Length") ?? "0");
  if (declared > MAX_WEBHOOK_BYTES) return c.json({ error: "Body over 256 KiB" }, 413);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_WEBHOOK_BYTES) return c.json({ error: "Body over 256 KiB" }, 413);

  const verified = await verifyWebhookSignature({
    secret: s.config.zendesk.webhookSecret,
    signature: c.req.header("X-Zendesk-Webhook-Signature"),
    timestamp: c.req.header("X-Zendesk-Webhook-Signature-Timestamp"),
    rawBody: bytes,
    now: s.now(),
  });
  if (!verified.ok) {
    const why = { missing: "Missing signature", stale: "Stale timestamp", mismatch: "Bad signature" }[
      verified.error
    ];
    return c.json({ error: why }, 401);
  }

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

  const job: Job = { type: "zendesk_event", v: 1, event };
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
      large ? { type: "zendesk_event_ref", v: 1, ref: event.eventId, ticketId: event.ticketId } : job,
    );
  } catch (e) {
    console.warn(`webhook ${event.eventId}: could not enqueue: ${String(e)}`);
    await s.deliveries.forget(event.eventId).catch(() => undefined);
    c.header("Retry-After", RETRY_AFTER_SECONDS);
    return c.json({ error: "The Worker cannot take this delivery in right now; retry later" }, 503);
  }
  return c.json({ ok: true }, 202);
});
