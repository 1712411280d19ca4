// The AI drafting path with a model (the OpenAI stand-in over its real wire
// format): grounded replies, revision after validation failures, policies,
// outages and autonomy, through webhook → queue → model → Zendesk.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { acknowledgement } from "../../worker/src/drafting/acknowledgement";
import { ModelError, OpenAIDrafter } from "../../worker/src/drafting/openai.adapter";
import worker from "../../worker/src/index";
import { MAX_ATTEMPTS } from "../../worker/src/queue/consumer";
import type { Job } from "../../worker/src/queue/messages";
import { parseZendeskEvent } from "../../worker/src/helpdesk/zendesk/zendesk.events";
import {
  ANA,
  aiReplies,
  api,
  createTicket,
  customerWrites,
  deliver,
  dispositions,
  newEvents,
  waitUntil,
  settled,
} from "../worker/support/harness";
import { SHIPPING_QUESTION, kbAnswer, seedKb } from "../worker/support/seed";
import { brain, model, modelCalls } from "./support";

beforeAll(async () => {
  await seedKb();
  for (const p of (await import("../../demo/policies.json")).default) await api("POST", "/policy-entries", p);
});

const attention = async (id: number) =>
  (await api("GET", `/tickets/${id}`)).body.attention as { type: string; reason: string }[];

describe("with a model", () => {
  it("a grounded reply is validated and sent, citing the KB entry", async () => {
    const text = "Hi, which countries do you ship to? I live in Graz. (g1)";
    const id = await createTicket({ body: text });
    expect(await settled(id)).toEqual(["replied"]);
    const [reply] = await aiReplies(id);
    expect(reply?.body).toContain(kbAnswer(SHIPPING_QUESTION));
    const calls = await modelCalls("(g1)");
    expect(calls.length).toBe(1);
    const kb = (await api("GET", "/kb-entries?limit=100")).body.items.find(
      (e: { question: string }) => e.question === SHIPPING_QUESTION,
    );
    expect(kb.usageCount).toBeGreaterThanOrEqual(1);
    expect(kb.lastUsedAt).not.toBeNull();
  });

  it("an ungrounded draft is revised with the validator's reasons, then flagged after 3 attempts; nothing sent", async () => {
    const id = await createTicket({ body: brain("sloppy", "How much is shipping to Vienna? (s1)") });
    expect(await settled(id)).toEqual(["attention"]);
    expect(await aiReplies(id)).toHaveLength(0);
    const calls = (await model("GET", `/requests?match=${encodeURIComponent("(s1)")}`)) as {
      messages: { content: string }[];
    }[];
    expect(calls).toHaveLength(3);
    // The second and third attempts carry the validator's reasons.
    expect(calls[1]?.messages.at(-1)?.content).toMatch(/"revision":\{"previousDraft"/);
    const [item] = await attention(id);
    expect(item?.type).toBe("validation_failed");
    expect(item?.reason).toMatch(/after 3 attempts/);
  });

  it("malformed model output counts as a failed attempt and ends as validation_failed", async () => {
    const id = await createTicket({ body: brain("broken", "Which countries do you ship to? (b1)") });
    expect(await settled(id)).toEqual(["attention"]);
    expect((await attention(id))[0]).toMatchObject({ type: "validation_failed" });
    // Cut-off JSON first ("not valid JSON"), then JSON without the required fields ("did not match").
    expect((await attention(id))[0]?.reason).toMatch(/did not match the reply schema/);
    expect(await modelCalls("(b1)")).toHaveLength(3);
  });

  it("an escalate policy raises an escalation and the model is not even asked", async () => {
    const id = await createTicket({ body: "The wardrobe is broken and my lawyer will contact you. (e1)" });
    expect(await settled(id)).toEqual(["attention"]);
    expect((await attention(id))[0]).toMatchObject({ type: "escalation" });
    expect((await attention(id))[0]?.reason).toMatch(/Legal threats/);
    expect(await modelCalls("(e1)")).toHaveLength(0);
  });

  it("a require_approval policy holds the validated draft; approve sends it, discard drops it", async () => {
    const id = await createTicket({
      body: "My parcel tracking hasn't updated for a week, is it lost? If so I want a refund. (a1)",
    });
    expect(await settled(id)).toEqual(["attention"]);
    const view = (await api("GET", `/tickets/${id}`)).body;
    expect(view.attention[0]).toMatchObject({ type: "approval_required" });
    expect(view.attention[0].reason).toMatch(/Refunds over EUR 200/);
    expect(view.pendingDraft?.body.length).toBeGreaterThan(20);
    expect(await aiReplies(id)).toHaveLength(0);
    expect(
      (await api("POST", `/tickets/${id}/drafts/${view.pendingDraft.id}/approve`, { agent: ANA })).status,
    ).toBe(200);
    expect(await aiReplies(id)).toHaveLength(1);

    await customerWrites(id, "Still no refund, where is it? Is my parcel lost? (a2)");
    await settled(id, 2);
    const second = (await api("GET", `/tickets/${id}`)).body.pendingDraft;
    expect(second).not.toBeNull();
    expect((await api("POST", `/tickets/${id}/drafts/${second.id}/discard`, { agent: ANA })).status).toBe(
      200,
    );
    expect(await aiReplies(id)).toHaveLength(1);
  });

  it("a customer asking for a person gets human_requested, without a model call", async () => {
    const id = await createTicket({ body: "Can I please speak to a human agent? (h1)" });
    expect(await settled(id)).toEqual(["attention"]);
    expect((await attention(id))[0]).toMatchObject({ type: "human_requested" });
    expect(await modelCalls("(h1)")).toHaveLength(0);
    // The customer is told, once, in one fixed sentence (not a drafted answer), that a person will answer.
    const told = await waitUntil(async () => {
      const r = await aiReplies(id);
      return r.length ? r : null;
    });
    expect(told.map((c) => c.body)).toEqual([acknowledgement("en")]);
  });

  it("autonomy draft_only holds the reply; off keeps the AI silent", async () => {
    const id = await createTicket({ body: "hello (d0)" });
    await settled(id);
    await api("POST", `/tickets/${id}/autonomy`, { mode: "draft_only", agent: ANA });
    await customerWrites(id, "Which countries do you ship to? (d1)");
    await settled(id, 2);
    expect((await api("GET", `/tickets/${id}`)).body.pendingDraft).not.toBeNull();
    await api("POST", `/tickets/${id}/autonomy`, { mode: "off", agent: ANA });
    await customerWrites(id, "Which countries do you ship to, again? (d2)");
    expect((await settled(id, 3)).at(-1)).toBe("held");
    expect(await modelCalls("(d2)")).toHaveLength(0);
    expect(await aiReplies(id)).toHaveLength(0);
  });
});

describe("model outages", () => {
  it("a 429 with retry-after is retried by the queue and the reply lands once", async () => {
    const match = "(r1)";
    await model("POST", "/script", { match, responses: [{ status: 429, retryAfter: 1 }] });
    const id = await createTicket({ body: `Which countries do you ship to? ${match}` });
    await waitUntil(async () => {
      await deliver(id);
      return (await aiReplies(id)).length === 1;
    }, 20_000);
    expect((await modelCalls(match)).map((c) => c.status)).toEqual([429, 200]);
    expect(await dispositions(id)).toEqual(["replied"]);
  });

  it("after the last attempt a model outage becomes ai_error, never a lost message", async () => {
    const match = "(o1)";
    await model("POST", "/script", { match, responses: Array.from({ length: 5 }, () => ({ status: 500 })) });
    const id = await createTicket({ body: `Which countries do you ship to? ${match}` });
    const events = await newEvents(id);
    // The job the webhook route makes of it, parsed as the route does.
    const parsed = parseZendeskEvent(events.find((e) => e.type.endsWith("comment_added")));
    if (!parsed.ok || parsed.event.kind === "ignored") throw new Error("no comment event");
    const job: Job = { type: "helpdesk_event", v: 2, installationId: "default", event: parsed.event };
    const batch = createMessageBatch<Job>("ohallo-jobs", [
      { id: "x1", timestamp: new Date(), attempts: MAX_ATTEMPTS, body: job },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["x1"]);
    expect((await attention(id))[0]).toMatchObject({ type: "ai_error" });
    expect((await attention(id))[0]?.reason).toMatch(/500/);
    expect(await dispositions(id)).toEqual(["attention"]);
  });

  it("a timeout and a 5xx are retryable model errors; a wrong key is not", async () => {
    const base = env.OPENAI_BASE_URL;
    const req = {
      ticketId: 1,
      question: "Which countries do you ship to? (t1)",
      customerName: null,
      language: "en",
      conversation: [],
      candidates: [],
      policies: [],
      brandTone: "friendly",
    };
    await model("POST", "/script", {
      match: "(t1)",
      responses: [{ status: 200, delayMs: 800 }, { status: 503 }],
    });
    const slow = new OpenAIDrafter({ apiKey: env.OPENAI_API_KEY, baseUrl: base, model: "m" }, 200);
    await expect(slow.draft(req)).rejects.toMatchObject({ name: "ModelError", retryable: true });
    await expect(slow.draft(req)).rejects.toMatchObject({ retryable: true, status: 503 });
    const wrong = new OpenAIDrafter({ apiKey: "wrong", baseUrl: base, model: "m" });
    const e = await wrong.draft(req).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ModelError);
    expect(e).toMatchObject({ retryable: false, status: 401 });
  });
});
