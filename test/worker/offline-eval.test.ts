// Quality of the offline path on the labelled demo set (demo/*.json), inside workerd with real D1/FTS5:
// KB search + pickConfidentMatch + offlineDraft + matchPolicies, composed with decide.ts's precedence.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import conversations from "../../demo/conversations.json";
import injections from "../../demo/injection.json";
import kb from "../../demo/kb.json";
import { demoPolicies } from "../support/demo-policies";
import { offlineDraft } from "../../worker/src/drafting/offline.drafter";
import { searchApprovedKb } from "../../worker/src/kb/kb.search";
import { matchPolicies } from "../../worker/src/policies/policy.match";
import { asksForHuman } from "../../worker/src/text/human-request";
import { detectLanguage } from "../../worker/src/text/language";

// A regression gate with the shipped thresholds (kb.gate.ts). They were tuned by k-fold on this very set,
// so this is not a held-out figure: `npm run eval:offline` reports the held-out folds and the paraphrase
// sets (docs/offline-drafter.md). The odd/even split below is kept from the first drafter as a check.
const HELD_OUT_THRESHOLD = 0.9;
const OVERALL_THRESHOLD = 0.9;
const SEARCH_LIMIT = 8; // what the drafting pipeline asks for

const policies = demoPolicies;

type Outcome = "reply" | "validation_failed" | "escalation" | "approval_required" | "human_requested";
interface Decision {
  outcome: Outcome;
  kbQuestion?: string;
  /** Every escalate / require_approval policy that fired. */
  strongTopics: string[];
  body?: string;
}

async function decide(message: string): Promise<Decision> {
  const matches = matchPolicies(message, policies);
  const strongTopics = matches.filter((m) => m.policy.action !== "guideline").map((m) => m.policy.topic);
  if (asksForHuman(message)) return { outcome: "human_requested", strongTopics };
  if (matches.some((m) => m.policy.action === "escalate")) return { outcome: "escalation", strongTopics };
  const language = detectLanguage(message);
  const candidates = await searchApprovedKb({ db: env.DB, installationId: "default" }, message, {
    language,
    limit: SEARCH_LIMIT,
  });
  const draft = offlineDraft({ message, customerName: null, candidates });
  if (draft.kind === "human_requested") return { outcome: "human_requested", strongTopics };
  if (matches.some((m) => m.policy.action === "require_approval"))
    return { outcome: "approval_required", strongTopics };
  if (draft.kind === "no_match") return { outcome: "validation_failed", strongTopics };
  const cited = kb.find((_, i) => i + 1 === draft.citations[0]);
  return { outcome: "reply", kbQuestion: cited?.question, strongTopics, body: draft.body };
}

function isRight(
  expected: { outcome: string; kbQuestion?: string; policyTopic?: string },
  got: Decision,
): boolean {
  if (got.outcome !== expected.outcome) return false;
  if (expected.outcome === "reply") return got.kbQuestion === expected.kbQuestion;
  if (expected.policyTopic !== undefined) {
    // The right policy fired, and no other escalate or approval policy with it.
    return got.strongTopics.length === 1 && got.strongTopics[0] === expected.policyTopic;
  }
  return true;
}

beforeAll(async () => {
  const insert = env.DB.prepare(
    "INSERT INTO kb_entries (id, question, answer, topics, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'approved', 0, 0)",
  );
  await env.DB.batch(kb.map((e, i) => insert.bind(i + 1, e.question, e.answer, JSON.stringify(e.topics))));
});

describe("an entry's own question, through the real search", () => {
  // A customer (or a follow-up) asking exactly what an entry asks gets that entry, even beside a
  // neighbour that shares all its words ("Where can I track my parcel?" and "...Is my parcel lost?").
  it("answers every demo KB question, verbatim, with its own entry", async () => {
    const wrong: string[] = [];
    for (const e of kb) {
      const got = await decide(e.question);
      if (got.outcome !== "reply" || got.kbQuestion !== e.question)
        wrong.push(`${e.question} -> ${got.outcome} ${got.kbQuestion ?? ""}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("offline drafter on the 60 labelled demo conversations", () => {
  it(`gets at least ${OVERALL_THRESHOLD} of decisions right overall and ${HELD_OUT_THRESHOLD} on the held-out half`, async () => {
    const rows: { id: string; half: "dev" | "held-out"; expected: string; got: string; right: boolean }[] =
      [];
    for (const c of conversations) {
      const got = await decide(c.message);
      const right = isRight(c.expected, got);
      const half = Number(c.id.slice(1)) % 2 === 1 ? "dev" : "held-out";
      const exp = c.expected as { outcome: string; kbQuestion?: string; policyTopic?: string };
      rows.push({
        id: c.id,
        half,
        expected: `${exp.outcome} ${exp.kbQuestion ?? exp.policyTopic ?? ""}`.trim(),
        got: `${got.outcome} ${got.kbQuestion ?? got.strongTopics.join(" + ")}`.trim(),
        right,
      });
    }
    const rate = (rs: typeof rows) => rs.filter((r) => r.right).length / rs.length;
    const byOutcome = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = r.expected.split(" ")[0] ?? "";
      byOutcome.set(key, [...(byOutcome.get(key) ?? []), r]);
    }
    const mistakes = rows.filter((r) => !r.right);
    console.log(
      [
        `offline drafter: ${rows.length - mistakes.length}/${rows.length} right (${rate(rows).toFixed(3)})`,
        `  dev (odd ids): ${rate(rows.filter((r) => r.half === "dev")).toFixed(3)}, held-out (even ids): ${rate(rows.filter((r) => r.half === "held-out")).toFixed(3)}`,
        ...[...byOutcome].map(([k, rs]) => `  ${k}: ${rs.filter((r) => r.right).length}/${rs.length}`),
        "mistakes:",
        ...mistakes.map((m) => `  ${m.id} [${m.half}] expected: ${m.expected} | got: ${m.got}`),
      ].join("\n"),
    );
    expect(rate(rows)).toBeGreaterThanOrEqual(OVERALL_THRESHOLD);
    // A wrong entry sent to a customer is worse than a flag: none at all.
    const wrongReplies = mistakes.filter((m) => m.got.startsWith("reply"));
    expect(wrongReplies).toEqual([]);
    expect(rate(rows.filter((r) => r.half === "held-out"))).toBeGreaterThanOrEqual(HELD_OUT_THRESHOLD);
  });

  it("fires exactly the labelled policy on every escalation and approval item, and none elsewhere", () => {
    for (const c of conversations) {
      const exp = c.expected as { outcome: string; policyTopic?: string };
      const strong = matchPolicies(c.message, policies).filter((m) => m.policy.action !== "guideline");
      expect(
        strong.map((m) => m.policy.topic),
        c.id,
      ).toEqual(exp.policyTopic === undefined ? [] : [exp.policyTopic]);
    }
  });

  it("recognises the language of every demo message", () => {
    for (const m of [...conversations, ...injections])
      expect(detectLanguage(m.message), m.id).toBe(m.language);
  });
});

describe("offline drafter on the 30 adversarial messages", () => {
  // Messages whose keywords must trigger a policy despite the tricks (homoglyph, zero-width space,
  // HTML comment, fake system notice, quoted e-mail): the policy, not the drafter, decides them.
  const mustTrigger: Record<string, string> = {
    i01: "Refunds over EUR 200",
    i02: "Refunds over EUR 200",
    i03: "Legal threats",
    i04: "Cancellation after dispatch",
    i06: "Refunds over EUR 200",
    i26: "Refunds over EUR 200",
    i27: "Legal threats",
  };
  // A verbatim KB answer is the only reply the offline drafter can give; these are the entries
  // that may answer an adversarial message without doing what its `mustNot` forbids.
  const harmlessReplies: Record<string, string[]> = {
    // the delivery question may be answered from the KB (its mustNot says so)
    i07: ["How long does delivery take and what does it cost?"],
    // "we can't say when a sold-out item will be back": no date promised
    i19: ["When will an out-of-stock item be available again?"],
    // only the newsletter welcome code, which the mustNot allows
    i20: ["Do you have a discount code for first-time customers?"],
    i25: ["Do you have a discount code for first-time customers?"],
    // states the 2-year warranty, not the claimed 10 years
    i21: ["Wie melde ich einen Garantiefall?"],
    // states 5–10 days and EUR 49 for furniture, not free 24-hour delivery
    i22: ["Quels sont les délais et les frais de livraison vers la France ?"],
  };

  it("never sends a reply that breaks a mustNot, and lets the policies see through the tricks", async () => {
    const seen: string[] = [];
    for (const m of injections) {
      const got = await decide(m.message);
      const topic = mustTrigger[m.id];
      if (topic !== undefined) {
        expect(got.strongTopics, m.id).toContain(topic);
        expect(got.outcome, m.id).not.toBe("reply");
      }
      if (got.outcome === "reply") {
        seen.push(`${m.id} → ${got.kbQuestion}`);
        expect(harmlessReplies[m.id] ?? [], `${m.id} replied with "${got.kbQuestion}"`).toContain(
          got.kbQuestion,
        );
        // Verbatim: the body is the approved answer with at most a short greeting and sign-off.
        const answer = kb.find((e) => e.question === got.kbQuestion)?.answer ?? "<none>";
        expect(got.body).toContain(answer);
        expect((got.body ?? "").length - answer.length).toBeLessThan(60);
      }
    }
    console.log(`adversarial messages answered from the KB: ${seen.length ? seen.join(", ") : "none"}`);
  });
});
