// Zendesk webhook signatures: base64(HMAC-SHA256(secret, timestamp + rawBody)).
// The signing order lives in this one function. No clock: `now` is an argument.
import { type Result, err, ok } from "../../lib/result";

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureProblem = "missing" | "stale" | "mismatch";

const encoder = new TextEncoder();

/**
 * What Zendesk signs: the timestamp, then the body's raw bytes (a byte-order
 * mark or bytes that are not UTF-8 included). Keep the order here and nowhere else.
 */
export function signedPayload(timestamp: string, rawBody: string | Uint8Array): Uint8Array {
  const body = typeof rawBody === "string" ? encoder.encode(rawBody) : rawBody;
  const stamp = encoder.encode(timestamp);
  const out = new Uint8Array(stamp.length + body.length);
  out.set(stamp, 0);
  out.set(body, stamp.length);
  return out;
}

/** Parses Zendesk's timestamp header (ISO 8601; epoch seconds tolerated) into ms. */
export function parseTimestamp(value: string): number | null {
  const trimmed = value.trim();
  if (/^\d{9,11}$/.test(trimmed)) return Number(trimmed) * 1000;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : ms;
}

function base64ToBytes(b64: string): Uint8Array | null {
  try {
    const bin = atob(b64.trim());
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export async function verifyWebhookSignature(input: {
  secret: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  rawBody: string | Uint8Array;
  now: number;
}): Promise<Result<{ signedAt: number }, SignatureProblem>> {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return err("missing");
  const signedAt = parseTimestamp(timestamp);
  if (signedAt === null) return err("missing");
  if (Math.abs(input.now - signedAt) > SIGNATURE_TOLERANCE_SECONDS * 1000) return err("stale");
  const given = base64ToBytes(signature);
  if (!given) return err("mismatch");
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(input.secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  // subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify("HMAC", key, given, signedPayload(timestamp, input.rawBody));
  return valid ? ok({ signedAt }) : err("mismatch");
}
