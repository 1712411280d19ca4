// What a reviewer gets from the offline learning loop: each proposal with the
// conversation it came from, why a person stepped in, and the replay of that
// ticket with the proposal approved; a suggested policy only once its risk
// topic recurs; nothing that a rejection's reason rules out. Approved, an
// entry answers the next customer.
import { beforeAll, describe, expect, it } from "vitest";
import {
  ANA,
  agentWrites,
  aiReplies,
  api,
  createTicket,
  deliver,
  dispositions,
  waitUntil,
} from "./support/harness";
import { seedKb } from "./support/seed";

beforeAll(async () => {
  await seedKb();
  const legal = {
    topic: "Legal threats",
    ruleText: "If the customer mentions a lawyer or a court, hand the ticket to a person.",
    conditions: { keywords: ["lawyer", "court"] },
    action: "escalate",
  };
  expect((await api("POST", "/policy-entries", legal)).status).toBe(201);
});

interface Entry {
  id: number;
  question?: string;
  answer?: string;
  topic?: string;
  conditions?: { keywords?: string[] };
  sourceTicketId: number | null;
  sourceType: string;
  evidence: {
    ticketId: number;
    excerpt: { role: string; text: string }[];
    whyHuman: string | null;
    steps?: { kind: string; type: string | null; code: string | null; by: string | null }[];
    replay: { verdict: string; detail: string | null; spared?: { kind: string; id: number } | null } | null;
    tickets?: number[];
  } | null;
}

/** A customer asks; the AI flags it; Ana takes over, answers publicly, and resolves. */
async function humanAnswers(question: string, answer: string): Promise<number> {
  const id = await createTicket({ body: question });
  await waitUntil(async () => {
    await deliver(id);
    const d = await dispositions(id);
    return d.length > 0 && !d.includes("pending");
  });
  await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
  await agentWrites(id, ANA, answer);
  await deliver(id);
  expect((await api("POST", `/tickets/${id}/resolve`, { agent: ANA })).status).toBe(200);
  return id;
}

async function pending(kind: "kb" | "policy"): Promise<Entry[]> {
  const { body } = await api(
    "GET",
    `/${kind}-entries?status=pending_review&sourceType=learning_loop&limit=200`,
  );
  return body.items;
}

/** Waits until the ticket's learning job ran (it logs learning_proposed, or nothing to propose). */
async function proposalsFrom(ticketId: number, kind: "kb" | "policy", count: number): Promise<Entry[]> {
  return waitUntil(async () => {
    const mine = (await pending(kind)).filter((e) => e.sourceTicketId === ticketId);
    return mine.length >= count && mine.every((e) => e.evidence?.replay) ? mine : null;
  }, 20_000);
}

/** Lets the queue settle a resolve whose learning is expected to propose nothing. */
const settle = () => new Promise((r) => setTimeout(r, 2_000));

describe("a proposal under review", () => {
  it("carries the conversation, why a person stepped in, and a replay that would have spared the take over", async () => {
    const question = "Can I get fabric swatches of the sofa upholstery before I order?";
    const answer =
      "Yes: order up to five free fabric swatches on the sofa's page; they arrive by post within a week from Industrivej 12.";
    const id = await humanAnswers(question, answer);
    const [p] = await proposalsFrom(id, "kb", 1);
    expect(p?.evidence?.ticketId).toBe(id);
    expect(p?.evidence?.excerpt.map((l) => l.role)).toEqual(["customer", "agent"]);
    expect(p?.evidence?.excerpt[1]?.text).toContain("Industrivej 12");
    expect(p?.evidence?.whyHuman).toMatch(/found no answer it could trust/);
    expect(p?.evidence?.whyHuman).toMatch(/took the ticket over/);
    // The same moments as data, for the admin area to say in the reviewer's language.
    expect(p?.evidence?.steps?.map((s) => [s.kind, s.type, s.code])).toEqual([
      ["attention", "validation_failed", expect.any(String)],
      ["take_over", null, null],
    ]);
    const takeOver = (await api("GET", `/tickets/${id}`)).body.events.find(
      (e: { type: string }) => e.type === "take_over",
    );
    expect(p?.evidence?.replay).toMatchObject({
      verdict: "would_answer",
      spared: { kind: "take_over", id: takeOver.id },
    });

    // Approved, it answers the next customer who asks.
    expect((await api("POST", `/kb-entries/${p?.id}/approve`, {})).status).toBe(200);
    const next = await createTicket({ body: question });
    const [reply] = await waitUntil(async () => {
      await deliver(next);
      const r = await aiReplies(next);
      return r.length ? r : null;
    });
    expect(reply?.body).toContain("Industrivej 12");
  });

  it("says so when the replay would still hand the ticket to a person (a policy escalates it)", async () => {
    const id = await humanAnswers(
      "My lawyer asks whether you sell gift vouchers for companies?",
      "We sell company gift vouchers from EUR 50 to EUR 500; order them by e-mail with the amount.",
    );
    const [p] = await proposalsFrom(id, "kb", 1);
    expect(p?.evidence?.replay?.verdict).toBe("still_flagged");
    expect(p?.evidence?.replay?.detail).toMatch(/Legal threats/);
    expect(p?.evidence?.replay?.spared ?? null).toBeNull();
  });
});

describe("no noise", () => {
  it("a rejection's reason keeps other proposals on its subject away", async () => {
    const first = await humanAnswers(
      "Is your sofa cheaper than the one at Ikea?",
      "We do not compare our prices with other shops; our sofas come with a 10-year frame warranty.",
    );
    const [p] = await proposalsFrom(first, "kb", 1);
    const reason = "We never discuss other shops' prices";
    expect((await api("POST", `/kb-entries/${p?.id}/reject`, { reason })).body.rejectReason).toBe(reason);
    // A different question on the same subject: not proposed.
    const second = await humanAnswers(
      "Why are your prices higher than in other shops?",
      "We do not compare our prices with other shops; every order includes free returns for 30 days.",
    );
    await settle();
    expect((await pending("kb")).filter((e) => e.sourceTicketId === second)).toEqual([]);
  });
});

describe("a suggested policy", () => {
  it("waits for its risk topic to recur, then proposes a rule that would have caught both messages", async () => {
    const first = await humanAnswers(
      "Someone hacked my account and ordered three lamps with my card. What do I do now?",
      "We have blocked the order and your account; our security team will call you today.",
    );
    await proposalsFrom(first, "kb", 1);
    await settle();
    expect((await pending("policy")).filter((e) => e.sourceType === "learning_loop")).toEqual([]);

    const second = await humanAnswers(
      "This is fraud: there is an order for a sofa on my account that I never placed.",
      "We have cancelled that order and locked the account; our security team will contact you.",
    );
    const [policy] = await proposalsFrom(second, "policy", 1);
    expect(policy?.topic).toBe("Fraud and account security");
    expect(policy?.conditions?.keywords).toEqual(expect.arrayContaining(["hacked", "fraud"]));
    expect(policy?.evidence?.tickets).toEqual([first, second]);
    expect(policy?.evidence?.replay).toMatchObject({ verdict: "would_flag", spared: { kind: "take_over" } });

    // Approved, it hands the next such message to a person at once.
    expect((await api("POST", `/policy-entries/${policy?.id}/approve`, {})).status).toBe(200);
    const next = await createTicket({ body: "My account was hacked and there are orders I did not make." });
    await waitUntil(async () => {
      await deliver(next);
      return (await dispositions(next)).includes("attention");
    });
    const items = (await api("GET", "/attention-items?status=open")).body.items.filter(
      (i: { ticketId: number }) => i.ticketId === next,
    );
    expect(items.map((i: { type: string }) => i.type)).toEqual(["escalation"]);
  });
});
