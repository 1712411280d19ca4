// What the AI does with a customer's unanswered text: person requested or
// escalating policy first, then a validated draft (up to three attempts),
// then policies and autonomy. Used by the pipeline and by the evaluations,
// so what is measured is what runs.
import type { Autonomy, PolicyEntry } from "../../../common/api.schema";
import { matchPolicies } from "../policies/policy.match";
import type { Services } from "../services";
import { asksForHuman } from "../text/human-request";
import { detectLanguage } from "../text/language";
import { type Decision, decideAfterDrafting, decideBeforeDrafting } from "./decide";
import { draftValidated } from "./draft.attempts";
import type { ConversationTurn } from "./drafter.port";
import type { KbCandidate } from "../kb/kb.search";

/** How many approved KB entries the drafter sees. */
export const KB_CANDIDATES = 8;

/** A KB search run ahead (in the batch that took the message in), for the question it searched. */
export interface SearchedKb {
  text: string;
  language: string;
  found: KbCandidate[];
}

/** The search the decision will run for `question`, as a read for a batch (null: nothing to search). */
export function searchAhead(s: Pick<Services, "kbIndex">, question: string) {
  const language = detectLanguage(question);
  const query = s.kbIndex.searchQuery?.(question, { language, limit: KB_CANDIDATES }) ?? null;
  return query ? { query, text: question, language } : null;
}

export async function decideForMessages(
  s: Pick<Services, "policies" | "kbIndex" | "drafter">,
  input: {
    ticketId: number;
    question: string;
    customerName: string | null;
    conversation: ConversationTurn[];
    autonomy: Autonomy;
    brandTone: string;
    /** The approved policies, when the caller already read them. */
    policies?: PolicyEntry[];
    /** A KB search the caller already ran; used only if it searched this very question. */
    searched?: SearchedKb;
  },
): Promise<Decision & { citations?: number[] }> {
  const { question } = input;
  const language = detectLanguage(question);
  const policies = input.policies ?? (await s.policies.approved());
  const matches = matchPolicies(question, policies);
  const early = decideBeforeDrafting({ asksForHuman: asksForHuman(question), matches });
  if (early) return early;
  const candidates =
    input.searched && input.searched.text === question && input.searched.language === language
      ? input.searched.found
      : await s.kbIndex.search(question, { language, limit: KB_CANDIDATES });
  const drafted = await draftValidated(
    s.drafter,
    {
      ticketId: input.ticketId,
      question,
      customerName: input.customerName,
      language,
      conversation: input.conversation,
      candidates,
      // The policies that apply: those the customer's words match, and those without keywords.
      policies: policies.filter(
        (p) => matches.some((m) => m.policy.id === p.id) || !p.conditions.keywords?.length,
      ),
      brandTone: input.brandTone,
    },
    {
      allPolicies: policies,
      internalNotes: input.conversation.filter((t) => !t.isPublic).map((t) => t.body),
    },
  );
  return decideAfterDrafting({
    proposal: drafted.proposal,
    matches: drafted.replyMatch ? [...matches, drafted.replyMatch] : matches,
    autonomy: input.autonomy,
  });
}
