// POST /webhooks/zendesk: verify, bound, parse, de-duplicate, enqueue, 202.
// Nothing slow happens here; the work runs on the queue. A delivery is only
// marked accepted once it is safely on the queue, so a failure is retried by
// Zendesk instead of lost.
import { Hono } from "hono";
import type { AppEnv } from "../http/app";
import { verifyWebhookSignature } from "./signature";
import { parseZendeskEvent } from "./webhook.schema";

export const MAX_WEBHOOK_BYTES = 256 * 1024;

export const webhookRoutes = new Hono<AppEnv>().post("/zendesk", async (c) => {
  const s = c.get("services");
  const declared = Number(c.req.header("Content-Length") ?? "0");
  if (declared > MAX_WEBHOOK_BYTES) return c.json({ error: "Body over 256 KiB" }, 413);
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_WEBHOOK_BYTES) return c.json({ error: "Body over 256 KiB" }, 413);
  const rawBody = new TextDecoder().decode(bytes);

  const verified = await verifyWebhookSignature({
    secret: s.config.zendesk.webhookSecret,
    signature: c.req.header("X-Zendesk-Webhook-Signature"),
    timestamp: c.req.header("X-Zendesk-Webhook-Signature-Timestamp"),
    rawBody,
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
    json = JSON.parse(rawBody);
  } catch {
    return c.json({ error: "The body is not valid JSON" }, 400);
  }
  const parsed = parseZendeskEvent(json);
  if (!parsed.ok) return c.json({ error: `Not a Zendesk event: ${parsed.error}` }, 400);
  const event = parsed.event;
  if (event.kind === "ignored") return c.json({ ok: true, ignored: event.type }, 200);

  const inserted = await s.db
    .prepare(
      `INSERT INTO webhook_deliveries (event_id, event_type, ticket_id, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (event_id) DO NOTHING`,
    )
    .bind(event.eventId, event.kind, event.ticketId, s.now())
    .run();
  if (inserted.meta.changes !== 1) return c.json({ ok: true, duplicate: true }, 200);
  try {
    await s.jobs.send({ type: "zendesk_event", v: 1, event });
  } catch (e) {
    await s.db.prepare("DELETE FROM webhook_deliveries WHERE event_id = ?").bind(event.eventId).run();
    throw e;
  }
  return c.json({ ok: true }, 202);
});
