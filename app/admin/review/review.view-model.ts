// What a proposal shows, as plain values: what it proposes, why, how sure the learning loop
// is, and the evidence behind it (or that the Worker sends none yet). Pure: no DOM, no I/O.
import type { AdminKbEntry, AdminPolicyEntry, Evidence } from "../../../common/admin.schema";
import type { EvidenceStep } from "../../../common/api.schema";
import type { Translate } from "../../i18n/i18n";

export type Proposal =
  | { key: string; kind: "kb"; entry: AdminKbEntry }
  | { key: string; kind: "policy"; entry: AdminPolicyEntry };

export const isProposal = (e: { status: string; sourceType: string }) =>
  e.status === "pending_review" && e.sourceType === "learning_loop";

/** KB and policy proposals together, oldest first (a review queue). */
export function proposalsFrom(
  kb: readonly AdminKbEntry[],
  policies: readonly AdminPolicyEntry[],
): Proposal[] {
  const all: Proposal[] = [
    ...kb.filter(isProposal).map((entry) => ({ key: `kb:${entry.id}`, kind: "kb" as const, entry })),
    ...policies
      .filter(isProposal)
      .map((entry) => ({ key: `policy:${entry.id}`, kind: "policy" as const, entry })),
  ];
  return all.sort((a, b) => a.entry.createdAt.localeCompare(b.entry.createdAt) || a.entry.id - b.entry.id);
}

/** How many wait: the Worker's total when it filtered by source, else what we could see. */
export function waitingCount(
  items: readonly { status: string; sourceType: string }[],
  total: number,
): number {
  const proposals = items.filter(isProposal).length;
  return proposals === items.length ? Math.max(total, proposals) : proposals;
}

export type ConfidenceLevel = "high" | "medium" | "low";

export function confidence(value: number | null): { percent: number; level: ConfidenceLevel } | null {
  if (value === null || !Number.isFinite(value)) return null;
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return { percent, level: percent >= 80 ? "high" : percent >= 50 ? "medium" : "low" };
}

export const motivationOf = (p: Proposal): string | null =>
  (p.kind === "kb" ? p.entry.motivation : p.entry.rationale)?.trim() || null;

export type EvidenceView =
  /** The Worker does not send evidence yet: say so, and still link the source ticket. */
  | { kind: "unavailable"; ticketId: number | null }
  | { kind: "none"; ticketId: number | null }
  | {
      kind: "present";
      ticketId: number;
      excerpt: Evidence["excerpt"];
      /** Why a person stepped in, in the reviewer's language where the Worker sent the steps as data. */
      whyHuman: string | null;
      steps: readonly EvidenceStep[];
      replay: Evidence["replay"];
      /** Every ticket that showed it (a suggested policy that recurred), when more than one. */
      tickets: number[];
    };

export function evidenceOf(p: Proposal): EvidenceView {
  const { evidence, sourceTicketId } = p.entry;
  if (evidence === undefined) return { kind: "unavailable", ticketId: sourceTicketId };
  if (evidence === null) return { kind: "none", ticketId: sourceTicketId };
  return {
    kind: "present",
    ticketId: evidence.ticketId,
    excerpt: evidence.excerpt,
    whyHuman: evidence.whyHuman?.trim() || null,
    steps: evidence.steps ?? [],
    replay: evidence.replay,
    tickets: evidence.tickets && evidence.tickets.length > 1 ? evidence.tickets : [],
  };
}

/** A long excerpt keeps its first and last lines (the question and the answer matter most). */
export function shortExcerpt<T>(lines: readonly T[], max = 6): { head: T[]; hidden: number; tail: T[] } {
  if (lines.length <= max) return { head: [...lines], hidden: 0, tail: [] };
  const head = Math.ceil(max / 2);
  return {
    head: lines.slice(0, head),
    hidden: lines.length - max,
    tail: lines.slice(lines.length - (max - head)),
  };
}

/**
 * One moment a person stepped in, as a sentence in the reviewer's language: "A person took the ticket
 * over (by replying in Zendesk) · Ana", "Escalation: Policy “Legal threats” keeps this for a person…".
 * A reason code this admin area does not know (a newer Worker) leaves the reason out, never shows a key.
 */
export function stepText(step: EvidenceStep, t: Translate): string {
  const reason = step.code ? t(`reason.${step.code}`, step.params) : null;
  const known = reason !== null && reason !== `reason.${step.code}` ? reason : null;
  if (step.kind === "take_over") {
    const head = t("evidence.step.take_over");
    const parts = [known ? `${head} (${known})` : head, step.by].filter(Boolean);
    return parts.join(" · ");
  }
  const type = step.type ? t(`attention.${step.type}`) : t("evidence.step.attention");
  return known ? `${type}: ${known}` : type;
}
