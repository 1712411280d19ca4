// Webhook deliveries the run makes itself, as Zendesk does (its five headers, a fresh timestamp and
// signature per attempt): again, for an event the stand-in already delivered; or with a body and
// signature the fuzzer chose, over raw bytes.
import { createHmac } from "node:crypto";
import { webhookHeaders, webhookTimestamp } from "../../standin/zendesk/webhooks.ts";
import type { Account } from "./stack.ts";
import type { Answer, Tally } from "./tally.ts";

/** One more delivery of an event the stand-in recorded, signed as the account's webhook signs it. */
export async function redeliver(account: Account, body: unknown, tally: Tally): Promise<Answer> {
  const rawBody = JSON.stringify(body);
  const headers = await webhookHeaders({
    secret: account.webhook.secret,
    rawBody,
    accountId: account.accountId,
    webhookId: account.webhook.id,
  });
  return tally.fetch("POST /webhooks/zendesk/{installation}", account.webhook.url, {
    method: "POST",
    headers,
    body: rawBody,
  });
}

/** base64(HMAC-SHA256(secret, timestamp + raw bytes)): Zendesk's signature over any bytes. */
export function signBytes(secret: string, timestamp: string, body: Uint8Array): string {
  return createHmac("sha256", secret).update(timestamp).update(body).digest("base64");
}

/** Zendesk's delivery headers for raw bytes; `signature` overrides the correct one. */
export function deliveryHeaders(
  account: Account,
  body: Uint8Array,
  opts: { timestamp?: string; signature?: string | null; secret?: string } = {},
): Record<string, string> {
  const timestamp = opts.timestamp ?? webhookTimestamp();
  const signature =
    opts.signature === undefined
      ? signBytes(opts.secret ?? account.webhook.secret, timestamp, body)
      : opts.signature;
  return {
    "Content-Type": "application/json",
    "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
    "X-Zendesk-Webhook-Id": account.webhook.id,
    "X-Zendesk-Webhook-Invocation-Id": String(Math.floor(Math.random() * 1e12)),
    "X-Zendesk-Account-Id": String(account.accountId),
    ...(signature === null ? {} : { "X-Zendesk-Webhook-Signature": signature }),
  };
}
