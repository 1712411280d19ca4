// The ownership flow end to end inside workerd: Zendesk stand-in → signed
// webhooks → real queue → D1 → replies posted back to the stand-in.
import { beforeAll, describe, expect, it } from "vitest";
import {
  ANA,
  control,
  BO,
  AI_AGENT_ID,
  agentWrites,
  aiReplies,
  api,
  createTicket,
  customerWrites,
  deliver,
  dispositions,
  waitUntil,
  type ZComment,
  zendeskTicket,
} from "./support/harness";
import { SHIPPING_QUESTION, kbAnswer, seedKb } from "./support/seed";

const SHIP = "Hello! Which countries do you ship to? I'm in Vienna.";

beforeAll(async () => {
  await seedKb();
});

/** Delivers events until the queue has answered `n` times. */
async function repliesReach(id: number, n: number): Promise<ZComment[]> {
  return waitUntil(async () => {
    await deliver(id);
    const r = await aiReplies(id);
    return r.length >= n ? r : null;
  });
}

async function quiet(ms = 1200) {
  await new Promise((r) => setTimeout(r, ms));
}

describe("ownership", () => {
  it("the AI answers an open ticket with the approved KB answer and mirrors the ai tag", async () => {
    const id = await createTicket({ body: SHIP });
    const replies = await repliesReach(id, 1);
    const reply = replies[0];
    expect(reply?.body).toContain(kbAnswer(SHIPPING_QUESTION));
    // The reply reaches Zendesk before its settle records it: wait for the record.
    const view = await waitUntil(async () => {
      const v = (await api("GET", `/tickets/${id}`)).body;
      return v.events.some((e: { type: string }) => e.type === "ai_replied") ? v : null;
    });
    expect(view.state).toBe("open");
    await waitUntil(async () => (await zendeskTicket(id)).ticket.tags.includes("ohallo_ai"));
    expect(await dispositions(id)).toEqual(["replied"]);
  });

  it("take over silences the AI; release lets it answer what the customer wrote meanwhile; resolve solves", async () => {
    const id = await createTicket({ body: SHIP });
    await repliesReach(id, 1);

    const taken = await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ state: "in_progress", owner: ANA });
    const z1 = await zendeskTicket(id);
    expect(z1.ticket.tags).toContain("ohallo_human");
    expect(z1.ticket.tags).not.toContain("ohallo_ai");

    // Already yours: 200. Someone else's: 409 unless forced.
    expect((await api("POST", `/tickets/${id}/takeover`, { agent: ANA })).status).toBe(200);
    const clash = await api("POST", `/tickets/${id}/takeover`, { agent: BO });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatch(/Ana/);

    await customerWrites(id, "Do you also ship to Switzerland?");
    await deliver(id);
    await waitUntil(async () => (await dispositions(id)).at(-1) === "held");
    await agentWrites(id, ANA, "Let me check that for you.");
    await deliver(id);
    await quiet();
    expect(await aiReplies(id)).toHaveLength(1);

    await customerWrites(id, "Which countries do you ship to, exactly?");
    await deliver(id);
    await waitUntil(async () => (await dispositions(id)).at(-1) === "held");

    const released = await api("POST", `/tickets/${id}/release`, { agent: ANA });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ state: "open", owner: null });
    // The message after Ana's reply is answered; the one she answered is not.
    const replies = await repliesReach(id, 2);
    expect(replies).toHaveLength(2);
    expect(await dispositions(id)).toEqual(["replied", "held", "replied"]);
    expect((await api("POST", `/tickets/${id}/release`, { agent: ANA })).status).toBe(409);

    const resolved = await api("POST", `/tickets/${id}/resolve`, { agent: ANA });
    expect(resolved.status).toBe(200);
    expect(resolved.body.state).toBe("resolved");
    const z2 = await zendeskTicket(id);
    expect(z2.ticket.status).toBe("solved");
    expect(z2.ticket.tags).not.toContain("ohallo_ai");
    expect(z2.ticket.tags).not.toContain("ohallo_human");
    expect((await api("POST", `/tickets/${id}/resolve`, { agent: ANA })).status).toBe(409);
    expect((await api("POST", `/tickets/${id}/takeover`, { agent: ANA })).status).toBe(409);
    await deliver(id); // Zendesk's own status_changed for our update: no double resolve.
    const types = (await api("GET", `/tickets/${id}`)).body.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === "resolve")).toHaveLength(1);
    expect(types).toEqual(expect.arrayContaining(["take_over", "release", "resolve", "ai_replied"]));
  });

  it("release of someone else's ticket needs force", async () => {
    const id = await createTicket({ body: "Hi there" });
    await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    expect((await api("POST", `/tickets/${id}/release`, { agent: BO })).status).toBe(409);
    const forced = await api("POST", `/tickets/${id}/release`, { agent: BO, force: true });
    expect(forced.status).toBe(200);
    expect(forced.body.state).toBe("open");
    const forcedTake = await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    expect(forcedTake.status).toBe(200);
    const stolen = await api("POST", `/tickets/${id}/takeover`, { agent: BO, force: true });
    expect(stolen.body.owner).toEqual(BO);
  });

  it("a public reply by another staff member is an implicit take over", async () => {
    const id = await createTicket({ body: "I have a question about my order NH-1234, it is a custom thing" });
    await deliver(id);
    await agentWrites(id, BO, "Hi, Bo here, I'll handle this.");
    await waitUntil(async () => {
      await deliver(id);
      const v = await api("GET", `/tickets/${id}`);
      return v.body.state === "in_progress" ? v : null;
    });
    const view = await api("GET", `/tickets/${id}`);
    expect(view.body.owner).toEqual(BO);
    expect(view.body.events.find((e: { type: string }) => e.type === "take_over").reason).toMatch(/implicit/);
    await customerWrites(id, SHIP);
    await deliver(id);
    await quiet();
    expect(await aiReplies(id)).toHaveLength(0);
  });

  it("an internal note by staff is not a take over", async () => {
    const id = await createTicket({ body: "Hello?" });
    await deliver(id);
    await agentWrites(id, BO, "note to self", false);
    await deliver(id);
    await quiet(600);
    expect((await api("GET", `/tickets/${id}`)).body.state).toBe("open");
  });

  it("the AI's own comments are ignored (no loops)", async () => {
    const id = await createTicket({ body: SHIP });
    await repliesReach(id, 1);
    for (let i = 0; i < 3; i++) {
      await deliver(id); // includes the comment_added of the AI's own reply
      await quiet(400);
    }
    expect(await aiReplies(id)).toHaveLength(1);
    const view = await api("GET", `/tickets/${id}`);
    expect(view.body.state).toBe("open");
    const { comments } = await zendeskTicket(id);
    expect(comments.filter((c) => c.author_id === AI_AGENT_ID)).toHaveLength(1);
  });

  it("a customer writing on a resolved ticket reopens it and gets an answer", async () => {
    const id = await createTicket({ body: "Thanks, all good" });
    await deliver(id);
    await api("POST", `/tickets/${id}/resolve`, { agent: ANA });
    await deliver(id);
    await customerWrites(id, SHIP);
    await repliesReach(id, 1);
    const view = await api("GET", `/tickets/${id}`);
    expect(view.body.state).toBe("open");
    expect(view.body.events.map((e: { type: string }) => e.type)).toContain("reopen");
  });

  it("a customer message written before the resolve but delivered after it reopens nothing", async () => {
    const id = await createTicket({ body: "Thanks, all good" });
    await deliver(id);
    await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    // Written while Ana held the ticket; its webhook is still on its way when she resolves.
    await customerWrites(id, "PS: the parcel came today, thank you!");
    expect((await api("POST", `/tickets/${id}/resolve`, { agent: ANA })).status).toBe(200);
    await deliver(id);
    await waitUntil(
      async () => (await dispositions(id)).length === 2 && !(await dispositions(id)).includes("pending"),
    );
    const view = await api("GET", `/tickets/${id}`);
    expect(view.body.state).toBe("resolved");
    expect(view.body.events.map((e: { type: string }) => e.type)).not.toContain("reopen");
    expect((await dispositions(id)).at(-1)).toBe("held");
    expect((await zendeskTicket(id)).ticket.status).toBe("solved");
    expect(await aiReplies(id)).toHaveLength(0);
  });

  it("an agent reopening a solved ticket in Zendesk reopens it here too", async () => {
    const id = await createTicket({ body: "Thanks, all good" });
    await waitUntil(async () => {
      await deliver(id);
      const d = await dispositions(id);
      return d.length === 1 && d[0] !== "pending";
    });
    expect((await api("POST", `/tickets/${id}/resolve`, { agent: ANA })).status).toBe(200);
    await deliver(id);
    await control("PATCH", `/tickets/${id}`, { status: "open" });
    await deliver(id);
    const view = await waitUntil(async () => {
      const v = (await api("GET", `/tickets/${id}`)).body;
      return v.state === "open" ? v : null;
    });
    expect(view.events.at(-1)).toMatchObject({ type: "reopen", code: "reopened_in_helpdesk" });
  });

  it("solved in Zendesk resolves the ticket; resolve without a take over works", async () => {
    const id = await createTicket({ body: "hello" });
    await deliver(id);
    const r = await api("POST", `/tickets/${id}/resolve`, { agent: ANA });
    expect(r.status).toBe(200);
    expect(r.body.owner).toBeNull();
    expect((await zendeskTicket(id)).ticket.status).toBe("solved");
  });

  it("a ticket never seen is open with nothing else", async () => {
    const r = await api("GET", "/tickets/987654321");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ticketId: 987654321,
      state: "open",
      owner: null,
      attention: [],
      pendingDraft: null,
      events: [],
    });
  });

  it("a reply sent right before a release stays the human's: no snap back, and the AI does not answer it again", async () => {
    const id = await createTicket({ body: SHIP });
    await repliesReach(id, 1);
    expect((await api("POST", `/tickets/${id}/takeover`, { agent: ANA })).status).toBe(200);
    await customerWrites(id, "Do you also ship to Switzerland?");
    await deliver(id);
    await waitUntil(async () => (await dispositions(id)).at(-1) === "held");
    // Ana answers in Zendesk and releases at once: her reply's webhook arrives after the release.
    await agentWrites(id, ANA, "Yes, we ship to Switzerland too; customs are included.");
    expect((await api("POST", `/tickets/${id}/release`, { agent: ANA })).status).toBe(200);
    await deliver(id);
    await quiet(1500);
    await deliver(id);
    const view = (await api("GET", `/tickets/${id}`)).body;
    expect(view.state).toBe("open");
    expect(view.events.filter((e: { type: string }) => e.type === "take_over")).toHaveLength(1);
    // The customer's question was Ana's to answer, and she did: the AI stays out of it.
    expect(await aiReplies(id)).toHaveLength(1);
  });
});
