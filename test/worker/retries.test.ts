// Failures talking to Zendesk: retried with backoff (honouring Retry-After),
// and after the last attempt an `ai_error` item, so no message is ever lost.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../worker/src/index";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS } from "../../worker/src/queue/consumer";
import type { Job } from "../../worker/src/queue/messages";
import { parseZendeskEvent } from "../../worker/src/helpdesk/zendesk/zendesk.events";
import {
  AI_AGENT_ID,
  agentWrites,
  aiReplies,
  api,
  control,
  createTicket,
  deliver,
  dispositions,
  newEvents,
  waitUntil,
} from "./support/harness";
import { seedKb } from "./support/seed";

const SHIP = "Hello! Which countries do you ship to? I'm in Vienna.";

beforeAll(async () => {
  await seedKb();
});

/** The queue job the webhook route makes of the ticket's comment event (parsed as the route does). */
async function jobFor(ticketId: number): Promise<Job> {
  const events = await newEvents(ticketId);
  const comment = events.find((e) => e.type.endsWith("comment_added"));
  const parsed = parseZendeskEvent(comment);
  if (!parsed.ok || parsed.event.kind === "ignored") throw new Error("no comment event");
  return { type: "helpdesk_event", v: 2, installationId: "default", event: parsed.event };
}

describe("retries", () => {
  it("a 429 with Retry-After on the reply is retried later and the reply lands once", async () => {
    const id = await createTicket({ body: SHIP });
    await control("POST", "/faults", {
      match: { method: "PUT", pathPrefix: `/api/v2/tickets/${id}.json` },
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    await deliver(id);
    await waitUntil(async () => (await aiReplies(id)).length === 1, 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await aiReplies(id)).toHaveLength(1);
    expect(await dispositions(id)).toEqual(["replied"]);
  });

  it("a 5xx is retried; the queue message is marked for retry with a delay", async () => {
    const id = await createTicket({ body: SHIP });
    const job = await jobFor(id);
    await control("POST", "/faults", {
      match: { method: "GET", pathPrefix: `/api/v2/tickets/${id}.json` },
      status: 503,
      times: 1,
    });
    const batch = createMessageBatch<Job>("ohallo-jobs", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: job },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["m1"]);
    expect(await dispositions(id)).toEqual(["pending"]);
  });

  it("after the last attempt the message becomes an ai_error attention item, not lost", async () => {
    const id = await createTicket({ body: SHIP });
    const job = await jobFor(id);
    await control("POST", "/faults", { match: { ticketId: id }, status: 500, times: 50 });
    const batch = createMessageBatch<Job>("ohallo-jobs", [
      { id: "m2", timestamp: new Date(), attempts: MAX_ATTEMPTS, body: job },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toEqual(["m2"]);
    expect(await dispositions(id)).toEqual(["attention"]);
    const items = await api("GET", `/attention-items?status=open&ticketId=${id}`);
    expect(items.body.items).toHaveLength(1);
    expect(items.body.items[0]).toMatchObject({ ticketId: id, type: "ai_error", status: "open" });
    expect(items.body.items[0].reason).toMatch(/500/);
    await control("DELETE", "/faults");
    expect(await aiReplies(id)).toHaveLength(0);
  });

  it("a reply whose write timed out is reconciled, never sent twice", async () => {
    const id = await createTicket({ body: SHIP });
    await deliver(id);
    await waitUntil(async () => (await aiReplies(id)).length === 1);
    // Simulate a crash after Zendesk took the reply but before we recorded it.
    await env.DB.prepare("UPDATE drafts SET status = 'sending' WHERE ticket_id = ?").bind(id).run();
    await env.DB.prepare(
      "UPDATE messages SET disposition = 'pending' WHERE ticket_id = ? AND author_kind = 'customer'",
    )
      .bind(id)
      .run();
    await env.JOBS.send({ type: "draft", v: 1, ticketId: id, includeHeld: false });
    await waitUntil(async () => (await dispositions(id)).every((d) => d === "replied"));
    await new Promise((r) => setTimeout(r, 800));
    expect(await aiReplies(id)).toHaveLength(1);
  });

  it("a reply Zendesk applied but whose answer came back cut off is not sent again", async () => {
    const id = await createTicket({ body: SHIP });
    // The reply's update is applied; only its 200's body is garbled (a proxy cut it off).
    await control("POST", "/faults", {
      match: { method: "PUT", pathPrefix: `/api/v2/tickets/${id}.json` },
      body: '{"ticket": {"id": ',
      times: 1,
    });
    await deliver(id);
    await waitUntil(async () => (await dispositions(id)).join() === "replied", 20_000);
    // The reply's own comment event comes back: it is the AI's, not a person's taking over.
    await deliver(id);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await aiReplies(id)).toHaveLength(1);
    expect((await api("GET", `/tickets/${id}`)).body.state).toBe("open");
  });

  it("a timed-out reply not in Zendesk yet is looked for again, not sent again, until its lease would end", async () => {
    const id = await createTicket({ body: SHIP });
    await deliver(id);
    await waitUntil(async () => (await dispositions(id)).join() === "replied", 20_000);
    // A second reply whose write timed out a moment ago: Zendesk may still apply it.
    const late = "Hello! We ship to Austria and most of the EU. (the copy Zendesk applies late)";
    await env.DB.prepare(
      "UPDATE drafts SET status = 'sending', settled_at = ?, body = ? WHERE ticket_id = ? AND kind = 'reply'",
    )
      .bind(Date.now() - 11_000, late, id)
      .run();
    await env.DB.prepare(
      "UPDATE messages SET disposition = 'pending' WHERE ticket_id = ? AND author_kind = 'customer'",
    )
      .bind(id)
      .run();
    const run = async (msgId: string) => {
      const batch = createMessageBatch<Job>("ohallo-jobs", [
        {
          id: msgId,
          timestamp: new Date(),
          attempts: 1,
          body: { type: "draft", v: 2, installationId: "default", ticketId: id, includeHeld: false },
        },
      ]);
      const ctx = createExecutionContext();
      await worker.queue(batch, env, ctx);
      return getQueueResult(batch, ctx);
    };
    const first = await run("m3");
    // Not there yet: the job comes back later (once the lease would have ended, 25 s after the send began).
    expect(first.retryMessages.map((m) => m.msgId)).toEqual(["m3"]);
    expect(await aiReplies(id)).toHaveLength(1);
    expect(await dispositions(id)).toEqual(["pending"]);
    // Zendesk applies it; the next look finds it: sent, and nothing else goes out.
    await agentWrites(id, { id: AI_AGENT_ID, name: "oHallo AI" }, late);
    const second = await run("m4");
    expect(second.explicitAcks).toEqual(["m4"]);
    expect(await aiReplies(id)).toHaveLength(2);
    expect(await dispositions(id)).toEqual(["replied"]);
  });
});
