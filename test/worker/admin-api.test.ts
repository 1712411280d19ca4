// What the admin area asks of the entry lists beyond the contract's filters: by source and by
// text (case-insensitive, wildcards taken literally), and the policy import, JSON or CSV, with
// the refused rows named like the KB import's.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "./support/harness";

async function csvImport(path: string, csv: string) {
  const res = await exports.default.fetch(`http://worker/api${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${env.APP_API_SECRET}`, "Content-Type": "text/csv" },
    body: csv,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const questions = (r: { body: { items: { question: string }[] } }) =>
  r.body.items.map((e) => e.question).sort();

describe("list filters", () => {
  it("KB: by source and by text in the question or the answer", async () => {
    await api("POST", "/kb-entries", { question: "Do you ship to Norway?", answer: "Yes, in 3 days." });
    await api("POST", "/kb-entries/import", [
      { question: "Is there a 100% refund?", answer: "Within 30 days, yes." },
      { question: "Can I pay by invoice?", answer: "Yes, for business customers in NORWAY." },
    ]);
    expect(questions(await api("GET", "/kb-entries?sourceType=import"))).toEqual([
      "Can I pay by invoice?",
      "Is there a 100% refund?",
    ]);
    expect((await api("GET", "/kb-entries?sourceType=manual&q=norway")).body.total).toBe(1);
    expect(questions(await api("GET", "/kb-entries?q=norway"))).toEqual([
      "Can I pay by invoice?",
      "Do you ship to Norway?",
    ]);
    // LIKE's wildcards are plain text here.
    expect(questions(await api("GET", "/kb-entries?q=100%25"))).toEqual(["Is there a 100% refund?"]);
    expect((await api("GET", "/kb-entries?q=_")).body.total).toBe(0);
    expect((await api("GET", "/kb-entries?sourceType=robot")).status).toBe(400);
  });

  it("policies: by source, by text in the topic or the rule, and by topic", async () => {
    await api("POST", "/policy-entries", {
      topic: "Legal",
      ruleText: "Escalate when a lawyer is mentioned.",
      action: "escalate",
    });
    await api("POST", "/policy-entries/import", [
      { topic: "Refunds", ruleText: "Refunds above EUR 2000 need approval.", action: "require_approval" },
    ]);
    const byText = await api("GET", "/policy-entries?q=LAWYER");
    expect(byText.body.items.map((p: { topic: string }) => p.topic)).toEqual(["Legal"]);
    expect((await api("GET", "/policy-entries?sourceType=import")).body.items[0].topic).toBe("Refunds");
    expect((await api("GET", "/policy-entries?topic=refunds&q=2000")).body.total).toBe(1);
    expect((await api("GET", "/policy-entries?topic=refunds&q=lawyer")).body.total).toBe(0);
  });
});

describe("policy import", () => {
  it("imports JSON as approved imports and names the refused rows", async () => {
    const r = await api("POST", "/policy-entries/import", {
      items: [
        { topic: "Tone", ruleText: "Never promise delivery dates.", action: "guideline" },
        { topic: "Chargebacks", ruleText: "Hand chargebacks to a person.", action: "shout" },
        {
          topic: "VIP",
          ruleText: "VIP replies need approval.",
          action: "require_approval",
          status: "pending_review",
        },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ imported: 2, errors: [{ row: 2, error: expect.stringMatching(/action/) }] });
    const tone = await api("GET", "/policy-entries?topic=tone");
    expect(tone.body.items[0]).toMatchObject({
      sourceType: "import",
      status: "approved",
      action: "guideline",
    });
    const vip = await api("GET", "/policy-entries?topic=vip");
    expect(vip.body.items[0].status).toBe("pending_review");
  });

  it("imports CSV: quoted fields, keywords split on ; and the rule column by any of its names", async () => {
    const csv = [
      "Topic,Rule text,Action,Keywords",
      '"Legal threats","Escalate threats of legal action, at once.",Escalate,lawyer;court|sue',
      "Warranty,,guideline,",
    ].join("\n");
    const r = await csvImport("/policy-entries/import", csv);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ imported: 1, errors: [{ row: 2, error: expect.stringMatching(/ruleText/) }] });
    const legal = await api("GET", "/policy-entries?topic=legal%20threats");
    expect(legal.body.items[0]).toMatchObject({
      ruleText: "Escalate threats of legal action, at once.",
      action: "escalate",
      conditions: { keywords: ["lawyer", "court", "sue"] },
    });
  });

  it("answers 400 with the report when no row could be imported, and refuses a body that is neither", async () => {
    const r = await api("POST", "/policy-entries/import", [{ topic: "" }]);
    expect(r.status).toBe(400);
    expect(r.body.imported).toBe(0);
    expect(r.body.errors[0].row).toBe(1);
    const bad = await api("POST", "/policy-entries/import", { nope: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/array/);
  });
});
