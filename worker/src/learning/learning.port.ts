// The learner port: what a resolved ticket taught, as proposals for an admin to
// review. Adapters: the offline learner (rules, no key) and a model with
// structured outputs. Whatever an adapter proposes is cleaned, checked against
// what the installation already has or rejected, and replayed before anyone
// sees it (learning.service.ts): a learner only suggests.
import type { AttentionType, KbEntry, PolicyAction, PolicyEntry } from "../../../common/api.schema";
import type { Language } from "../text/language";
import type { Disposition } from "../tickets/message.repo";

export interface LearningTurn {
  commentId: number;
  role: "customer" | "agent" | "ai";
  name: string | null;
  body: string;
  isPublic: boolean;
  /** For customer messages: how the AI dealt with it (replied, attention, held). */
  disposition: Disposition;
  at: number;
}

/** A moment a person stepped in: a take over, or an attention item the AI raised. */
export interface HumanStep {
  kind: "take_over" | "attention";
  id: number;
  at: number;
  /** The reason's code (implicit_reply, forced_from, no_confident_answer, policy_escalate, ...). */
  code: string | null;
  /** For attention items. */
  type: AttentionType | null;
  /** The reason's parameters (policy names, counts, entry questions). */
  params: Readonly<Record<string, string>>;
  /** The agent's name on a take over, when known. */
  by: string | null;
  /** The reason as a sentence (English), for the evidence. */
  text: string;
}

export interface LearningInput {
  ticketId: number;
  language: Language;
  /** The conversation in order, internal notes included (a learner decides what to use). */
  turns: LearningTurn[];
  steps: HumanStep[];
  /** Approved KB entries the AI cited on this ticket: an agent's different answer may mean one is outdated. */
  cited: KbEntry[];
  /** Approved policies; a learner proposes none that one of these already covers. */
  policies: PolicyEntry[];
  /** What admins rejected before, with their reasons: never to be proposed again. */
  rejected: { kind: "kb" | "policy"; text: string; reason: string | null }[];
  /** Names of the people on the ticket: never part of a proposal. */
  people: string[];
}

export interface KbProposal {
  kind: "kb";
  question: string;
  answer: string;
  topics: string[];
  confidence: number;
  motivation: string;
  /** An approved entry this one corrects (it is archived when the proposal is approved). */
  replacesId: number | null;
  /** The customer messages it answers. */
  commentIds: number[];
}

export interface PolicyProposal {
  kind: "policy";
  topic: string;
  ruleText: string;
  keywords: string[];
  action: PolicyAction;
  confidence: number;
  rationale: string;
  replacesId: number | null;
  /** The customer messages it is about. */
  commentIds: number[];
  /** Set by a learner that saw evidence, not yet a rule: it becomes a proposal when it recurs. */
  recurrence: { topic: string } | null;
}

export type Proposal = KbProposal | PolicyProposal;

export interface Learner {
  readonly name: string;
  propose(input: LearningInput): Promise<Proposal[]>;
}
