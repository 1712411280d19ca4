// Validation of a draft before any customer sees it: a pure function. The
// validator, not the prompt, is the guard: whatever the model was talked
// into, a reply passes only if it is grounded in the approved entries it
// cites, obeys the policies, speaks the customer's language and leaks nothing.
import type { PolicyEntry } from "../../../common/api.schema";
import type { KbCandidate } from "../kb/kb.search";
import { matchPolicies } from "../policies/policy.match";
import { detectLanguage } from "../text/language";
import { foldedWords, normalizeText } from "../text/normalize";
import { type Result, err, ok } from "../lib/result";

export const MIN_REPLY_CHARS = 20;
export const MAX_REPLY_CHARS = 4_000;
/** Share of the reply's content words that must come from the cited entries. */
export const MIN_GROUNDED_SHARE = 0.5;
/** Ungrounded words always allowed: a greeting, a name, a sign-off. */
const FREE_WORDS = 8;
const SHINGLE = 6;

export interface ValidationInput {
  reply: string;
  citations: number[];
  language: string;
  /** The approved entries the model was given: the only ones it may cite. */
  candidates: readonly KbCandidate[];
  /** Every approved policy (the validator checks the reply itself against them). */
  policies: readonly PolicyEntry[];
  customerText: string;
  /** Text that must never reach a customer: the system prompt, internal notes. */
  secrets: readonly string[];
}

export interface ValidDraft {
  body: string;
  citations: number[];
  /** A require_approval policy the reply itself touches: hold it for a person. */
  needsApproval: { topic: string; keyword: string } | null;
}

const shingles = (words: readonly string[], n = SHINGLE): Set<string> => {
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(" "));
  return out;
};

/**
 * Facts a customer could act on: amounts and percentages (a number keeps its
 * `%`, so "30%" is not grounded by "30 days"), codes that mix letters and
 * digits (discount codes, order numbers), e-mail addresses and links.
 */
export function facts(text: string): string[] {
  const t = normalizeText(text);
  const numbers = (t.match(/\d+(?:[.,]\d+)*(?:\s?%)?/g) ?? []).map((n) =>
    n.replace(/[.,](?=\d{3}\b)/g, "").replace(/\s/g, ""),
  );
  const codes = (t.match(/\b(?=[\p{L}-]*\d)(?=[\d-]*\p{L})[\p{L}\d]+(?:-[\p{L}\d]+)*\b/gu) ?? []).map((c) =>
    c.replace(/-/g, ""),
  );
  const addresses = (t.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|www\.\S+/g) ?? []).map((a) =>
    a.replace(/[.,;:!?)]+$/, ""),
  );
  return [...numbers, ...codes, ...addresses];
}

export function validateDraft(v: ValidationInput): Result<ValidDraft, string[]> {
  const problems: string[] = [];
  const reply = v.reply.trim();
  if (reply.length < MIN_REPLY_CHARS) problems.push(`The reply is too short (${reply.length} characters).`);
  if (reply.length > MAX_REPLY_CHARS) problems.push(`The reply is too long (${reply.length} characters).`);

  const byId = new Map(v.candidates.map((c) => [c.id, c]));
  const cited = v.citations.map((id) => byId.get(id));
  const unknown = v.citations.filter((id) => !byId.has(id));
  if (v.citations.length === 0) problems.push("The reply cites no approved knowledge-base entry.");
  if (unknown.length)
    problems.push(`It cites entries that are not approved entries it was given: ${unknown.join(", ")}.`);

  const sources = cited.filter((c): c is KbCandidate => c !== undefined);
  const sourceText = sources.map((c) => `${c.question}\n${c.answer}`).join("\n");
  const sourceWords = new Set(foldedWords(sourceText));
  const replyWords = foldedWords(reply);
  if (sources.length) {
    const sourceFacts = new Set(facts(sourceText));
    const invented = [...new Set(facts(reply))].filter((f) => !sourceFacts.has(f));
    if (invented.length) problems.push(`It states facts its sources do not contain: ${invented.join(", ")}.`);
    const content = replyWords.filter((w) => w.length > 3);
    const grounded = content.filter((w) => sourceWords.has(w)).length;
    if (content.length - grounded > FREE_WORDS && grounded / content.length < MIN_GROUNDED_SHARE) {
      problems.push(
        `Only ${Math.round((100 * grounded) / content.length)}% of what it says comes from the entries it cites.`,
      );
    }
  }

  const replyLanguage = detectLanguage(reply);
  if (replyWords.length >= 8 && replyLanguage !== v.language) {
    problems.push(`It is written in ${replyLanguage}, but the customer writes ${v.language}.`);
  }

  // What the reply says beyond its approved sources: only that can leak or be dictated.
  const sourceShingles = shingles(foldedWords(sourceText));
  const ownShingles = [...shingles(replyWords)].filter((x) => !sourceShingles.has(x));
  const repeats = (text: string) => {
    const words = foldedWords(text);
    if (words.length < SHINGLE) return false;
    const theirs = shingles(words);
    return ownShingles.some((x) => theirs.has(x));
  };
  if (v.secrets.some(repeats)) problems.push("It repeats internal text (instructions or internal notes).");
  for (const p of v.policies) {
    if (repeats(p.ruleText)) problems.push(`It quotes the internal policy "${p.topic}".`);
  }
  // A reply that repeats the customer's own sentences was dictated, not drafted.
  const echoed = repeats(v.customerText);
  if (echoed) problems.push("It repeats the customer's own words instead of the approved answer.");

  const touched = matchPolicies(reply, v.policies);
  const escalate = touched.find((m) => m.policy.action === "escalate");
  if (escalate) {
    problems.push(
      `It touches "${escalate.keyword}", which policy "${escalate.policy.topic}" reserves for a person.`,
    );
  }
  if (problems.length) return err(problems);
  const approval = touched.find((m) => m.policy.action === "require_approval");
  return ok({
    body: reply,
    citations: [...new Set(v.citations)],
    needsApproval: approval ? { topic: approval.policy.topic, keyword: approval.keyword } : null,
  });
}
