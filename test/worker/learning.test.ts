// The offline learning loop: a resolved ticket where a human answered what the
// AI could not becomes a KB proposal for review, once, and never again after
// a rejection. Only an admin's approval puts it in front of the AI.
import { beforeAll, describe, expect, it } from "vitest";
import {
  ANA,
  agentWrites,
  api,
  createTicket,
  customerWrites,
  deliver,
  dispositions,
  waitUntil,
} from "./support/harness";
import { seedKb } from "./support/seed";

beforeAll(async () => {
  await seedKb();
});

const QUESTION = "Do you offer gift wrapping for birthday presents?";
const ANSWER = "Yes! Choose gift wrapping at checkout for EUR 3.95 and we add a handwritten card.";

async function humanAnswers(question: string, answer: string, takeOver = true): Promise<number> {
  const id = await createTicket({ body: question });
  await waitUntil(async () => {
    await deliver(id);
    return (await dispositions(id)).includes("attention");
  });
  if (takeOver) await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
  await agentWrites(id, ANA, answer);
  await deliver(id);
  await waitUntil(async () => (await api("GET", `/tickets/${id}`)).body.state === "in_progress");
  expect((await api("POST", `/tickets/${id}/resolve`, { agent: ANA })).status).toBe(200);
  return id;
}

const proposals = async () =>
  (await api("GET", "/kb-entries?status=pending_review&limit=100")).body.items.filter(
    (e: { sourceType: string }) => e.sourceType === "learning_loop",
  );

describe("learning loop", () => {
  it("proposes the human's answer to a question no approved entry covered, once", async () => {
    const id = await humanAnswers(QUESTION, ANSWER);
    const [p] = await waitUntil(async () => {
      const items = await proposals();
      return items.length ? items : null;
    });
    expect(p).toMatchObject({
      question: QUESTION,
      answer: ANSWER,
      status: "pending_review",
      sourceTicketId: id,
    });
    // The proposal names no person: not the customer, not the agent.
    expect(p.motivation).toMatch(new RegExp(`#${id}`));
    expect(`${p.question} ${p.answer} ${p.motivation}`).not.toMatch(/Ana|Greta/);
    expect((await api("GET", `/tickets/${id}`)).body.events.map((e: { type: string }) => e.type)).toContain(
      "learning_proposed",
    );
    // Not used by the AI until approved: the same question is still flagged.
    const again = await createTicket({ body: QUESTION });
    await waitUntil(async () => {
      await deliver(again);
      return (await dispositions(again)).includes("attention");
    });

    // The same exchange on another ticket: the pending proposal covers it.
    await humanAnswers("Do you offer gift wrapping for a birthday present?", ANSWER);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await proposals()).toHaveLength(1);

    // Rejected, it does not come back.
    expect(
      (await api("POST", `/kb-entries/${p.id}/reject`, { reason: "We stopped gift wrapping" })).status,
    ).toBe(200);
    await humanAnswers(QUESTION, ANSWER);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await proposals()).toHaveLength(0);
    const rejected = (await api("GET", "/kb-entries?status=rejected")).body.items;
    expect(rejected).toHaveLength(1);
  });

  it("proposes one entry per customer question, without greetings, sign-offs or anyone's name", async () => {
    const id = await createTicket({
      body: "Hello!\n\nDo you repair broken lamp shades?\n\nThanks, Greta",
      requester: "Greta Customer",
    });
    await waitUntil(async () => {
      await deliver(id);
      return (await dispositions(id)).includes("attention");
    });
    await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    await customerWrites(id, "Also: can I rent a van from you for the delivery?");
    await deliver(id);
    await waitUntil(
      async () => (await dispositions(id)).length === 2 && !(await dispositions(id)).includes("pending"),
    );
    await agentWrites(
      id,
      ANA,
      "Hi Greta,\n\nWe repair lamp shades in our Oslo workshop within two weeks.\n\nWe do not rent vans, but our delivery partner offers van rental at checkout.\n\nBest regards\nAna",
    );
    await deliver(id);
    expect((await api("POST", `/tickets/${id}/resolve`, { agent: ANA })).status).toBe(200);
    const mine = await waitUntil(async () => {
      const items = (await proposals()).filter((p: { sourceTicketId: number }) => p.sourceTicketId === id);
      return items.length === 2 ? items : null;
    });
    const byQuestion = Object.fromEntries(
      mine.map((p: { question: string; answer: string }) => [p.question, p.answer]),
    );
    expect(byQuestion).toEqual({
      "Do you repair broken lamp shades?": "We repair lamp shades in our Oslo workshop within two weeks.",
      "Also: can I rent a van from you for the delivery?":
        "We do not rent vans, but our delivery partner offers van rental at checkout.",
    });
  });

  it("learns nothing when learning is disabled", async () => {
    await api("PATCH", "/settings", { learning: { enabled: false } });
    const q = "Do you sponsor local youth football clubs?";
    await humanAnswers(q, "We do not run a sponsorship programme at the moment, but thank you for asking.");
    await new Promise((r) => setTimeout(r, 1500));
    expect((await proposals()).filter((p: { question: string }) => p.question === q)).toHaveLength(0);
    await api("PATCH", "/settings", { learning: { enabled: true } });
  });
});
