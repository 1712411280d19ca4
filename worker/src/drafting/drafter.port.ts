// The model port: given the conversation and the approved KB entries that
// matter, propose a reply or say why not. Adapters: the offline drafter (no
// key) and, later, OpenAI. Whatever an adapter returns is validated by the
// pipeline before anything reaches a customer.
import type { PolicyEntry } from "../../../common/api.schema";
import type { Closest } from "../kb/kb.gate";
import type { KbCandidate } from "../kb/kb.search";

export interface ConversationTurn {
  role: "customer" | "agent" | "ai";
  name: string | null;
  body: string;
  isPublic: boolean;
}

export interface DraftRequest {
  ticketId: number;
  /** The customer's unanswered messages, joined: what the reply must answer. */
  question: string;
  customerName: string | null;
  language: string;
  conversation: ConversationTurn[];
  candidates: KbCandidate[];
  policies: PolicyEntry[];
  brandTone: string;
  /** Set when a previous attempt failed validation: what to fix. */
  revision?: { previousDraft: string; problems: string[] } | null;
}

export type DraftProposal =
  | { kind: "reply"; body: string; citations: number[] }
  /** `closest`: the approved entries that came nearest, best first (what the KB lacks), when known. */
  | { kind: "no_answer"; reason: string; closest?: Closest[] }
  | { kind: "escalate"; reason: string }
  | { kind: "human_requested"; reason: string }
  /** No usable reply: the model's answer did not fit the schema, or no draft passed validation. */
  | { kind: "invalid"; reason: string };

export interface Drafter {
  readonly name: string;
  /** The same request always gives the same proposal (no point asking again). */
  readonly deterministic?: boolean;
  draft(req: DraftRequest): Promise<DraftProposal>;
}
