// Deliveries retry only what Zendesk retries: a 409 (3 times), a 429 or 503 with Retry-After under 60 s, and a
// timeout (5 times). A 500, a 503 without Retry-After, or a refused connection ends the delivery.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideRetry } from "../../../standin/zendesk/retry.ts";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { BASIC, control, receiver, start } from "./support.ts";

describe("decideRetry", () => {
  const answered = (status: number, retryAfter: string | null = null) => ({
    kind: "answered" as const,
    status,
    retryAfter,
  });

  it("retries 409, short throttles and timeouts, within their budgets", () => {
    expect(decideRetry(answered(202), {})).toEqual({ retry: false, reason: "delivered" });
    expect(decideRetry(answered(409), {})).toMatchObject({ retry: true, reason: "conflict" });
    expect(decideRetry(answered(409), { conflict: 3 })).toMatchObject({ retry: false });
    expect(decideRetry(answered(503, "5"), {})).toEqual({
      retry: true,
      reason: "throttled",
      minWaitMs: 5000,
    });
    expect(decideRetry(answered(429, "59"), {})).toMatchObject({ retry: true, minWaitMs: 59_000 });
    expect(decideRetry({ kind: "timeout" }, { timeout: 4 })).toMatchObject({ retry: true });
    expect(decideRetry({ kind: "timeout" }, { timeout: 5 })).toMatchObject({ retry: false });
  });

  it("does not retry other failures", () => {
    for (const outcome of [
      answered(500),
      answered(502),
      answered(504),
      answered(400),
      answered(401),
      answered(503),
      answered(429),
      answered(429, "60"),
      answered(503, "Wed, 21 Oct 2015 07:28:00 GMT"),
      { kind: "network" as const, message: "ECONNREFUSED" },
    ]) {
      expect(decideRetry(outcome, {})).toEqual({ retry: false, reason: "final" });
    }
  });
});

describe("delivery to the legacy target", () => {
  let zd: ZendeskStandin;
  let nextId = 100;
  beforeAll(async () => {
    zd = await start({ accountId: 777 });
  });
  afterAll(() => zd.close());

  /** Points the target at a receiver that answers `statuses` in turn (then 202) and creates one ticket. */
  async function deliverOne(
    statuses: { status: number; headers?: Record<string, string>; delayMs?: number }[],
  ) {
    const r = await receiver((n) => statuses[n - 1] ?? { status: 202 });
    const secret = "receiver-secret";
    await control(zd.origin, "/webhook", "PUT", {
      url: r.url,
      secret,
      retryDelaysMs: [20, 20, 20, 20, 20, 20],
      timeoutMs: 300,
    });
    const id = nextId++;
    await control(zd.origin, "/tickets", "POST", {
      id,
      subject: "Help",
      requester: { name: "C" },
      comments: [{ body: "hi" }],
      status: "open",
      notify: false,
    });
    await fetch(`${zd.origin}/api/v2/tickets/${id}.json`, {
      method: "PUT",
      headers: { authorization: BASIC, "content-type": "application/json" },
      body: JSON.stringify({ ticket: { status: "pending" } }),
    });
    await zd.settled();
    await r.close();
    const deliveries = (await control(zd.origin, `/deliveries?ticketId=${id}`)).body;
    return { received: r.received, delivery: deliveries[0], secret };
  }

  it("delivers signed, with the account id, and retries a 409 with the same body", async () => {
    const { received, delivery, secret } = await deliverOne([{ status: 409 }, { status: 409 }]);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    for (const r of received) {
      const timestamp = String(r.headers["x-zendesk-webhook-signature-timestamp"]);
      expect(r.headers["x-zendesk-webhook-signature"]).toBe(
        createHmac("sha256", secret)
          .update(timestamp + r.body)
          .digest("base64"),
      );
      expect(r.headers["x-zendesk-account-id"]).toBe("777");
    }
    expect(JSON.parse(received[0]?.body ?? "{}")).toMatchObject({
      type: "zen:event-type:ticket.status_changed",
      event: { previous: "OPEN", current: "PENDING" },
    });
    expect(delivery).toMatchObject({
      state: "delivered",
      attempts: [{ status: 409 }, { status: 409 }, { status: 202 }],
    });
  });

  it("gives up on a 409 after three retries", async () => {
    const { received, delivery } = await deliverOne(Array.from({ length: 6 }, () => ({ status: 409 })));
    expect(received).toHaveLength(4);
    expect(delivery.state).toBe("failed");
  });

  it("never retries a 500, nor a 503 without Retry-After", async () => {
    for (const first of [{ status: 500 }, { status: 503 }, { status: 502 }]) {
      const { received, delivery } = await deliverOne([first]);
      expect(received).toHaveLength(1);
      expect(delivery.state).toBe("failed");
    }
  });

  it("retries a 503 with a Retry-After under a minute, after waiting for it", async () => {
    const started = Date.now();
    const { received, delivery } = await deliverOne([{ status: 503, headers: { "Retry-After": "1" } }]);
    expect(received).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(delivery.state).toBe("delivered");
    const long = await deliverOne([{ status: 429, headers: { "Retry-After": "120" } }]);
    expect(long.received).toHaveLength(1);
  });

  it("retries a timeout up to five times", async () => {
    const slow = Array.from({ length: 6 }, () => ({ status: 202, delayMs: 600 }));
    const { received, delivery } = await deliverOne(slow);
    expect(received).toHaveLength(6);
    expect(delivery.state).toBe("failed");
  });

  it("does not retry a refused connection", async () => {
    await control(zd.origin, "/webhook", "PUT", {
      url: "http://127.0.0.1:9/none",
      secret: "s",
      retryDelaysMs: [10, 10],
    });
    await control(zd.origin, "/tickets", "POST", {
      id: 199,
      subject: "x",
      requester: { name: "C" },
      comments: [{ body: "hi" }],
    });
    await zd.settled();
    const deliveries = (await control(zd.origin, "/deliveries?ticketId=199")).body;
    expect(deliveries.every((d: { attempts: unknown[] }) => d.attempts.length === 1)).toBe(true);
    await control(zd.origin, "/webhook", "DELETE");
  });
});
