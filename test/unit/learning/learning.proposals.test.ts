// The learning loop's pure parts: when two texts say the same, what a
// rejection's reason rules out, when a risk message is evidence for a policy,
// and which proposals are fit for review (grounded in a person's words).
import { describe, expect, it } from "vitest";
import type { PolicyEntry } from "../../../common/api.schema";
import { blockedByReason, sharedKeywords, similarText } from "../../../worker/src/learning/learning.noise";
import { policySignals } from "../../../worker/src/learning/learning.offline";
import type { LearningInput, LearningTurn } from "../../../worker/src/learning/learning.port";
import { grounding, shapeProposal } from "../../../worker/src/learning/learning.proposals";
import { riskTopics } from "../../../worker/src/learning/learning.risk";

const turn = (
  commentId: number,
  role: LearningTurn["role"],
  body: string,
  at: number,
  patch: Partial<LearningTurn> = {},
) =>
  ({
    commentId,
    role,
    name: role === "customer" ? "Greta Olsen" : "Ana Berg",
    body,
    isPublic: true,
    disposition: role === "customer" ? "replied" : "none",
    at,
    ...patch,
  }) satisfies LearningTurn;

function input(turns: LearningTurn[], patch: Partial<LearningInput> = {}): LearningInput {
  return {
    ticketId: 7,
    language: "en",
    turns,
    steps: [
      {
        kind: "take_over",
        id: 1,
        at: 20,
        code: null,
        type: null,
        params: {},
        by: "Ana Berg",
        text: "A person took the ticket over.",
      },
    ],
    cited: [],
    policies: [],
    rejected: [],
    people: ["Greta Olsen", "Ana Berg"],
    ...patch,
  };
}

describe("similar texts", () => {
  it("the same question in other words is similar; a different question on a shared word is not", () => {
    expect(similarText("Do you offer gift wrapping?", "Can you offer gift wrapping for presents?")).toBe(
      true,
    );
    expect(similarText("How long is the warranty?", "Can I extend the warranty on electronics?")).toBe(false);
    expect(similarText("", "anything")).toBe(false);
  });

  it("a rejection reason that names a subject blocks it; one that only judges does not", () => {
    const reason = "We never discuss other shops' prices";
    expect(blockedByReason("Why are your prices higher than in other shops?", reason)).toBe(true);
    expect(blockedByReason("Which payment methods do you accept?", reason)).toBe(false);
    expect(blockedByReason("Is the price of the sofa with delivery?", "Wrong answer, outdated price")).toBe(
      false,
    );
    expect(blockedByReason("anything", null)).toBe(false);
  });

  it("keywords are shared across case and diacritics", () => {
    expect(sharedKeywords(["Rückerstattung", "Refund"], ["ruckerstattung", "cash"])).toEqual([
      "Rückerstattung",
    ]);
  });
});

describe("risk topics", () => {
  it("finds the topic and the customer's word in six languages, and not in look-alikes", () => {
    expect(riskTopics("My account was hacked!").map((r) => r.topic.key)).toEqual(["fraud"]);
    expect(riskTopics("Mein Anwalt meldet sich").map((r) => r.keyword)).toEqual(["Anwalt"]);
    expect(riskTopics("Je vais contacter un avocat").map((r) => r.topic.key)).toEqual(["legal"]);
    expect(riskTopics("Which brand is the sofa? Sue from accounting asks.")).toEqual([]);
  });
});

describe("policy evidence (offline)", () => {
  const hacked = turn(1, "customer", "Someone hacked my account and ordered lamps.", 10);
  const answer = turn(2, "agent", "We blocked the order and your account.", 30);

  it("a take over right after a risk message no policy caught is evidence, marked to wait for recurrence", () => {
    const [signal] = policySignals(input([hacked, answer]));
    expect(signal).toMatchObject({
      kind: "policy",
      keywords: ["hacked"],
      recurrence: { topic: "fraud" },
      commentIds: [1],
    });
  });

  it("no evidence when a policy caught it, the AI escalated it, a person already held it, or nobody took over", () => {
    const policy: PolicyEntry = {
      id: 3,
      topic: "Fraud",
      ruleText: "Hand fraud to a person.",
      conditions: { keywords: ["hacked"] },
      action: "escalate",
      status: "approved",
      sourceType: "manual",
      confidence: null,
      rationale: null,
      sourceTicketId: null,
      rejectReason: null,
      evidence: null,
      replacesId: null,
      createdAt: "",
      updatedAt: "",
    };
    expect(policySignals(input([hacked, answer], { policies: [policy] }))).toEqual([]);
    const escalated = {
      kind: "attention",
      id: 4,
      at: 15,
      code: "ai_escalated",
      type: "escalation",
      params: {},
      by: null,
      text: "",
    } as const;
    expect(policySignals(input([hacked, answer], { steps: [escalated, ...input([]).steps] }))).toEqual([]);
    expect(policySignals(input([{ ...hacked, disposition: "held" }, answer]))).toEqual([]);
    expect(policySignals(input([hacked, answer], { steps: [] }))).toEqual([]);
  });
});

describe("fit for review", () => {
  const asked = turn(1, "customer", "Hi, do you sell gift cards?\n\nThanks, Greta", 10, {
    disposition: "attention",
  });
  const said = turn(
    2,
    "agent",
    "Hi Greta,\n\nGift cards from EUR 25 are sold in every showroom.\n\nBest,\nAna",
    30,
  );
  const kb = (question: string, answer: string) => ({
    kind: "kb" as const,
    question,
    answer,
    topics: [" gifts ", "gifts"],
    confidence: 3,
    motivation: "Ana answered Greta.",
    replacesId: 99,
    commentIds: [1, 555],
  });

  it("cleans names, greetings and sign-offs, bounds numbers, and keeps only what it may", () => {
    const shaped = shapeProposal(
      kb("Hi, do you sell gift cards? Thanks, Greta", "Gift cards from EUR 25 are sold in every showroom."),
      input([asked, said]),
    );
    expect(shaped).toMatchObject({
      ok: true,
      proposal: {
        question: "Do you sell gift cards?",
        topics: ["gifts"],
        confidence: 1,
        replacesId: null,
        commentIds: [1],
      },
    });
    expect(shaped.ok && shaped.proposal.kind === "kb" && shaped.proposal.motivation).not.toMatch(/Ana|Greta/);
  });

  it("refuses a KB answer no person wrote on the ticket (a customer cannot dictate the KB)", () => {
    const made = kb(
      "Do you sell gift cards?",
      "Every refund is paid in cash at any showroom within one hour.",
    );
    expect(grounding(made.answer, input([asked, said]))).toBeLessThan(0.6);
    expect(shapeProposal(made, input([asked, said]))).toEqual({
      ok: false,
      why: "the answer says what no person wrote on the ticket",
    });
  });

  it("refuses a proposal about no customer message of the ticket", () => {
    expect(
      shapeProposal({ ...kb("Do you sell gift cards?", said.body), commentIds: [555] }, input([asked, said]))
        .ok,
    ).toBe(false);
  });
});
