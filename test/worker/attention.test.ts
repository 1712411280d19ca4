// Attention, held drafts, autonomy and auto release, end to end with the
// offline drafter and the Zendesk stand-in.
import { acknowledgement } from "../../worker/src/drafting/acknowledgement";
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/src/index";
import {
  ANA,
  aiReplies,
  api,
  createTicket,
  customerWrites,
  waitUntil,
  zendeskTicket,
  settled,
} from "./support/harness";
import { SHIPPING_QUESTION, kbAnswer, seedKb } from "./support/seed";

const SHIP = "Hello! Which countries do you ship to? I'm in Vienna.";

beforeAll(async () => {
  await seedKb();
});

describe("attention", () => {
  it("no grounded answer: validation_failed, the attention tag, nothing sent; resolving the item leaves the ticket", async () => {
    const id = await createTicket({
      body: "Do you run an ambassador programme for interior influencers on Instagram?",
    });
    expect(await settled(id)).toEqual(["attention"]);
    expect(await aiReplies(id)).toHaveLength(0);
    const view = (await api("GET", `/tickets/${id}`)).body;
    expect(view.attention).toHaveLength(1);
    expect(view.attention[0]).toMatchObject({ type: "validation_failed", status: "open", resolvedAt: null });
    expect(view.attention[0].reason.length).toBeGreaterThan(10);
    await waitUntil(async () => (await zendeskTicket(id)).ticket.tags.includes("ohallo_attention"));

    const listed = await api("GET", "/attention-items?status=open");
    expect(listed.body.items.map((i: { id: number }) => i.id)).toContain(view.attention[0].id);
    const resolved = await api("POST", `/attention-items/${view.attention[0].id}/resolve`, { agent: ANA });
    expect(resolved.body).toMatchObject({ status: "resolved", resolvedAt: expect.any(String) });
    expect((await api("GET", `/tickets/${id}`)).body).toMatchObject({ state: "open", attention: [] });
    expect((await zendeskTicket(id)).ticket.tags).not.toContain("ohallo_attention");
    expect((await api("POST", "/attention-items/99999999/resolve", {})).status).toBe(404);
  });

  it("a customer asking for a person: human_requested, nothing drafted, the customer told once", async () => {
    const id = await createTicket({ body: "I would rather speak to a real person than a bot, please." });
    expect(await settled(id)).toEqual(["attention"]);
    const view = (await api("GET", `/tickets/${id}`)).body;
    expect(view.attention[0].type).toBe("human_requested");
    // Nothing drafted: only the one sentence that a person will answer.
    const told = await waitUntil(async () => {
      const r = await aiReplies(id);
      return r.length ? r : null;
    });
    expect(told.map((c) => c.body)).toEqual([acknowledgement("en")]);
  });
});

describe("autonomy", () => {
  it("off: the AI stays silent and records the message", async () => {
    const id = await createTicket({ body: "hi" });
    await settled(id);
    expect((await api("POST", `/tickets/${id}/autonomy`, { mode: "off", agent: ANA })).body.autonomy).toBe(
      "off",
    );
    await customerWrites(id, SHIP);
    expect((await settled(id, 2)).at(-1)).toBe("held");
    expect(await aiReplies(id)).toHaveLength(0);
  });

  it("draft_only: the draft waits; approve (edited) sends it; discard drops the next one", async () => {
    const id = await createTicket({ body: "hi there" });
    await settled(id);
    await api("POST", `/tickets/${id}/autonomy`, { mode: "draft_only", agent: ANA });
    await customerWrites(id, SHIP);
    await settled(id, 2);
    const view = (await api("GET", `/tickets/${id}`)).body;
    expect(view.pendingDraft.body).toContain(kbAnswer(SHIPPING_QUESTION));
    expect(view.attention.map((a: { type: string }) => a.type)).toContain("approval_required");
    expect(await aiReplies(id)).toHaveLength(0);

    const edited = `${view.pendingDraft.body}\n\nPS: Vienna is in the EU, so yes.`;
    const ok = await api("POST", `/tickets/${id}/drafts/${view.pendingDraft.id}/approve`, {
      agent: ANA,
      body: edited,
    });
    expect(ok.status).toBe(200);
    const replies = await aiReplies(id);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain("PS: Vienna");
    const after = (await api("GET", `/tickets/${id}`)).body;
    expect(after.pendingDraft).toBeNull();
    expect(after.attention.map((a: { type: string }) => a.type)).not.toContain("approval_required");
    expect(
      (await api("POST", `/tickets/${id}/drafts/${view.pendingDraft.id}/approve`, { agent: ANA })).status,
    ).toBe(409);

    await customerWrites(id, "Which countries do you ship to again?");
    await settled(id, 3);
    const second = (await api("GET", `/tickets/${id}`)).body.pendingDraft;
    expect((await api("POST", `/tickets/${id}/drafts/${second.id}/discard`, { agent: ANA })).status).toBe(
      200,
    );
    expect((await api("GET", `/tickets/${id}`)).body.pendingDraft).toBeNull();
    expect(await aiReplies(id)).toHaveLength(1);
  });

  it("rejects an unknown mode", async () => {
    expect((await api("POST", "/tickets/77/autonomy", { mode: "yolo" })).status).toBe(400);
  });
});

describe("auto release", () => {
  it("hands a quiet ticket back to the AI, which answers what the customer wrote", async () => {
    const id = await createTicket({ body: "hello" });
    await settled(id);
    await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    await api("POST", `/tickets/${id}/auto-release`, { hours: 0.0002, agent: ANA }); // 0.72 s
    await customerWrites(id, SHIP);
    expect((await settled(id, 2)).at(-1)).toBe("held");

    const runCron = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController(), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await new Promise((r) => setTimeout(r, 900));
    await runCron();
    const view = (await api("GET", `/tickets/${id}`)).body;
    expect(view.state).toBe("open");
    expect(view.events.at(-1)).toMatchObject({ type: "release", actor: { kind: "system" } });
    await waitUntil(async () => (await aiReplies(id)).length === 1, 15_000);
  });

  it("is off unless configured", async () => {
    const id = await createTicket({ body: "hello" });
    await settled(id);
    await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController(), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await api("GET", `/tickets/${id}`)).body.state).toBe("in_progress");
  });
});
