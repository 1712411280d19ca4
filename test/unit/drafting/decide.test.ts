// What the AI does with a customer message, given the matched policies, the
// drafter's proposal and the ticket's autonomy. Policies win over the model.
import { describe, expect, it } from "vitest";
import type { PolicyAction, PolicyEntry } from "../../../common/api.schema";
import {
  type PolicyMatch,
  decideAfterDrafting,
  decideBeforeDrafting,
} from "../../../worker/src/drafting/decide";
import type { DraftProposal } from "../../../worker/src/drafting/drafter.port";

let nextId = 1;
function match(action: PolicyAction, topic: string, keyword: string, ruleText: string): PolicyMatch {
  const policy: PolicyEntry = {
    id: nextId++,
    topic,
    ruleText,
    conditions: { keywords: [keyword] },
    action,
    status: "approved",
    sourceType: "manual",
    confidence: null,
    rationale: null,
    sourceTicketId: null,
    rejectReason: null,
    evidence: null,
    replacesId: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
  return { policy, keyword };
}

const refunds = match("require_approval", "Refunds", "refund", "Refunds over 100 EUR need a supervisor.");
const legal = match("escalate", "Legal", "lawyer", "Anything legal goes to the legal team.");
const tone = match("guideline", "Tone", "sorry", "Apologise once, not repeatedly.");

const reply: DraftProposal = { kind: "reply", body: "You can return it within 30 days.", citations: [4, 9] };
const noAnswer: DraftProposal = { kind: "no_answer", reason: "no approved entry matched" };
const wantsHuman: DraftProposal = {
  kind: "human_requested",
  reason: "The model says the customer wants a person.",
};

describe("decideBeforeDrafting", () => {
  it("a request for a person comes first, before any policy", () => {
    expect(decideBeforeDrafting({ asksForHuman: true, matches: [legal, refunds] })).toEqual({
      kind: "attention",
      type: "human_requested",
      reason: { code: "asked_for_person", params: {}, text: expect.any(String) },
    });
  });

  it("an escalating policy raises an escalation that quotes the policy and the word that matched", () => {
    const d = decideBeforeDrafting({ asksForHuman: false, matches: [tone, legal] });
    expect(d).toMatchObject({ kind: "attention", type: "escalation" });
    const reason = d?.kind === "attention" ? d.reason : null;
    // The sidebar names the policy once, from code and parameters; the English text quotes the rule.
    expect(reason).toMatchObject({ code: "policy_escalate", params: { policy: "Legal", keyword: "lawyer" } });
    expect(reason?.text).toContain("Anything legal goes to the legal team.");
  });

  it("approval and guideline policies do not stop drafting; neither does no match", () => {
    expect(decideBeforeDrafting({ asksForHuman: false, matches: [refunds, tone] })).toBeNull();
    expect(decideBeforeDrafting({ asksForHuman: false, matches: [] })).toBeNull();
  });
});

describe("decideAfterDrafting", () => {
  it("the drafter saying the customer wants a person raises human_requested, whatever else holds", () => {
    for (const autonomy of ["auto", "draft_only"] as const) {
      expect(decideAfterDrafting({ proposal: wantsHuman, matches: [refunds], autonomy })).toMatchObject({
        kind: "attention",
        type: "human_requested",
        reason: { code: "asked_for_person" },
      });
    }
  });

  it("an approval policy without a draft still raises approval_required, with both reasons", () => {
    const d = decideAfterDrafting({ proposal: noAnswer, matches: [tone, refunds], autonomy: "auto" });
    expect(d).toMatchObject({ kind: "attention", type: "approval_required" });
    const reason = d.kind === "attention" ? d.reason : null;
    expect(reason).toMatchObject({
      code: "policy_approval_no_draft",
      params: { policy: "Refunds", keyword: "refund", detail: noAnswer.reason },
    });
    expect(reason?.text).toContain("Refunds over 100 EUR need a supervisor.");
    expect(reason?.text).toContain(noAnswer.reason);
  });

  it("no draft and no approval policy: validation_failed with the drafter's reason", () => {
    expect(decideAfterDrafting({ proposal: noAnswer, matches: [tone], autonomy: "auto" })).toEqual({
      kind: "attention",
      type: "validation_failed",
      reason: { code: "no_confident_answer", params: { detail: noAnswer.reason }, text: noAnswer.reason },
    });
  });

  it("no draft, with the entries that came closest: they are named for the agent", () => {
    const closest = [{ id: 3, question: "Can I return furniture?" }];
    const d = decideAfterDrafting({ proposal: { ...noAnswer, closest }, matches: [], autonomy: "auto" });
    expect(d).toMatchObject({
      type: "validation_failed",
      reason: { code: "no_confident_answer_closest", params: { closest: "“Can I return furniture?” (#3)" } },
    });
  });

  it("an approval policy holds the draft (body and citations kept) even on an auto ticket", () => {
    const d = decideAfterDrafting({ proposal: reply, matches: [refunds], autonomy: "auto" });
    expect(d).toMatchObject({ kind: "hold", body: reply.body, citations: [4, 9] });
    expect(d.kind === "hold" && d.reason).toMatchObject({
      code: "policy_approval",
      params: { policy: "Refunds" },
    });
  });

  it("draft_only holds every draft for approval", () => {
    const d = decideAfterDrafting({ proposal: reply, matches: [], autonomy: "draft_only" });
    expect(d).toMatchObject({ kind: "hold", body: reply.body, citations: [4, 9] });
    expect(d.kind === "hold" && d.reason).toMatchObject({ code: "draft_only" });
  });

  it("auto sends a validated draft as drafted, guidelines notwithstanding", () => {
    expect(decideAfterDrafting({ proposal: reply, matches: [], autonomy: "auto" })).toEqual({
      kind: "send",
      body: reply.body,
      citations: [4, 9],
    });
    expect(decideAfterDrafting({ proposal: reply, matches: [tone], autonomy: "auto" }).kind).toBe("send");
  });
});
