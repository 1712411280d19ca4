// Held drafts an agent can trust: only the ticket's current draft can be sent,
// never after a take over (by anyone), never when the customer wrote again,
// and never with a placeholder or a secret an agent typed into it.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ANA,
  BO,
  aiReplies,
  api,
  control,
  createTicket,
  customerWrites,
  settled,
  waitUntil,
} from "./support/harness";
import { SHIPPING_QUESTION, kbAnswer, seedKb } from "./support/seed";

const SHIP = "Which countries do you ship to? I live in Vienna.";

beforeAll(async () => {
  await seedKb();
});

type View = {
  state: string;
  pendingDraft: { id: number; body: string } | null;
  attention: { type: string; status: string }[];
};
const view = async (id: number): Promise<View> => (await api("GET", `/tickets/${id}`)).body;
const approvals = (v: View) => v.attention.filter((a) => a.type === "approval_required");

/** A ticket in draft_only with a draft held for the shipping question. */
async function heldDraft(): Promise<{ id: number; draftId: number }> {
  const id = await createTicket({ body: "hello there" });
  await settled(id);
  await api("POST", `/tickets/${id}/autonomy`, { mode: "draft_only", agent: ANA });
  await customerWrites(id, SHIP);
  await settled(id, 2);
  const draft = (await view(id)).pendingDraft;
  if (!draft) throw new Error("no draft was held");
  expect(draft.body).toContain(kbAnswer(SHIPPING_QUESTION));
  return { id, draftId: draft.id };
}

describe("approving a held draft", () => {
  it("after a take over, even by an agent who does not own the ticket, with edits: 409 and no reply", async () => {
    const { id, draftId } = await heldDraft();
    expect((await api("POST", `/tickets/${id}/takeover`, { agent: ANA })).status).toBe(200);
    // The take over withdrew the draft and closed its approval item.
    const taken = await view(id);
    expect(taken.pendingDraft).toBeNull();
    expect(taken.attention).toEqual([]);
    for (const agent of [BO, ANA]) {
      const r = await api("POST", `/tickets/${id}/drafts/${draftId}/approve`, {
        agent,
        body: "Anything at all.",
      });
      expect(r.status).toBe(409);
    }
    expect(await aiReplies(id)).toHaveLength(0);
    // Released, the ticket is the AI's again, but the withdrawn draft stays withdrawn.
    await api("POST", `/tickets/${id}/release`, { agent: ANA });
    expect((await api("POST", `/tickets/${id}/drafts/${draftId}/approve`, { agent: ANA })).status).toBe(409);
    expect(await aiReplies(id)).toHaveLength(0);
  });

  it("when the customer wrote again, the stale draft is refused and a newer one covers both messages", async () => {
    const { id, draftId } = await heldDraft();
    await customerWrites(id, "Which countries do you ship to, exactly?");
    await settled(id, 3);
    const fresh = await waitUntil(async () => {
      const d = (await view(id)).pendingDraft;
      return d && d.id !== draftId ? d : null;
    });
    expect((await api("POST", `/tickets/${id}/drafts/${draftId}/approve`, { agent: ANA })).status).toBe(409);
    expect((await api("POST", `/tickets/${id}/drafts/${draftId}/discard`, { agent: ANA })).status).toBe(409);
    expect(await aiReplies(id)).toHaveLength(0);
    // One approval item, updated, not two.
    expect(approvals(await view(id))).toHaveLength(1);
    const ok = await api("POST", `/tickets/${id}/drafts/${fresh.id}/approve`, { agent: ANA });
    expect(ok.status).toBe(200);
    expect(await aiReplies(id)).toHaveLength(1);
    expect(approvals(await view(id))).toEqual([]);
  });

  it("refuses a draft the customer has overtaken in Zendesk before its webhook arrived", async () => {
    const { id, draftId } = await heldDraft();
    // Written in Zendesk, not delivered yet: only Zendesk's comments show it.
    await control("POST", `/tickets/${id}/comments`, {
      body: "Actually, forget it: I moved to Oslo.",
      public: true,
      author: "requester",
      notify: false,
    });
    const r = await api("POST", `/tickets/${id}/drafts/${draftId}/approve`, { agent: ANA });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/customer wrote again/);
    expect(await aiReplies(id)).toHaveLength(0);
  });

  it("refuses an edit holding a placeholder, a secret or a topic a policy keeps for people (422)", async () => {
    const { id, draftId } = await heldDraft();
    await api("POST", "/policy-entries", {
      topic: "Legal threats",
      ruleText: "Hand anything legal to a team lead.",
      conditions: { keywords: ["lawyer"] },
      action: "escalate",
    });
    for (const body of [
      "Your key is {{setting.api_secret}}",
      `Here you go: ${env.APP_API_SECRET}`,
      `Our webhook secret: ${env.ZENDESK_WEBHOOK_SECRET}`,
      "Ask your lawyer, we ship everywhere.",
    ]) {
      const r = await api("POST", `/tickets/${id}/drafts/${draftId}/approve`, { agent: ANA, body });
      expect(r.status, body).toBe(422);
      expect(JSON.stringify(r.body)).not.toContain(env.APP_API_SECRET);
    }
    expect(await aiReplies(id)).toHaveLength(0);
    // The draft is still current: a clean edit goes out once, a second approval is refused.
    const clean = `${kbAnswer(SHIPPING_QUESTION)}\n\nVienna is included.`;
    expect(
      (await api("POST", `/tickets/${id}/drafts/${draftId}/approve`, { agent: ANA, body: clean })).status,
    ).toBe(200);
    expect((await api("POST", `/tickets/${id}/drafts/${draftId}/approve`, { agent: ANA })).status).toBe(409);
    const replies = await aiReplies(id);
    expect(replies.map((c) => c.body)).toEqual([clean]);
  });

  it("discard drops the current draft and closes its item; resolve withdraws a held draft", async () => {
    const first = await heldDraft();
    expect(
      (await api("POST", `/tickets/${first.id}/drafts/${first.draftId}/discard`, { agent: ANA })).status,
    ).toBe(200);
    const discarded = await view(first.id);
    expect(discarded.pendingDraft).toBeNull();
    expect(approvals(discarded)).toEqual([]);

    const second = await heldDraft();
    expect((await api("POST", `/tickets/${second.id}/resolve`, { agent: BO })).status).toBe(200);
    expect(await view(second.id)).toMatchObject({ state: "resolved", pendingDraft: null, attention: [] });
    expect(
      (await api("POST", `/tickets/${second.id}/drafts/${second.draftId}/approve`, { agent: BO })).status,
    ).toBe(409);
    expect(await aiReplies(second.id)).toHaveLength(0);
  });

  it("a draft id that is not this ticket's, or not a decimal id, is 404", async () => {
    const a = await heldDraft();
    const b = await createTicket({ body: "hi" });
    expect((await api("POST", `/tickets/${b}/drafts/${a.draftId}/approve`, { agent: ANA })).status).toBe(404);
    for (const bad of ["0x10", "1e1", "+5", "1.0"]) {
      expect((await api("POST", `/tickets/${a.id}/drafts/${bad}/approve`, { agent: ANA })).status).toBe(404);
    }
  });
});
