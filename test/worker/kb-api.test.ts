// KB and policy entries through the API: create, list with filters and
// paging, edit, approve, reject, delete; the FTS index follows every change.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "./support/harness";

async function ftsHits(term: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM kb_fts WHERE kb_fts MATCH ?")
    .bind(term)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("KB entries", () => {
  it("create starts approved and manual; list filters by status and topic, with total", async () => {
    const created = await api("POST", "/kb-entries", {
      question: "Do you sell gift cards?",
      answer: "Yes, digital gift cards from EUR 10 to EUR 500.",
      topics: ["payments", "gifts"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "approved",
      sourceType: "manual",
      usageCount: 0,
      topics: ["payments", "gifts"],
    });
    await api("POST", "/kb-entries", {
      question: "Pending thing?",
      answer: "Later.",
      topics: ["misc"],
      status: "pending_review",
    });
    const approved = await api("GET", "/kb-entries?status=approved&topic=gifts");
    expect(approved.body.total).toBe(1);
    expect(approved.body.items[0].question).toBe("Do you sell gift cards?");
    const page = await api("GET", "/kb-entries?limit=1&offset=0");
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBe(2);
    expect((await api("GET", "/kb-entries?limit=0")).status).toBe(400);
  });

  it("edit, approve with edits, reject with a reason, delete; the FTS index follows", async () => {
    const { body: e } = await api("POST", "/kb-entries", {
      question: "Can I pay with Klarna?",
      answer: "Yes, Klarna invoice is available.",
      topics: ["payments"],
    });
    expect(await ftsHits("klarna")).toBe(1);
    const edited = await api("PATCH", `/kb-entries/${e.id}`, {
      answer: "Yes, Klarna paylater is available.",
    });
    expect(edited.body.answer).toBe("Yes, Klarna paylater is available.");
    expect(await ftsHits("paylater")).toBe(1);
    expect(await ftsHits("invoice")).toBe(0);
    const rejected = await api("POST", `/kb-entries/${e.id}/reject`, { reason: "We dropped Klarna" });
    expect(rejected.body.status).toBe("rejected");
    const approved = await api("POST", `/kb-entries/${e.id}/approve`, { topics: ["payments", "bnpl"] });
    expect(approved.body).toMatchObject({ status: "approved", topics: ["payments", "bnpl"] });
    expect((await api("DELETE", `/kb-entries/${e.id}`)).status).toBe(200);
    expect(await ftsHits("klarna")).toBe(0);
    expect((await api("DELETE", `/kb-entries/${e.id}`)).status).toBe(404);
    expect((await api("PATCH", "/kb-entries/999999", { answer: "x" })).status).toBe(404);
  });

  it("bad input is a 400 naming the field", async () => {
    const r = await api("POST", "/kb-entries", { question: "", answer: "x" });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/question/);
  });
});

describe("policy entries", () => {
  it("the same six calls", async () => {
    const created = await api("POST", "/policy-entries", {
      topic: "Legal threats",
      ruleText: "Escalate legal threats.",
      conditions: { keywords: ["lawyer"] },
      action: "escalate",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "approved",
      sourceType: "manual",
      conditions: { keywords: ["lawyer"] },
    });
    const id = created.body.id;
    expect((await api("PATCH", `/policy-entries/${id}`, { action: "guideline" })).body.action).toBe(
      "guideline",
    );
    expect((await api("POST", `/policy-entries/${id}/reject`, {})).body.status).toBe("rejected");
    expect((await api("POST", `/policy-entries/${id}/approve`, {})).body.status).toBe("approved");
    expect((await api("GET", "/policy-entries?topic=legal%20threats")).body.total).toBe(1);
    expect((await api("DELETE", `/policy-entries/${id}`)).status).toBe(200);
    expect(
      (await api("POST", "/policy-entries", { topic: "x", ruleText: "y", action: "shout" })).status,
    ).toBe(400);
  });
});

describe("settings", () => {
  it("defaults, then a partial patch keeps the rest", async () => {
    const before = await api("GET", "/settings");
    expect(before.body).toMatchObject({
      defaultAutonomy: "auto",
      autoReleaseHours: null,
      learning: { enabled: true },
    });
    const after = await api("PATCH", "/settings", {
      autoReleaseHours: 4,
      learning: { humanManagedOnly: true },
    });
    expect(after.body).toMatchObject({
      autoReleaseHours: 4,
      learning: { enabled: true, humanManagedOnly: true },
    });
    expect((await api("GET", "/settings")).body.autoReleaseHours).toBe(4);
    expect((await api("PATCH", "/settings", { defaultAutonomy: "sometimes" })).status).toBe(400);
  });
});

describe("KB import", () => {
  it("imports JSON entries as approved imports and reports refused rows", async () => {
    const r = await api("POST", "/kb-entries/import", {
      items: [
        { question: "Do you have a showroom?", answer: "Yes, in Kolding.", topics: ["store"] },
        { question: "", answer: "missing question" },
        { question: "Is there a loyalty programme?", answer: "Not yet.", status: "pending_review" },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.imported).toBe(2);
    expect(r.body.errors).toEqual([{ row: 2, error: expect.stringMatching(/question/) }]);
    const listed = await api("GET", "/kb-entries?topic=store");
    expect(listed.body.items[0]).toMatchObject({ sourceType: "import", status: "approved" });
  });

  it("imports CSV with quoted fields and ; separated topics", async () => {
    const csv = [
      "question,answer,topics",
      '"Can I collect my order?","Yes, from our warehouse in Kolding, Monday to Friday.",orders;pickup',
      "Do you ship to Iceland?,No.,shipping",
    ].join("\n");
    const { env, exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch("http://worker/api/kb-entries/import", {
      method: "POST",
      headers: { Authorization: `Bearer ${env.APP_API_SECRET}`, "Content-Type": "text/csv" },
      body: csv,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ imported: 2, errors: [] });
    const pickup = await api("GET", "/kb-entries?topic=pickup");
    expect(pickup.body.items[0].answer).toBe("Yes, from our warehouse in Kolding, Monday to Friday.");
    expect(pickup.body.items[0].topics).toEqual(["orders", "pickup"]);
  });

  it("refuses a body that is neither", async () => {
    const r = await api("POST", "/kb-entries/import", { nope: true });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/array/);
  });
});
