// Webhook bodies at the edge: strict ids, any valid body up to 256 KiB taken in
// (a big comment waits in D1, not on the queue), and a 503 with Retry-After,
// never a loss, when the Worker cannot take a delivery in.
import { env, exports } from "cloudflare:workers";
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

/** A delivery of exactly these bytes, signed as Zendesk signs: base64(HMAC-SHA256(secret, timestamp + bytes)). */
async function postBytes(bytes: Uint8Array<ArrayBuffer>, signedBytes: Uint8Array = bytes): Promise<Response> {
  const encoder = new TextEncoder();
  const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(env.ZENDESK_WEBHOOK_SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new Uint8Array([...encoder.encode(timestamp), ...signedBytes])),
  );
  const headers = {
    "Content-Type": "application/json",
    "X-Zendesk-Webhook-Signature": btoa(String.fromCharCode(...mac)),
    "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
  };
  return exports.default.fetch(
    new Request("http://worker/webhooks/zendesk", { method: "POST", headers, body: bytes }),
  );
}

describe("bodies judged by their signature over the raw bytes", () => {
  const encoder = new TextEncoder();
  const BOM = [0xef, 0xbb, 0xbf];

  it("a byte-order mark before the JSON: taken in (202), and the same body signed without it is 401", async () => {
    const json = encoder.encode(commentEvent({ ticket: 900_101, comment: 900_102, author: "5" }));
    const withBom = new Uint8Array([...BOM, ...json]);
    expect((await postBytes(withBom)).status).toBe(202);
    const other = encoder.encode(commentEvent({ ticket: 900_101, comment: 900_103, author: "5" }));
    expect((await postBytes(new Uint8Array([...BOM, ...other]), other)).status).toBe(401);
  });

  it("bytes that are not UTF-8 in a comment: taken in (202); signed over their UTF-8 repair, 401", async () => {
    const [head, tail] = commentEvent({ ticket: 900_104, comment: 900_105, author: "5" }, "MARK").split(
      "MARK",
    );
    const bytes = new Uint8Array([...encoder.encode(head), 0xff, 0xc0, 0xaf, ...encoder.encode(tail)]);
    expect((await postBytes(bytes)).status).toBe(202);
    const [head2, tail2] = commentEvent({ ticket: 900_104, comment: 900_106, author: "5" }, "MARK").split(
      "MARK",
    );
    const bad = new Uint8Array([...encoder.encode(head2), 0xff, ...encoder.encode(tail2)]);
    const repaired = encoder.encode(new TextDecoder().decode(bad));
    expect((await postBytes(bad, repaired)).status).toBe(401);
  });

  it("a correctly signed byte-order mark before text that is not JSON: 400 for the content, not 401", async () => {
    const r = await postBytes(new Uint8Array([...BOM, ...encoder.encode("not json")]));
    expect(r.status).toBe(400);
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
