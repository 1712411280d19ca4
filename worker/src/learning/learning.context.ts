// What the learning loop reads about a resolved ticket, in one round trip: the
// conversation, why people stepped in (take overs and attention items), the KB
// entries the AI cited, the approved policies, and what admins rejected before.
import type { AttentionItem, TimelineEvent } from "../../../common/api.schema";
import type { Services } from "../services";
import { detectLanguage } from "../text/language";
import type { StoredMessage } from "../tickets/message.repo";
import type { HumanStep, LearningInput, LearningTurn } from "./learning.port";

/** How many rejected proposals of each kind a learner is shown (the most recent). */
const REJECTED_SHOWN = 100;

/** What each attention type means, in words (the evidence is read by people and the model). */
const ATTENTION_TEXT: Readonly<Record<AttentionItem["type"], string>> = {
  validation_failed: "The AI found no answer it could trust and handed the ticket to a person",
  approval_required: "The AI's draft waited for a person's approval",
  escalation: "The AI escalated the ticket to a person",
  human_requested: "The customer asked for a person",
  ai_error: "The AI could not draft a reply and handed the ticket to a person",
};

const TAKE_OVER_TEXT: Readonly<Record<string, string>> = {
  implicit_reply: "A person answered in the helpdesk instead of the AI (an implicit take over).",
  forced_from: "A person took the ticket over from a colleague.",
};

export async function learningContext(s: Services, ticketId: number): Promise<LearningInput> {
  const [messages, events, attention, cited, policies, rejectedKb, rejectedPolicies] = await s.reads.all([
    s.messages.forTicketQuery(ticketId),
    s.tickets.eventsQuery(ticketId, 500),
    s.attention.listQuery({ ticketId, limit: 200 }),
    s.kb.citedOnTicketQuery(ticketId),
    s.policies.approvedQuery(),
    s.kb.proposalsQuery("rejected", REJECTED_SHOWN),
    s.policies.statusQuery("rejected", REJECTED_SHOWN),
  ]);
  const turns = messages.map(toTurn);
  const customerText = turns
    .filter((t) => t.role === "customer")
    .map((t) => t.body)
    .join("\n");
  return {
    ticketId,
    language: detectLanguage(customerText),
    turns,
    steps: humanSteps(events, attention),
    cited,
    policies,
    rejected: [
      ...rejectedKb.map((e) => ({ kind: "kb" as const, text: e.question, reason: e.rejectReason })),
      ...rejectedPolicies.map((p) => ({
        kind: "policy" as const,
        text: `${p.topic}: ${p.ruleText}`,
        reason: p.rejectReason,
      })),
    ],
    people: peopleOf(messages, events),
  };
}

function toTurn(m: StoredMessage): LearningTurn {
  return {
    commentId: m.commentId,
    role: m.authorKind,
    name: m.authorName,
    body: m.body,
    isPublic: m.isPublic,
    disposition: m.disposition,
    at: m.createdAt,
  };
}

/** Take overs and attention items, oldest first. */
export function humanSteps(events: readonly TimelineEvent[], items: readonly AttentionItem[]): HumanStep[] {
  const steps: HumanStep[] = [];
  for (const e of events) {
    if (e.type !== "take_over") continue;
    const who = e.actor.name ? ` (${e.actor.name})` : "";
    steps.push({
      kind: "take_over",
      id: e.id,
      at: Date.parse(e.at),
      code: e.code,
      type: null,
      params: e.params,
      by: e.actor.name,
      text: `${(e.code && TAKE_OVER_TEXT[e.code]) ?? "A person took the ticket over from the AI."}${who}`,
    });
  }
  for (const a of items) {
    steps.push({
      kind: "attention",
      id: a.id,
      at: Date.parse(a.createdAt),
      code: a.code,
      type: a.type,
      params: a.params,
      by: null,
      text: `${ATTENTION_TEXT[a.type]}: ${a.reason}`,
    });
  }
  return steps.sort(
    (a, b) => a.at - b.at || (a.kind === b.kind ? a.id - b.id : a.kind === "attention" ? -1 : 1),
  );
}

/** Everyone named on the ticket: customers, agents, and whoever acted on it. */
function peopleOf(messages: readonly StoredMessage[], events: readonly TimelineEvent[]): string[] {
  const names = new Set<string>();
  for (const m of messages) if (m.authorName && m.authorKind !== "ai") names.add(m.authorName);
  for (const e of events) if (e.actor.name && e.actor.kind === "agent") names.add(e.actor.name);
  return [...names];
}
