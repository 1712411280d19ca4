// What the AI does with a customer message: a pure decision over the
// policies that matched, the drafter's proposal and the ticket's autonomy.
// Policies are enforced here, after the model, so no customer text can talk
// the AI past them. No I/O.
import type { AttentionType, Autonomy, PolicyEntry } from "../../../common/api.schema";
import type { Reason } from "../tickets/ticket.record";
import type { DraftProposal } from "./drafter.port";
import { reasons } from "./reasons";

export interface PolicyMatch {
  policy: PolicyEntry;
  keyword: string;
}

export type Decision =
  | { kind: "send"; body: string; citations: number[] }
  | { kind: "hold"; body: string; citations: number[]; reason: Reason }
  | { kind: "attention"; type: AttentionType; reason: Reason };

/** Decisions that need no draft at all: a person asked for, or a policy that escalates. */
export function decideBeforeDrafting(input: {
  asksForHuman: boolean;
  matches: PolicyMatch[];
}): Decision | null {
  if (input.asksForHuman) {
    return { kind: "attention", type: "human_requested", reason: reasons.askedForPerson() };
  }
  const escalate = input.matches.find((m) => m.policy.action === "escalate");
  if (escalate) {
    return {
      kind: "attention",
      type: "escalation",
      reason: reasons.policyEscalate(escalate.policy, escalate.keyword),
    };
  }
  return null;
}

export function decideAfterDrafting(input: {
  proposal: DraftProposal;
  matches: PolicyMatch[];
  autonomy: Autonomy;
}): Decision {
  const { proposal } = input;
  const approval = input.matches.find((m) => m.policy.action === "require_approval");
  if (proposal.kind === "human_requested") {
    return { kind: "attention", type: "human_requested", reason: reasons.askedForPerson() };
  }
  if (proposal.kind === "escalate") {
    return { kind: "attention", type: "escalation", reason: reasons.aiEscalated(proposal.reason) };
  }
  if (proposal.kind === "invalid") {
    return { kind: "attention", type: "validation_failed", reason: reasons.draftInvalid(proposal.reason) };
  }
  if (proposal.kind === "no_answer") {
    // A policy that wants a human on this topic still wants one without a draft.
    if (approval) {
      return {
        kind: "attention",
        type: "approval_required",
        reason: reasons.policyApprovalNoDraft(approval.policy, approval.keyword, proposal.reason),
      };
    }
    return {
      kind: "attention",
      type: "validation_failed",
      reason: reasons.noConfidentAnswer(proposal.reason, proposal.closest),
    };
  }
  if (approval) {
    const reason = reasons.policyApproval(approval.policy, approval.keyword);
    return { kind: "hold", body: proposal.body, citations: proposal.citations, reason };
  }
  if (input.autonomy === "draft_only") {
    return { kind: "hold", body: proposal.body, citations: proposal.citations, reason: reasons.draftOnly() };
  }
  return { kind: "send", body: proposal.body, citations: proposal.citations };
}
