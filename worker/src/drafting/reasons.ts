// Why the AI did what it did, as `Reason`s: a code the sidebar translates, its
// parameters, and the English sentence integrators read in `reason`. One
// builder per reason, so a code and its English never drift apart. Pure.
import type { PolicyEntry } from "../../../common/api.schema";
import type { Reason } from "../tickets/ticket.record";

const reason = (code: string, params: Record<string, string>, text: string): Reason => ({
  code,
  params,
  text,
});

export const reasons = {
  askedForPerson: () => reason("asked_for_person", {}, "The customer asked to talk to a person."),

  policyEscalate: (p: PolicyEntry, keyword: string) =>
    reason(
      "policy_escalate",
      { policy: p.topic, keyword },
      `Policy "${p.topic}" (matched "${keyword}"): ${p.ruleText}`,
    ),

  aiEscalated: (detail: string) =>
    reason("ai_escalated", { detail }, `The AI says a person must handle this: ${detail}`),

  noConfidentAnswer: (detail: string, closest: readonly { id: number; question: string }[] = []) =>
    reason(
      closest.length ? "no_confident_answer_closest" : "no_confident_answer",
      closest.length
        ? { closest: closest.map((c) => `“${c.question}” (#${c.id})`).join(", "), detail }
        : { detail },
      detail,
    ),

  draftInvalid: (detail: string) => reason("draft_invalid", { detail }, detail),

  policyApproval: (p: PolicyEntry, keyword: string) =>
    reason(
      "policy_approval",
      { policy: p.topic, keyword },
      `Policy "${p.topic}" (matched "${keyword}"): ${p.ruleText}`,
    ),

  policyApprovalNoDraft: (p: PolicyEntry, keyword: string, detail: string) =>
    reason(
      "policy_approval_no_draft",
      { policy: p.topic, keyword, detail },
      `Policy "${p.topic}" (matched "${keyword}"): ${p.ruleText} No draft could be grounded in the knowledge base (${detail}).`,
    ),

  draftOnly: () =>
    reason("draft_only", {}, "This ticket is set to draft only: every reply waits for approval."),

  replyCap: (cap: number) =>
    reason(
      "reply_cap",
      { cap: String(cap) },
      `The AI already sent ${cap} replies on this ticket in the last hour (the reply cap): a person takes it from here.`,
    ),

  aiError: (attempts: number, detail: string) =>
    reason(
      "ai_error",
      { attempts: String(attempts), detail },
      `The AI could not run after ${attempts} attempts: ${detail}`,
    ),

  solveRefused: () =>
    reason(
      "solve_refused",
      {},
      "Zendesk refused to solve the ticket: the account requires fields to be filled in. Solve it in Zendesk.",
    ),

  disconnected: () =>
    reason(
      "disconnected",
      {},
      "The installation is disconnected from Zendesk: the AI could not read or answer. An admin must connect it again.",
    ),

  unsafeReply: () => reason("unsafe_reply", {}, "The reply held a placeholder or a secret; it was not sent."),
};
