// Scoring of the offline evaluation: one labelled message's decision as right, flagged or wrong, and the
// table per language and per decision type. Pure; printing is the caller's.
import type { Decision } from "../../worker/src/drafting/decide";
import type { Verdict } from "./kfold";

export interface Expected {
  outcome: string;
  kbQuestion?: string;
  policyTopic?: string;
}

/**
 * right: the expected reply, or the expected attention type (with its policy named, for policy items);
 * wrong: a reply that is not the expected one (another entry, or a reply where none was due);
 * flagged: anything else (an attention item or a held draft instead of the expected decision).
 */
export function verdictOf(expected: Expected, d: Decision, idOf: (question: string) => number): Verdict {
  const replied = d.kind === "send" || d.kind === "hold";
  const cites = replied && d.citations.length > 0;
  if (expected.outcome === "reply") {
    if (!cites) return "flagged";
    return expected.kbQuestion !== undefined && d.citations.includes(idOf(expected.kbQuestion))
      ? "right"
      : "wrong";
  }
  if (d.kind === "send") return "wrong";
  const type = d.kind === "hold" ? "approval_required" : d.type;
  if (type !== expected.outcome) return "flagged";
  if (expected.policyTopic !== undefined && d.reason.params.policy !== expected.policyTopic) return "flagged";
  return "right";
}

export interface Row {
  language: string;
  type: string;
  verdict: Verdict;
}

const LANGS = ["en", "de", "fr", "es", "nl", "da"];
const TYPES = ["reply", "validation_failed", "escalation", "approval_required", "human_requested"];

/** A text table: per language and per expected decision type, right / flagged / wrong of n. */
export function table(title: string, rows: readonly Row[]): string {
  const line = (label: string, rs: readonly Row[]) => {
    const count = (v: Verdict) => rs.filter((r) => r.verdict === v).length;
    return `| ${label} | ${rs.length} | ${count("right")} | ${count("flagged")} | ${count("wrong")} |`;
  };
  const out = [`${title}`, "", "| | n | right | flagged | wrong |", "|---|---|---|---|---|"];
  for (const l of LANGS)
    if (rows.some((r) => r.language === l))
      out.push(
        line(
          l,
          rows.filter((r) => r.language === l),
        ),
      );
  for (const t of TYPES)
    if (rows.some((r) => r.type === t))
      out.push(
        line(
          t,
          rows.filter((r) => r.type === t),
        ),
      );
  out.push(line("**all**", rows));
  return out.join("\n");
}
