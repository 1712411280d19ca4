// Drafting with validation: ask the drafter, validate the reply, and on
// failure ask again with the validator's reasons, up to three attempts.
// Nothing leaves this function unvalidated.
import type { PolicyEntry } from "../../../common/api.schema";
import type { DraftProposal, DraftRequest, Drafter } from "./drafter.port";
import type { PolicyMatch } from "./decide";
import { buildPrompt } from "./prompt";
import { validateDraft } from "./validate";

export const MAX_DRAFT_ATTEMPTS = 3;

export interface Drafted {
  proposal: DraftProposal;
  /** A require_approval policy the validated reply itself touches. */
  replyMatch: PolicyMatch | null;
  attempts: number;
}

export async function draftValidated(
  drafter: Drafter,
  req: DraftRequest,
  ctx: { allPolicies: readonly PolicyEntry[]; internalNotes: readonly string[] },
): Promise<Drafted> {
  const secrets = [buildPrompt(req).system, ...ctx.internalNotes];
  let revision: DraftRequest["revision"] = null;
  let problems: string[] = [];
  let attempts = 0;
  for (let attempt = 1; attempt <= MAX_DRAFT_ATTEMPTS; attempt++) {
    attempts = attempt;
    const proposal = await drafter.draft({ ...req, revision });
    if (proposal.kind === "invalid") {
      problems = [proposal.reason];
      revision = { previousDraft: "", problems };
      continue;
    }
    if (proposal.kind !== "reply") return { proposal, replyMatch: null, attempts: attempt };
    const checked = validateDraft({
      reply: proposal.body,
      citations: proposal.citations,
      language: req.language,
      candidates: req.candidates,
      policies: ctx.allPolicies,
      customerText: req.question,
      secrets,
    });
    if (checked.ok) {
      const touched = checked.value.needsApproval;
      const policy = touched ? ctx.allPolicies.find((p) => p.topic === touched.topic) : undefined;
      return {
        proposal: { kind: "reply", body: checked.value.body, citations: checked.value.citations },
        replyMatch: policy && touched ? { policy, keyword: touched.keyword } : null,
        attempts: attempt,
      };
    }
    problems = checked.error;
    // A deterministic drafter (the offline one) gives the same draft again: asking is pointless.
    if (drafter.deterministic) break;
    revision = { previousDraft: proposal.body, problems };
  }
  return {
    proposal: {
      kind: "invalid",
      reason: `No draft passed validation after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${problems.join(" ")}`,
    },
    replyMatch: null,
    attempts,
  };
}
