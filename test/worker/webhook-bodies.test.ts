// Webhook bodies at the edge: strict ids, any valid body up to 256 KiB taken in
// (a big comment waits in D1, not on the queue), and a 503 with Retry-After,
// never a loss, when the Worker cannot take a delivery in.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { signedWebhookRequest } from "../../standin/zendesk/webhooks";
import worker from "../../worker/src/index";
import {
  aiReplies,
  api,
  createTicket,
  customerWrites,
  deliver,
  dispositions,
  newEvents,
  postWebhook,
  settled,
  waitUntil,
} from "./support/harness";
import { SHIPPING_QUESTION, seedKb } from "./support/seed";

beforeAll(async () => {
  await seedKb();
});

/** A raw body as JSON text: these probe ids no real body type allows. */
function commentEvent(ids: { ticket: unknown; comment: unknown; author: unknown }, body = "hello"): string {
  return JSON.stringify({
    type: "zen:event-type:ticket.comment_added",
    account_id: 1,
    id: crypto.randomUUID(),
    time: new Date().toISOString(),
    zendesk_event_version: "2022-11-06",
    subject: "zen:ticket:1",
    detail: { id: ids.ticket, status: "OPEN", requester_id: "5", subject: "x" },
    event: {
      comment: { id: ids.comment, body, is_public: true, author: { id: ids.author, is_staff: false } },
    },
  });
}

describe("strict ids in webhook bodies", () => {
  it("refuses ids that are not positive whole numbers below 2^53 (400), accepts numbers and decimal strings", async () => {
    for (const bad of [-1, 0, 1.5, 1e20, 2 ** 53, "0x10", "1e1", "+5", "1.0", "01", " 7", "", null, true]) {
      const r = await postWebhook(commentEvent({ ticket: bad, comment: 10, author: 11 }));
      expect(r.status, JSON.stringify(bad)).toBe(400);
      const c = await postWebhook(commentEvent({ ticket: 7, comment: bad, author: 11 }));
      expect(c.status, JSON.stringify(bad)).toBe(400);
    }
    // Nothing was stored for any of them.
    const { results } = await env.DB.prepare(
      "SELECT count(*) AS n FROM tickets WHERE ticket_id IN (0, 1, 7, 16)",
    ).all();
    expect(results[0]).toEqual({ n: 0 });
    for (const good of [123_456_789, "123456789", Number.MAX_SAFE_INTEGER]) {
      const r = await postWebhook(commentEvent({ ticket: 900_001, comment: good, author: "5" }));
      expect(r.status, String(good)).toBe(202);
    }
  });
});

describe("large bodies", () => {
  it("a follow-up of over 150 KB is taken in (202), recorded and answered or flagged, not lost", async () => {
    const id = await createTicket({ body: "hello" });
    await settled(id);
    // Over a queue message's 128 KB as a job; the webhook body (text and HTML) stays under 256 KiB.
    const big = `${SHIPPING_QUESTION}\n\n${"I really want to know. ".repeat(4_900)}`;
    expect(big.length).toBeGreaterThan(110_000);
    await customerWrites(id, big);
    const bodies = await newEvents(id);
    expect(JSON.stringify(bodies.at(-1)).length).toBeGreaterThan(150_000);
    const responses = await Promise.all(bodies.map((b) => postWebhook(b)));
    expect(responses.map((r) => r.status)).toContain(202);
    const outcomes = await settled(id, 2, 30_000);
    expect(["replied", "attention"]).toContain(outcomes[1]);
    const { results } = await env.DB.prepare(
      "SELECT length(body) AS n FROM messages WHERE ticket_id = ? ORDER BY comment_id",
    )
      .bind(id)
      .all<{ n: number }>();
    expect(results.at(-1)?.n).toBe(big.trim().length);
    // The stored job is gone once applied.
    const left = await env.DB.prepare("SELECT count(*) AS n FROM job_payloads").first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("a body over 256 KiB is a 413", async () => {
    const body = commentEvent({ ticket: 5, comment: 6, author: 7 }, "x".repeat(257 * 1024));
    expect((await postWebhook(body)).status).toBe(413);
  });
});

describe("when the Worker cannot take a delivery in", () => {
  it("answers 503 with Retry-After and keeps nothing, so Zendesk's retry is taken in later", async () => {
    const id = await createTicket({ body: SHIPPING_QUESTION });
    const [created] = await newEvents(id);
    if (!created) throw new Error("no event");
    const failingQueue = { send: async () => Promise.reject(new Error("queue unavailable")) };
    const down = { ...env, JOBS: failingQueue as unknown as Queue };
    const req = await signedWebhookRequest("http://worker/webhooks/zendesk", created, {
      secret: env.ZENDESK_WEBHOOK_SECRET,
    });
    const r = await worker.fetch(req, down, {} as ExecutionContext);
    expect(r.status).toBe(503);
    expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Zendesk retries: now it is taken in and answered.
    expect((await postWebhook(created)).status).toBe(202);
    await deliver(id);
    await waitUntil(async () => (await dispositions(id)).includes("replied"));
    expect(await aiReplies(id)).toHaveLength(1);
    expect((await api("GET", `/tickets/${id}`)).body.state).toBe("open");
  });
});
