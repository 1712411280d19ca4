// A learner's proposal made fit for review, or refused: names, greetings and
// signatures out, lengths bounded, a KB answer grounded in what a person wrote
// publicly on the ticket (a customer cannot dictate the KB through the model),
// an update only of an entry the AI cited; and the evidence a reviewer reads.
// Pure.
import type { Evidence } from "../../../common/api.schema";
import { contentStems } from "../text/features";
import { detectLanguage } from "../text/language";
import { cleanForKb, stripNames } from "./learning.clean";
import { exchangeOf } from "./learning.replay";
import type { KbProposal, LearningInput, PolicyProposal, Proposal } from "./learning.port";

/** Share of a KB answer's content words that a person's public replies on the ticket must hold. */
export const GROUNDING = 0.6;
const EXCERPT_LINES = 8;
const EXCERPT_CHARS = 400;

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
const bounded = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Topics and keywords: trimmed, distinct, short, at most `max`. */
function terms(list: readonly string[], max: number): string[] {
  const seen = new Map<string, string>();
  for (const raw of list) {
    const t = raw.trim().replace(/\s+/g, " ");
    if (t.length >= 2 && t.length <= 60 && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  }
  return [...seen.values()].slice(0, max);
}

/** How much of `answer` the people's public replies on the ticket say (0..1, by content words). */
export function grounding(answer: string, input: LearningInput): number {
  const said = new Set(
    input.turns
      .filter((t) => t.role === "agent" && t.isPublic)
      .flatMap((t) => contentStems(t.body, detectLanguage(t.body))),
  );
  const words = contentStems(answer, detectLanguage(answer));
  if (words.length === 0) return 0;
  return words.filter((w) => said.has(w)).length / words.length;
}

export type Shaped = { ok: true; proposal: Proposal } | { ok: false; why: string };

export function shapeProposal(p: Proposal, input: LearningInput): Shaped {
  const known = new Set(input.turns.filter((t) => t.role === "customer").map((t) => t.commentId));
  const commentIds = [...new Set(p.commentIds)].filter((id) => known.has(id));
  if (commentIds.length === 0) return { ok: false, why: "it names no customer message of the ticket" };
  return p.kind === "kb" ? shapeKb(p, commentIds, input) : shapePolicy(p, commentIds, input);
}

function shapeKb(p: KbProposal, commentIds: number[], input: LearningInput): Shaped {
  const question = bounded(cleanForKb(p.question, input.people), 2_000);
  const answer = bounded(cleanForKb(p.answer, input.people), 20_000);
  if (question.length < 8 || answer.length < 20) return { ok: false, why: "question or answer too short" };
  if (grounding(answer, input) < GROUNDING) {
    return { ok: false, why: "the answer says what no person wrote on the ticket" };
  }
  const cited = new Set(input.cited.map((e) => e.id));
  return {
    ok: true,
    proposal: {
      ...p,
      question,
      answer,
      topics: terms(p.topics, 5),
      confidence: clamp01(p.confidence),
      motivation: bounded(stripNames(p.motivation, input.people), 1_000),
      replacesId: p.replacesId !== null && cited.has(p.replacesId) ? p.replacesId : null,
      commentIds,
    },
  };
}

function shapePolicy(p: PolicyProposal, commentIds: number[], input: LearningInput): Shaped {
  const topic = bounded(stripNames(p.topic, input.people).trim(), 200);
  const ruleText = bounded(stripNames(p.ruleText, input.people).trim(), 4_000);
  const keywords = terms(p.keywords, 20);
  if (topic.length < 2 || ruleText.length < 10) return { ok: false, why: "no topic or rule" };
  if (keywords.length === 0 && p.action !== "guideline") {
    return { ok: false, why: "a rule that escalates or holds needs keywords to match" };
  }
  return {
    ok: true,
    proposal: {
      ...p,
      topic,
      ruleText,
      keywords,
      confidence: clamp01(p.confidence),
      rationale: bounded(stripNames(p.rationale, input.people), 1_000),
      replacesId: null,
      commentIds,
    },
  };
}

/** The conversation around the proposal, why a person stepped in, and the replay (filled in later). */
export function evidenceFor(p: Proposal, input: LearningInput, replay: Evidence["replay"] = null): Evidence {
  const exchange = exchangeOf(input, p.commentIds);
  const from = exchange?.asked[0]?.at ?? 0;
  const until = exchange?.until ?? Number.POSITIVE_INFINITY;
  const lines = input.turns
    .filter((t) => t.isPublic && t.at >= from && (t.at < until || p.commentIds.includes(t.commentId)))
    .slice(0, EXCERPT_LINES)
    .map((t) => ({ role: t.role, text: bounded(t.body.trim(), EXCERPT_CHARS) }));
  const steps = exchange?.steps ?? [];
  return {
    ticketId: input.ticketId,
    excerpt: lines,
    whyHuman: steps.length ? steps.map((s) => s.text).join(" ") : null,
    steps: steps.map((s) => ({
      kind: s.kind,
      type: s.type,
      code: s.code,
      params: { ...s.params },
      by: s.by,
    })),
    replay,
  };
}
