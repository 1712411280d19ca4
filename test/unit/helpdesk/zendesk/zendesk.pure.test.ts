// The Zendesk adapter's pure helpers: the Authorization header for both auth
// modes, and how a Retry-After header becomes a delay.
import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import {
  marketplaceHeaders,
  retryAfterMs,
  staticAuth,
} from "../../../../worker/src/helpdesk/zendesk/zendesk.client";
import { mirrorTags } from "../../../../worker/src/helpdesk/zendesk/zendesk.mirror";

const authorizationHeader = (auth: Parameters<typeof staticAuth>[0]) => staticAuth(auth).header();

const decodeBasic = (header: string) => {
  expect(header.startsWith("Basic ")).toBe(true);
  return Buffer.from(header.slice("Basic ".length), "base64").toString("utf8");
};

describe("authorizationHeader", () => {
  it('API token: Basic base64("{email}/token:{token}")', async () => {
    const header = await authorizationHeader({ kind: "token", email: "ai@acme.example", token: "abc123" });
    expect(header).toBe(`Basic ${Buffer.from("ai@acme.example/token:abc123").toString("base64")}`);
    expect(decodeBasic(header)).toBe("ai@acme.example/token:abc123");
  });

  it("API token: keeps every character of email and token (no trimming, no escaping)", async () => {
    const header = await authorizationHeader({
      kind: "token",
      email: "first.last+ai@acme.example",
      token: "t0k:en/=+",
    });
    expect(decodeBasic(header)).toBe("first.last+ai@acme.example/token:t0k:en/=+");
  });

  it("OAuth: Bearer with the token as is", async () => {
    expect(await authorizationHeader({ kind: "oauth", token: "oauth-xyz" })).toBe("Bearer oauth-xyz");
  });
});

describe("retryAfterMs", () => {
  const now = Date.UTC(2026, 2, 1, 12, 0, 0);

  it("reads delay-seconds", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("0", now)).toBe(0);
    expect(retryAfterMs("1", now)).toBe(1_000);
  });

  it("rounds fractional seconds up to whole milliseconds", () => {
    expect(retryAfterMs("1.5", now)).toBe(1_500);
    expect(retryAfterMs("0.0004", now)).toBe(1);
  });

  it("reads an HTTP date as the time left until then", () => {
    expect(retryAfterMs("Sun, 01 Mar 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
  });

  it("never answers a negative delay for a date in the past", () => {
    expect(retryAfterMs("Sun, 01 Mar 2026 11:59:00 GMT", now)).toBe(0);
  });

  it.each([null, "", "soon", "later please", "NaN"])("has no delay for %j", (header) => {
    expect(retryAfterMs(header, now)).toBeNull();
  });
});

describe("marketplace headers", () => {
  it("are the three X-Zendesk-Marketplace-* headers when configured, none otherwise", () => {
    expect(marketplaceHeaders({ name: "oHallo", organizationId: "42", appId: "777" })).toEqual({
      "X-Zendesk-Marketplace-Name": "oHallo",
      "X-Zendesk-Marketplace-Organization-Id": "42",
      "X-Zendesk-Marketplace-App-Id": "777",
    });
    expect(marketplaceHeaders(null)).toEqual({});
  });
});

describe("the mirror as tags", () => {
  it.each([
    [{ state: "open", attention: false, aiOff: false }, ["ohallo_ai"]],
    [{ state: "open", attention: true, aiOff: true }, ["ohallo_ai", "ohallo_ai_off", "ohallo_attention"]],
    [{ state: "in_progress", attention: false, aiOff: true }, ["ohallo_human"]],
    [{ state: "resolved", attention: true, aiOff: false }, ["ohallo_attention"]],
  ] as const)("%o adds %o and removes the rest", (mirror, added) => {
    const tags = mirrorTags(mirror);
    expect(tags.add.sort()).toEqual([...added].sort());
    expect([...tags.add, ...tags.remove].sort()).toEqual(
      ["ohallo_ai", "ohallo_ai_off", "ohallo_attention", "ohallo_human"].sort(),
    );
  });
});
