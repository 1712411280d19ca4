// Zendesk webhook signatures, checked against HMACs computed here with
// node:crypto (not with the code under test): base64(HMAC-SHA256(secret,
// timestamp + body)), 300 s tolerance either way.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  SIGNATURE_TOLERANCE_SECONDS,
  parseTimestamp,
  verifyWebhookSignature,
} from "../../../../worker/src/helpdesk/zendesk/zendesk.signature";

const SECRET = "dGhpcyBpcyBhIHNpZ25pbmcgc2VjcmV0";
const BODY = JSON.stringify({
  type: "zen:event-type:ticket.comment_added",
  id: "01HZX",
  detail: { id: "7" },
  event: { comment: { id: 9, body: "Hej — när kommer min order?", author: { id: 5 } } },
});
const SIGNED_AT = "2026-03-01T12:00:00Z";
const SIGNED_AT_MS = Date.UTC(2026, 2, 1, 12, 0, 0);

function sign(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret)
    .update(timestamp + body, "utf8")
    .digest("base64");
}

function verify(over: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) {
  return verifyWebhookSignature({
    secret: SECRET,
    signature: sign(SECRET, SIGNED_AT, BODY),
    timestamp: SIGNED_AT,
    rawBody: BODY,
    now: SIGNED_AT_MS + 1_000,
    ...over,
  });
}

describe("verifyWebhookSignature", () => {
  it("accepts Zendesk's signature and says when it was signed", async () => {
    expect(await verify()).toEqual({ ok: true, value: { signedAt: SIGNED_AT_MS } });
  });

  it("accepts a signature over an empty body and over non-ASCII text", async () => {
    expect((await verify({ rawBody: "", signature: sign(SECRET, SIGNED_AT, "") })).ok).toBe(true);
    const body = '{"text":"ÅÄÖ 😀"}';
    expect((await verify({ rawBody: body, signature: sign(SECRET, SIGNED_AT, body) })).ok).toBe(true);
  });

  it("refuses a signature made with another secret", async () => {
    expect(await verify({ signature: sign("another-secret", SIGNED_AT, BODY) })).toEqual({
      ok: false,
      error: "mismatch",
    });
    expect(await verify({ secret: "another-secret" })).toEqual({ ok: false, error: "mismatch" });
  });

  it("refuses a tampered body, even by one character", async () => {
    expect(await verify({ rawBody: BODY.replace('"7"', '"8"') })).toEqual({ ok: false, error: "mismatch" });
    expect(await verify({ rawBody: `${BODY} ` })).toEqual({ ok: false, error: "mismatch" });
  });

  it("refuses a signature over the body alone, or over body + timestamp (the order matters)", async () => {
    const bodyOnly = createHmac("sha256", SECRET).update(BODY).digest("base64");
    const reversed = createHmac("sha256", SECRET)
      .update(BODY + SIGNED_AT)
      .digest("base64");
    expect((await verify({ signature: bodyOnly })).ok).toBe(false);
    expect((await verify({ signature: reversed })).ok).toBe(false);
  });

  it("refuses a timestamp that is not the one signed", async () => {
    const other = "2026-03-01T12:00:01Z";
    expect(await verify({ timestamp: other })).toEqual({ ok: false, error: "mismatch" });
  });

  it.each([
    ["301 s in the past", SIGNED_AT_MS + 301_000],
    ["301 s in the future", SIGNED_AT_MS - 301_000],
  ])("is stale when signed %s, even with a valid signature", async (_label, now) => {
    expect(await verify({ now })).toEqual({ ok: false, error: "stale" });
  });

  it.each([
    ["299 s ago", SIGNED_AT_MS + 299_000],
    ["299 s ahead", SIGNED_AT_MS - 299_000],
    ["exactly 300 s ago", SIGNED_AT_MS + 300_000],
  ])("accepts a timestamp %s", async (_label, now) => {
    expect((await verify({ now })).ok).toBe(true);
  });

  it("uses a 300 s tolerance", () => {
    expect(SIGNATURE_TOLERANCE_SECONDS).toBe(300);
  });

  it.each([
    ["no signature", { signature: null }],
    ["an empty signature", { signature: "" }],
    ["no timestamp", { timestamp: undefined }],
    ["an empty timestamp", { timestamp: "" }],
    ["a timestamp that is no date", { timestamp: "yesterday-ish" }],
  ])("reports %s as missing", async (_label, over) => {
    expect(await verify(over)).toEqual({ ok: false, error: "missing" });
  });

  it.each(["not base64 at all!", "%%%%", "YWJj\u0000"])(
    "treats a signature that is not base64 (%j) as a mismatch",
    async (sig) => {
      expect(await verify({ signature: sig })).toEqual({ ok: false, error: "mismatch" });
    },
  );

  it("treats valid base64 of the wrong length as a mismatch", async () => {
    expect(await verify({ signature: btoa("short") })).toEqual({ ok: false, error: "mismatch" });
  });

  it("accepts an epoch-seconds timestamp, signed as sent", async () => {
    const epoch = String(SIGNED_AT_MS / 1000);
    const r = await verify({ timestamp: epoch, signature: sign(SECRET, epoch, BODY) });
    expect(r).toEqual({ ok: true, value: { signedAt: SIGNED_AT_MS } });
    const stale = await verify({
      timestamp: epoch,
      signature: sign(SECRET, epoch, BODY),
      now: SIGNED_AT_MS + 301_000,
    });
    expect(stale).toEqual({ ok: false, error: "stale" });
  });
});

describe("parseTimestamp", () => {
  it("reads ISO 8601 with a zone, with or without milliseconds", () => {
    expect(parseTimestamp("2026-03-01T12:00:00Z")).toBe(SIGNED_AT_MS);
    expect(parseTimestamp("2026-03-01T12:00:00.250Z")).toBe(SIGNED_AT_MS + 250);
    expect(parseTimestamp("2026-03-01T14:00:00+02:00")).toBe(SIGNED_AT_MS);
  });

  it("reads epoch seconds (not milliseconds) and ignores surrounding spaces", () => {
    expect(parseTimestamp("1772366400")).toBe(SIGNED_AT_MS);
    expect(parseTimestamp(" 1772366400 ")).toBe(SIGNED_AT_MS);
  });

  it("returns null for what is not a time", () => {
    expect(parseTimestamp("")).toBeNull();
    expect(parseTimestamp("soon")).toBeNull();
  });
});
