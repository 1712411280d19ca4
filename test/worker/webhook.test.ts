// POST /webhooks/zendesk: every row of the contract's table, inside workerd
// with the real D1 and queue.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { commentAddedEvent, statusChangedEvent, webhookTimestamp } from "../../standin/zendesk/webhooks";
import {
  aiReplies,
  createTicket,
  deliver,
  freshTicketId,
  newEvents,
  postWebhook,
  waitUntil,
} from "./support/harness";
import { seedKb } from "./support/seed";

function commentBody(ticketId: number, opts: { eventId?: string; text?: string } = {}) {
  const now = new Date().toISOString();
  return commentAddedEvent({
    accountId: 1,
    eventId: opts.eventId ?? crypto.randomUUID(),
    ticket: {
      id: ticketId,
      subject: "Hello",
      status: "open",
      requester_id: 42,
      assignee_id: null,
      tags: [],
      created_at: now,
      updated_at: now,
    },
    comment: { id: ticketId * 10, body: opts.text ?? "Which countries do you ship to?", public: true },
    author: { id: 42, name: "Greta", is_staff: false },
  });
}

async function deliveries(): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM webhook_deliveries").first<{ n: number }>();
  return row?.n ?? 0;
}

describe("POST /webhooks/zendesk", () => {
  it("401 and nothing stored without a signature", async () => {
    const before = await deliveries();
    const res = await exports.default.fetch("http://worker/webhooks/zendesk", {
      method: "POST",
      body: JSON.stringify(commentBody(freshTicketId())),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: expect.any(String) });
    expect(await deliveries()).toBe(before);
  });

  it("401 with a wrong secret", async () => {
    const res = await postWebhook(commentBody(freshTicketId()), { secret: "not-the-secret" });
    expect(res.status).toBe(401);
  });

  it("401 when the timestamp is more than 300 s away, either way", async () => {
    const before = await deliveries();
    for (const offset of [-301_000, 301_000]) {
      const ts = webhookTimestamp(new Date(Date.now() + offset));
      const res = await postWebhook(commentBody(freshTicketId()), { timestamp: ts });
      expect(res.status).toBe(401);
    }
    expect(await deliveries()).toBe(before);
    const ok = await postWebhook(commentBody(freshTicketId()), {
      timestamp: webhookTimestamp(new Date(Date.now() - 280_000)),
    });
    expect(ok.status).toBe(202);
  });

  it("413 for a body over 256 KiB", async () => {
    const body = JSON.stringify({ ...commentBody(freshTicketId()), padding: "x".repeat(256 * 1024) });
    const res = await postWebhook(body);
    expect(res.status).toBe(413);
  });

  it("400 with an error for a body that is not JSON, or not a Zendesk event", async () => {
    const notJson = await postWebhook("{not json");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: expect.stringMatching(/JSON/) });
    const noDetail = await postWebhook(
      JSON.stringify({ type: "zen:event-type:ticket.comment_added", id: "x1" }),
    );
    expect(noDetail.status).toBe(400);
    expect(((await noDetail.json()) as { error: string }).error).toMatch(/detail/);
  });

  it("200 and ignored for event types we do not handle", async () => {
    const res = await postWebhook(
      JSON.stringify({ type: "zen:event-type:ticket.priority_changed", id: crypto.randomUUID(), detail: {} }),
    );
    expect(res.status).toBe(200);
  });

  it("202 for a valid delivery; a redelivery of the same event id is 200 and gives one reply", async () => {
    await seedKb();
    const id = await createTicket({ body: "Hi, which countries do you ship to? I live in Vienna." });
    const [created, comment] = await newEvents(id);
    expect(created?.type).toBe("zen:event-type:ticket.created");
    expect(comment?.type).toBe("zen:event-type:ticket.comment_added");
    if (!created || !comment) throw new Error("missing events");
    const first = await postWebhook(comment);
    expect(first.status).toBe(202);
    const again = await postWebhook(comment);
    expect(again.status).toBe(200);
    // The same first comment announced by ticket.created too: still one answer.
    expect((await postWebhook(created)).status).toBe(202);
    await waitUntil(async () => (await aiReplies(id)).length === 1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await aiReplies(id)).toHaveLength(1);
  });

  it("parses string ids and upper-case statuses", async () => {
    const id = await createTicket({ body: "Hello" });
    await newEvents(id);
    const body = statusChangedEvent(
      {
        accountId: 1,
        ticket: {
          id,
          subject: "x",
          status: "solved",
          requester_id: 1,
          assignee_id: null,
          tags: [],
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        },
        previous: "open",
        current: "solved",
      },
      { stringIds: true, upperCaseStatus: true },
    );
    expect(JSON.stringify(body)).toContain('"SOLVED"');
    expect((await postWebhook(body)).status).toBe(202);
    await waitUntil(async () => {
      const row = await env.DB.prepare("SELECT state FROM tickets WHERE ticket_id = ?")
        .bind(id)
        .first<{ state: string }>();
      return row?.state === "resolved";
    });
    await deliver(id);
  });
});
