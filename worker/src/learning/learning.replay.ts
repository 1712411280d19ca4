// Proof per proposal: replay the ticket that produced it with the proposal
// approved, through the same decision the pipeline makes (decideForMessages:
// policies, retrieval, the drafter, validation), and say whether the AI would
// then have answered instead of handing it to a person. A policy is replayed
// by matching: would it have caught the message? Nothing is sent or stored
// here; a replay that cannot run says so (`not_run`).
import type { Evidence } from "../../../common/api.schema";
import { decideForMessages } from "../drafting/decision.service";
import type { ConversationTurn } from "../drafting/drafter.port";
import type { KnowledgeIndex } from "../kb/knowledge.index";
import { matchPolicies } from "../policies/policy.match";
import type { Services } from "../services";
import type { HumanStep, KbProposal, LearningInput, LearningTurn, PolicyProposal } from "./learning.port";

type Replay = NonNullable<Evidence["replay"]>;

/** The turns a proposal is about, the conversation before them, and the person's step that followed. */
export function exchangeOf(input: LearningInput, commentIds: readonly number[]) {
  const asked = input.turns.filter((t) => commentIds.includes(t.commentId));
  const first = asked[0];
  const last = asked.at(-1);
  if (!first || !last) return null;
  const before = input.turns.filter(
    (t) => t.at < first.at || (t.at === first.at && t.commentId < first.commentId),
  );
  const nextCustomer = input.turns.find(
    (t) => t.role === "customer" && t.isPublic && t.at > last.at && !commentIds.includes(t.commentId),
  );
  const until = nextCustomer?.at ?? Number.POSITIVE_INFINITY;
  const steps = input.steps.filter((s) => s.at >= first.at && s.at < until);
  return { asked, before, steps, until };
}

const toConversation = (turns: readonly LearningTurn[]): ConversationTurn[] =>
  turns.map((t) => ({ role: t.role, name: t.name, body: t.body, isPublic: t.isPublic }));

const sparedBy = (steps: readonly HumanStep[]) => {
  const step = steps.find((s) => s.kind === "take_over") ?? steps[0];
  return step ? { kind: step.kind, id: step.id } : null;
};

/** Replays the customer's question with the stored proposal `entryId` searchable as if approved. */
export async function replayKb(
  s: Pick<Services, "policies" | "kbIndex" | "drafter" | "settings">,
  input: LearningInput,
  proposal: KbProposal,
  entryId: number,
): Promise<Replay> {
  const exchange = exchangeOf(input, proposal.commentIds);
  if (!exchange)
    return { verdict: "not_run", detail: "The customer's message is no longer stored.", spared: null };
  // As if approved: the proposal searchable, and the entry it replaces archived.
  const index: KnowledgeIndex = {
    search: async (text, opts) =>
      (await s.kbIndex.search(text, { ...opts, include: [entryId] })).filter((c) => c.id !== proposal.replacesId),
  };
  const settings = await s.settings.get();
  try {
    const decision = await decideForMessages(
      { policies: s.policies, kbIndex: index, drafter: s.drafter },
      {
        ticketId: input.ticketId,
        question: exchange.asked.map((t) => t.body).join("\n\n"),
        customerName: exchange.asked[0]?.name ?? null,
        conversation: toConversation(exchange.before),
        autonomy: "auto",
        brandTone: settings.brandTone,
      },
    );
    const spared = sparedBy(exchange.steps);
    if (decision.kind === "attention") {
      return { verdict: "still_flagged", detail: decision.reason.text, spared: null };
    }
    if (!decision.citations.includes(entryId)) {
      return {
        verdict: "still_flagged",
        detail: "The AI would answer from other entries, not from this one.",
        spared: null,
      };
    }
    return {
      verdict: "would_answer",
      detail: decision.kind === "hold" ? `Held for approval: ${decision.reason.text}` : null,
      spared,
    };
  } catch (e) {
    return {
      verdict: "not_run",
      detail: `The replay could not run: ${e instanceof Error ? e.message : "unknown error"}`,
      spared: null,
    };
  }
}

/** Would the proposed policy have caught the customer's message? */
export function replayPolicy(input: LearningInput, proposal: PolicyProposal): Replay {
  const exchange = exchangeOf(input, proposal.commentIds);
  if (!exchange)
    return { verdict: "not_run", detail: "The customer's message is no longer stored.", spared: null };
  if (proposal.action === "guideline") {
    return {
      verdict: "not_run",
      detail: "A guideline guides the drafter; it decides nothing to replay.",
      spared: null,
    };
  }
  const rule = {
    status: "approved" as const,
    action: proposal.action,
    conditions: { keywords: proposal.keywords },
  };
  const text = exchange.asked.map((t) => t.body).join("\n\n");
  const [match] = matchPolicies(text, [rule]);
  if (!match)
    return { verdict: "not_caught", detail: "None of its keywords is in the message.", spared: null };
  return {
    verdict: "would_flag",
    detail: `It matches “${match.keyword}”: the AI would have handed the ticket to a person at once.`,
    spared: sparedBy(exchange.steps),
  };
}
