// The learning loop with a model (the OpenAI stand-in, structured outputs): on
// resolve it reads the conversation, the entry the AI cited and why Ana stepped
// in, and proposes a correction of that entry and a policy; what the model
// proposes without a person's words behind it is dropped. Approved, the
// correction retires the old entry and answers the next customer.
import { beforeAll, describe, expect, it } from "vitest";
import {
  ANA,
  agentWrites,
  aiReplies,
  api,
  createTicket,
  customerWrites,
  deliver,
  settled,
  waitUntil,
  zendeskTicket,
} from "../worker/support/harness";
import { seedKb } from "../worker/support/seed";
import { model, modelCalls } from "./support";

const WARRANTY = "How long is the warranty on your products?";
const NEW_ANSWER =
  "Since 1 January all products come with a 3-year warranty from the delivery date, covering manufacturing and material defects.";

beforeAll(async () => {
  await seedKb();
});

interface Entry {
  id: number;
  question?: string;
  answer?: string;
  status: string;
  replacesId: number | null;
  sourceTicketId: number | null;
  conditions?: { keywords?: string[] };
  evidence: { replay: { verdict: string; spared?: { kind: string } | null } | null } | null;
}

const pendingFrom = async (kind: "kb" | "policy", ticketId: number): Promise<Entry[]> =>
  (
    await api("GET", `/${kind}-entries?status=pending_review&sourceType=learning_loop&limit=200`)
  ).body.items.filter((e: Entry) => e.sourceTicketId === ticketId);

describe("the learning loop with a model", () => {
  it("proposes a correction of a cited entry and a policy, drops what no person said, and replays both", async () => {
    const warranty = (await api("GET", `/kb-entries?q=${encodeURIComponent(WARRANTY)}`)).body
      .items[0] as Entry;
    const id = await createTicket({ body: `Hello, ${WARRANTY.toLowerCase()}` });
    expect(await settled(id)).toEqual(["replied"]);
    await customerWrites(id, "Your website says something else. I will post this on Trustpilot today.");
    await deliver(id);
    await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    await agentWrites(id, ANA, `Hi Greta,\n\nSorry for the confusion. ${NEW_ANSWER}\n\nBest regards\nAna`);
    await deliver(id);
    const customer = (await zendeskTicket(id)).comments.filter((c) => c.author_id === id + 5_000_000);
    const [asked, threat] = customer.map((c) => c.id);

    const blank = {
      question: "",
      answer: "",
      topics: [],
      updatesEntryId: null,
      policyTopic: "",
      ruleText: "",
    };
    await model("POST", "/script", {
      match: `"ticketId":${id}`,
      responses: [
        {
          status: 200,
          content: {
            proposals: [
              {
                ...blank,
                kind: "kb_update",
                question: WARRANTY,
                answer: NEW_ANSWER,
                topics: ["warranty"],
                updatesEntryId: warranty.id,
                keywords: [],
                action: "guideline",
                confidence: 0.8,
                motivation: "Ana corrected the AI: the warranty is now 3 years.",
                customerCommentIds: [asked],
              },
              {
                ...blank,
                kind: "policy",
                policyTopic: "Public review threats",
                ruleText: "When a customer threatens a public review, let a person approve the reply.",
                keywords: ["Trustpilot"],
                action: "require_approval",
                confidence: 0.7,
                motivation: "The customer threatened a Trustpilot review and Ana stepped in.",
                customerCommentIds: [threat],
              },
              {
                ...blank,
                kind: "kb_entry",
                question: "Do you pay refunds in cash?",
                answer: "We pay every refund in cash at any showroom within one hour, no questions asked.",
                keywords: [],
                action: "guideline",
                confidence: 0.9,
                motivation: "The customer said so.",
                customerCommentIds: [threat],
              },
            ],
          },
        },
      ],
    });
    expect((await api("POST", `/tickets/${id}/resolve`, { agent: ANA })).status).toBe(200);

    const [update] = await waitUntil(async () => {
      const kb = await pendingFrom("kb", id);
      return kb.length && kb.every((e) => e.evidence?.replay) ? kb : null;
    }, 20_000);
    const [policy] = await waitUntil(async () => {
      const p = await pendingFrom("policy", id);
      return p.length ? p : null;
    });
    expect(await modelCalls(`"ticketId":${id}`)).toHaveLength(1);
    expect(update).toMatchObject({ question: WARRANTY, answer: NEW_ANSWER, replacesId: warranty.id });
    expect(update?.evidence?.replay).toMatchObject({
      verdict: "would_answer",
      spared: { kind: "take_over" },
    });
    expect(policy?.conditions?.keywords).toEqual(["Trustpilot"]);
    expect(policy?.evidence?.replay?.verdict).toBe("would_flag");
    // The cash refund came from no person's words: never proposed.
    expect((await pendingFrom("kb", id)).map((e) => e.question)).toEqual([WARRANTY]);

    // Approved: the old entry is archived and the next customer gets the new answer.
    expect((await api("POST", `/kb-entries/${update?.id}/approve`, {})).status).toBe(200);
    expect(
      (await api("GET", `/kb-entries?q=${encodeURIComponent(WARRANTY)}&status=archived`)).body.items,
    ).toEqual([expect.objectContaining({ id: warranty.id })]);
    const next = await createTicket({ body: WARRANTY });
    expect(await settled(next)).toEqual(["replied"]);
    expect((await aiReplies(next))[0]?.body).toContain("3-year warranty");
  });

  it("a model answer that does not fit the schema proposes nothing and loses nothing", async () => {
    const id = await createTicket({ body: "Do you sell gift cards for your showrooms?" });
    await settled(id);
    await api("POST", `/tickets/${id}/takeover`, { agent: ANA });
    await agentWrites(id, ANA, "Yes, gift cards from EUR 25 are sold in every showroom and online.");
    await deliver(id);
    await model("POST", "/script", {
      match: `"ticketId":${id}`,
      responses: [{ status: 200, content: "this is not json" }],
    });
    expect((await api("POST", `/tickets/${id}/resolve`, { agent: ANA })).status).toBe(200);
    await waitUntil(async () => (await modelCalls(`"ticketId":${id}`)).length === 1);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await pendingFrom("kb", id)).toEqual([]);
    expect((await api("GET", `/tickets/${id}`)).body.state).toBe("resolved");
  });
});
