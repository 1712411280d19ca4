// Waiting for a person, attention items that close, and the reply cap: the
// customer is told once that a person will answer, the AI then stays silent
// until a person acts, and a loop with an auto-responder ends with a person.
import { beforeAll, describe, expect, it } from "vitest";
import { acknowledgement } from "../../worker/src/drafting/acknowledgement";
import {
  ANA,
  aiReplies,
  api,
  createTicket,
  customerWrites,
  deliver,
  dispositions,
  postWebhook,
  settled,
  waitUntil,
  zendeskTicket,
  newEvents,
} from "./support/harness";
import { SHIPPING_QUESTION, kbAnswer, seedKb } from "./support/seed";

beforeAll(async () => {
  await seedKb();
});

type Item = { id: number; type: string; status: string; code: string | null };
const view = async (id: number) => (await api("GET", `/tickets/${id}`)).body;
const openItems = async (id: number): Promise<Item[]> => (await view(id)).attention;
const tags = async (id: number) => (await zendeskTicket(id)).ticket.tags;

describe("waiting for a person", () => {
  it("a person requested: the acknowledgement once, then silence until a take over; the items close", async () => {
    const id = await createTicket({ body: "Kann ich bitte mit einem Menschen sprechen?" });
    await settled(id);
    const told = await waitUntil(async () => {
      const r = await aiReplies(id);
      return r.length ? r : null;
    });
    expect(told.map((c) => c.body)).toEqual([acknowledgement("de")]);
    expect(await view(id)).toMatchObject({ state: "open", waiting: true });
    expect((await openItems(id)).map((i) => i.type)).toEqual(["human_requested"]);

    // The customer writes again: recorded, not answered, and no second acknowledgement.
    await customerWrites(id, "Welche Länder beliefern Sie?");
    expect((await settled(id, 2)).at(-1)).toBe("held");
    await customerWrites(id, SHIPPING_QUESTION);
    expect((await settled(id, 3)).at(-1)).toBe("held");
    await new Promise((r) => setTimeout(r, 1200));
    expect(await aiReplies(id)).toHaveLength(1);
    expect(await tags(id)).toContain("ohallo_attention");

    // A person takes over: the item closes and the tag follows.
    expect((await api("POST", `/tickets/${id}/takeover`, { agent: ANA })).status).toBe(200);
    expect(await openItems(id)).toEqual([]);
    expect(await tags(id)).not.toContain("ohallo_attention");
    expect(await view(id)).toMatchObject({ state: "in_progress", waiting: false });
  });

  it("dismissing the item ends the wait: the AI answers what the customer wrote meanwhile", async () => {
    const id = await createTicket({ body: "I want to talk to a real person, please." });
    await settled(id);
    await waitUntil(async () => (await aiReplies(id)).length === 1);
    await customerWrites(id, SHIPPING_QUESTION);
    expect((await settled(id, 2)).at(-1)).toBe("held");
    const [item] = await openItems(id);
    const r = await api("POST", `/attention-items/${item?.id}/resolve`, { agent: ANA });
    expect(r.body).toMatchObject({ status: "resolved" });
    const replies = await waitUntil(async () => {
      await deliver(id);
      const all = await aiReplies(id);
      return all.length === 2 ? all : null;
    });
    expect(replies[1]?.body).toContain(kbAnswer(SHIPPING_QUESTION));
    expect(await view(id)).toMatchObject({ state: "open", waiting: false, attention: [] });
    expect(await tags(id)).not.toContain("ohallo_attention");
  });

  it("one open item per ticket and type: a repeat updates it; resolve closes them all", async () => {
    const id = await createTicket({ body: "Do you sell garden gnomes made of marble?" });
    await settled(id);
    await customerWrites(id, "Or garden gnomes made of bronze?");
    await settled(id, 2);
    const items = await openItems(id);
    expect(items.map((i) => i.type)).toEqual(["validation_failed"]);
    expect(items[0]?.code).toMatch(/^no_confident_answer/);
    expect((await api("POST", `/tickets/${id}/resolve`, { agent: ANA })).status).toBe(200);
    expect(await openItems(id)).toEqual([]);
    expect(await tags(id)).not.toContain("ohallo_attention");
  });

  it("without the acknowledgement setting, the wait is silent", async () => {
    await api("PATCH", "/settings", { handoffAcknowledgement: false });
    try {
      const id = await createTicket({ body: "Can I speak to a human agent?" });
      await settled(id);
      await new Promise((r) => setTimeout(r, 1200));
      expect(await aiReplies(id)).toHaveLength(0);
      expect(await view(id)).toMatchObject({ waiting: true });
    } finally {
      await api("PATCH", "/settings", { handoffAcknowledgement: true });
    }
  });
});

describe("the reply cap", () => {
  it("1,000 customer comments on one ticket: at most the cap of replies, then one escalation", async () => {
    const cap = (await api("GET", "/settings")).body.maxAiRepliesPerHour;
    expect(cap).toBe(6);
    const id = await createTicket({ body: SHIPPING_QUESTION });
    await settled(id);
    // An auto-responder answering everything: 999 more comments, delivered as Zendesk would.
    for (let i = 0; i < 999; i++) await customerWrites(id, `${SHIPPING_QUESTION} (${i})`);
    const bodies = await newEvents(id);
    for (let i = 0; i < bodies.length; i += 50)
      await Promise.all(bodies.slice(i, i + 50).map((b) => postWebhook(b)));
    await waitUntil(async () => {
      const d = await dispositions(id);
      return d.length === 1000 && !d.includes("pending");
    }, 120_000);
    const replies = (await aiReplies(id)).filter((c) => c.body !== acknowledgement("en"));
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.length).toBeLessThanOrEqual(cap);
    const items = await openItems(id);
    expect(items.filter((i) => i.type === "escalation")).toHaveLength(1);
    expect(items.find((i) => i.type === "escalation")?.code).toBe("reply_cap");
    expect(await view(id)).toMatchObject({ waiting: true });
  }, 180_000);
});
