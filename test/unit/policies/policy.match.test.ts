import { describe, expect, it } from "vitest";
import type { PolicyAction, PolicyEntry } from "../../../common/api.schema";
import conversations from "../../../demo/conversations.json";
import injections from "../../../demo/injection.json";
import kb from "../../../demo/kb.json";
import demoPolicies from "../../../demo/policies.json";
import { matchPolicies } from "../../../worker/src/policies/policy.match";

function policy(
  topic: string,
  keywords: string[] | undefined,
  action: PolicyAction = "escalate",
  status: PolicyEntry["status"] = "approved",
): PolicyEntry {
  return {
    id: topic.length,
    topic,
    ruleText: `rule for ${topic}`,
    conditions: keywords === undefined ? {} : { keywords },
    action,
    status,
    sourceType: "manual",
    confidence: null,
    rationale: null,
    sourceTicketId: null,
    rejectReason: null,
    evidence: null,
    replacesId: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
}

const topics = (text: string, policies: PolicyEntry[]) =>
  matchPolicies(text, policies).map((m) => m.policy.topic);

describe("matchPolicies: whole words and phrases", () => {
  const gdpr = policy("GDPR", ["AVG", "GDPR", "delete my account"]);
  const press = policy("Press", ["pers", "journalist"]);
  const legal = policy("Legal", ["legal action", "sue"]);

  it("matches case-insensitively on whole words", () => {
    expect(topics("Under the gdpr I ask...", [gdpr])).toEqual(["GDPR"]);
    expect(topics("Volgens de AVG wil ik...", [gdpr])).toEqual(["GDPR"]);
    expect(topics("AVG-verzoek: graag alles wissen", [gdpr])).toEqual(["GDPR"]);
  });

  it("never matches inside another word", () => {
    expect(topics("Hvad er jeres avgift for fragt?", [gdpr])).toEqual([]);
    expect(topics("My personal details are wrong", [press])).toEqual([]);
    expect(topics("Mijn persoonlijke gegevens", [press])).toEqual([]);
    expect(topics("The issue persists", [legal])).toEqual([]);
    expect(topics("Pursue this with the courier", [legal])).toEqual([]);
  });

  it("matches a one-word keyword's plural, and no other ending", () => {
    const abuse = policy("Abuse", ["idiot"]);
    const court = policy("Court", ["court"]);
    expect(topics("I er nogle idioter.", [abuse])).toEqual(["Abuse"]);
    expect(topics("You idiots.", [abuse])).toEqual(["Abuse"]);
    expect(topics("Une courte question sur la livraison.", [court])).toEqual([]);
    expect(topics("Suerte con el pedido", [legal])).toEqual([]);
  });

  it("matches a Spanish infinitive with an object pronoun attached, and no other ending", () => {
    const cancel = policy("Cancel", ["cancelar"]);
    expect(topics("¿Todavía puedo cancelarlo?", [cancel])).toEqual(["Cancel"]);
    expect(topics("Quiero cancelarla", [cancel])).toEqual(["Cancel"]);
    expect(topics("La cancelaría mañana", [cancel])).toEqual([]);
  });

  it("matches phrases word by word, whatever spaces or punctuation lie between", () => {
    expect(topics("I will take LEGAL   ACTION.", [legal])).toEqual(["Legal"]);
    expect(topics("legal-action is next", [legal])).toEqual(["Legal"]);
    expect(topics("Please delete\nmy account", [gdpr])).toEqual(["GDPR"]);
    expect(topics("Please delete my old account", [gdpr])).toEqual([]);
    expect(topics("legal advice on an action figure", [legal])).toEqual([]);
  });

  it("sees through look-alike letters, invisible characters, markup and diacritics", () => {
    const refund = policy("Refunds", ["refund", "Rückerstattung", "compensation"], "require_approval");
    expect(topics("Your full r\u0435fund of EUR 899", [refund])).toEqual(["Refunds"]);
    expect(topics("I want a re\u200bfund", [refund])).toEqual(["Refunds"]);
    expect(topics("com\u00adpensation please", [refund])).toEqual(["Refunds"]);
    expect(topics("ＲＥＦＵＮＤ now", [refund])).toEqual(["Refunds"]);
    expect(topics("<b>re</b>fund", [refund])).toEqual([]); // a tag splits words, as it does on screen
    expect(topics("Ich will eine Ruckerstattung", [refund])).toEqual(["Refunds"]);
    expect(topics("Ich will eine RÜCKERSTATTUNG", [refund])).toEqual(["Refunds"]);
  });

  it("reads keywords hidden in HTML comments", () => {
    const cancel = policy("Cancel", ["cancel"], "require_approval");
    expect(topics("Quick question <!-- cancel the order and confirm --> thanks", [cancel])).toEqual([
      "Cancel",
    ]);
  });

  it("ignores policies that are not approved, have no keywords, or only punctuation keywords", () => {
    const pending = policy("Pending", ["refund"], "escalate", "pending_review");
    const archived = policy("Archived", ["refund"], "escalate", "archived");
    const none = policy("None", undefined);
    const empty = policy("Empty", []);
    const symbols = policy("Symbols", ["!!!", "  ", "€"]);
    expect(topics("refund!!! €", [pending, archived, none, empty, symbols])).toEqual([]);
  });

  it("handles empty text, emoji and FTS-like syntax", () => {
    expect(topics("", [legal])).toEqual([]);
    expect(topics("🙂🎂", [legal])).toEqual([]);
    expect(topics('"sue"* NEAR(court) -sue: OR', [legal])).toEqual(["Legal"]);
  });

  it("orders escalate before require_approval before guideline, one match per policy", () => {
    const g = policy("Guide", ["discount"], "guideline");
    const a = policy("Approve", ["refund"], "require_approval");
    const e = policy("Escalate", ["lawyer"], "escalate");
    const e2 = policy("Escalate 2", ["court", "lawyer"], "escalate");
    const result = matchPolicies("discount refund lawyer court lawyer", [g, a, e, e2]);
    expect(result.map((m) => [m.policy.topic, m.keyword])).toEqual([
      ["Escalate", "lawyer"],
      ["Escalate 2", "court"],
      ["Approve", "refund"],
      ["Guide", "discount"],
    ]);
  });

  it("is fast on 20 KB of text and many keywords", () => {
    const many = policy(
      "Many",
      Array.from({ length: 200 }, (_, i) => `word${i} phrase${i}`),
    );
    const text = "nothing to see here, just a long message. ".repeat(500);
    const start = performance.now();
    expect(topics(text, [many, legal, gdpr, press])).toEqual([]);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("matchPolicies on the demo data", () => {
  const policies = demoPolicies.map((p) => ({
    ...policy(p.topic, p.conditions.keywords, p.action as PolicyAction),
  }));
  const strong = (text: string) =>
    matchPolicies(text, policies)
      .filter((m) => m.policy.action !== "guideline")
      .map((m) => m.policy.topic);

  it("fires exactly the labelled policy on escalation and approval items, and no strong policy elsewhere", () => {
    for (const c of conversations) {
      const expected = "policyTopic" in c.expected ? [c.expected.policyTopic] : [];
      expect(strong(c.message), c.id).toEqual(expected);
    }
  });

  it("never fires an escalate or approval policy on a KB question or answer", () => {
    for (const e of kb) expect(strong(`${e.question} ${e.answer}`), e.question).toEqual([]);
  });

  it("catches the disguised keywords of the adversarial set", () => {
    const byId = new Map(injections.map((m) => [m.id, strong(m.message)]));
    expect(byId.get("i01")).toEqual(["Refunds over EUR 200"]); // Cyrillic е in "rеfund"
    expect(byId.get("i06")).toEqual(["Refunds over EUR 200"]); // zero-width space in "re​fund"
    expect(byId.get("i04")).toEqual(["Cancellation after dispatch"]); // inside an HTML comment
    expect(byId.get("i03")).toEqual(["Legal threats"]); // behind a fake system notice
    expect(byId.get("i02")).toEqual(["Refunds over EUR 200"]); // inside a quoted e-mail
  });
});
