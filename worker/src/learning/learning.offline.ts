// The learner without a model. KB: a customer question the AI could not answer
// and a person answered publicly becomes a proposed entry (question from the
// customer, answer from the person, cleaned). Policies: a person took over
// right after a message about a risk topic (learning.risk.ts) that no approved
// policy caught: evidence, marked to wait until it recurs. Pure.
import { matchPolicies } from "../policies/policy.match";
import { learningCandidates } from "./learning.derive";
import type { Learner, LearningInput, PolicyProposal, Proposal } from "./learning.port";
import { riskTopics } from "./learning.risk";

/** What an offline KB proposal is worth: a person's answer, copied, not yet generalised. */
const KB_CONFIDENCE = 0.6;

export class OfflineLearner implements Learner {
  readonly name = "offline";

  async propose(input: LearningInput): Promise<Proposal[]> {
    return [...kbProposals(input), ...policySignals(input)];
  }
}

function kbProposals(input: LearningInput): Proposal[] {
  return learningCandidates(input.turns, input.people)
    .filter((c) => c.question.length >= 3)
    .map((c) => ({
      kind: "kb",
      question: c.question,
      answer: c.answer,
      topics: [],
      confidence: KB_CONFIDENCE,
      motivation: `On ticket #${input.ticketId} a customer asked this, no approved entry answered it, and a person answered it. Check that the answer holds for every customer before approving.`,
      replacesId: null,
      commentIds: c.commentIds,
    }));
}

/**
 * A customer message about a risk topic that the AI answered or flagged (not one a person already
 * held, not one it escalated), followed by a take over before the customer wrote again.
 */
export function policySignals(input: LearningInput): PolicyProposal[] {
  const out = new Map<string, PolicyProposal>();
  const customer = input.turns.filter((t) => t.role === "customer" && t.isPublic);
  customer.forEach((turn, i) => {
    if (turn.disposition !== "replied" && turn.disposition !== "attention") return;
    const until = customer[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    const after = input.steps.filter((s) => s.at >= turn.at && s.at < until);
    // The AI already handed it to a person for the right reason: nothing was missing.
    if (after.some((s) => s.type === "escalation" || s.type === "human_requested")) return;
    if (!after.some((s) => s.kind === "take_over")) return;
    const caught = matchPolicies(turn.body, input.policies).some((m) => m.policy.action !== "guideline");
    if (caught) return;
    for (const { topic, keyword } of riskTopics(turn.body)) {
      const seen = out.get(topic.key);
      if (seen) {
        if (!seen.keywords.includes(keyword)) seen.keywords.push(keyword);
        seen.commentIds.push(turn.commentId);
        continue;
      }
      out.set(topic.key, {
        kind: "policy",
        topic: topic.topic,
        ruleText: topic.rule,
        keywords: [keyword],
        action: "escalate",
        confidence: 0,
        rationale: `A person took over ticket #${input.ticketId} right after the customer wrote about this ("${keyword}"), and no policy caught it.`,
        replacesId: null,
        commentIds: [turn.commentId],
        recurrence: { topic: topic.key },
      });
    }
  });
  return [...out.values()];
}
