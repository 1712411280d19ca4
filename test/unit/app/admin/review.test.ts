// The Pending review tab without a DOM: which entries are proposals and in what order, the
// waiting count, approve / edit then approve / reject with a reason, and the evidence view.
import { describe, expect, it } from "vitest";
import type { ListQuery } from "../../../../app/api/admin-api";
import { ReviewController } from "../../../../app/admin/review/review.controller";
import {
  confidence,
  evidenceOf,
  proposalsFrom,
  shortExcerpt,
  stepText,
  waitingCount,
} from "../../../../app/admin/review/review.view-model";
import { createTranslator } from "../../../../app/i18n/i18n";
import translationsDe from "../../../../translations/de.json";
import translationsEn from "../../../../translations/en.json";
import { failed, fakeApi, fakeEntries, kbEntry, ok, policyEntry, settle } from "./support";

const gift = kbEntry({ id: 1, createdAt: "2026-11-20T10:00:00.000Z" });
const pickup = kbEntry({ id: 2, question: "Can I pick up?", createdAt: "2026-11-19T10:00:00.000Z" });
const chargebacks = policyEntry({ id: 7, createdAt: "2026-11-21T10:00:00.000Z" });

function setup(kb = [gift, pickup], policies = [chargebacks]) {
  const calls: { kind: string; call: string; id?: number; body?: unknown; query?: ListQuery }[] = [];
  let kbItems = [...kb];
  const api = fakeApi({
    kb: fakeEntries("kb", {
      list: async (query) => {
        calls.push({ kind: "kb", call: "list", query });
        return ok({ items: kbItems, total: kbItems.length });
      },
      approve: async (id, edits) => {
        calls.push({ kind: "kb", call: "approve", id, body: edits });
        kbItems = kbItems.filter((e) => e.id !== id);
        return ok(kbEntry({ id, status: "approved" }));
      },
      reject: async (id, reason) => {
        calls.push({ kind: "kb", call: "reject", id, body: reason });
        return ok(kbEntry({ id, status: "rejected" }));
      },
    }),
    policies: fakeEntries("policy", {
      list: async (query) => {
        calls.push({ kind: "policy", call: "list", query });
        return ok({ items: policies, total: policies.length });
      },
      approve: async (id, edits) => {
        calls.push({ kind: "policy", call: "approve", id, body: edits });
        return ok(policyEntry({ id, status: "approved" }));
      },
    }),
  });
  return { review: new ReviewController(api), calls };
}

describe("ReviewController", () => {
  it("asks for the learning loop's pending entries of both kinds, oldest first, and counts them", async () => {
    const { review, calls } = setup();
    await review.load();
    expect(calls.map((c) => c.query)).toEqual([
      { status: "pending_review", sourceType: "learning_loop", limit: 200, offset: 0 },
      { status: "pending_review", sourceType: "learning_loop", limit: 200, offset: 0 },
    ]);
    expect(review.state.phase).toBe("ready");
    expect(review.state.proposals.map((p) => p.key)).toEqual(["kb:2", "kb:1", "policy:7"]);
    expect(review.state.count).toBe(3);
  });

  it("approves as proposed; the proposal leaves and the count falls", async () => {
    const { review, calls } = setup();
    await review.load();
    const [first] = review.state.proposals;
    if (!first) throw new Error("no proposal");
    await review.approve(first);
    expect(calls.at(-1)).toEqual({ kind: "kb", call: "approve", id: 2, body: undefined });
    expect(review.state.count).toBe(2);
    expect(review.state.proposals.map((p) => p.key)).toEqual(["kb:1", "policy:7"]);
    expect(review.state.announcement).toEqual({ action: "approved", key: "kb:2" });
  });

  it("keeps an edit form open with its errors, then approves with the edits (never a status)", async () => {
    const { review, calls } = setup();
    await review.load();
    const policy = review.state.proposals.find((p) => p.kind === "policy");
    if (!policy) throw new Error("no policy");
    review.startEdit(policy.key);
    await review.approveEdited(policy, { topic: [""], ruleText: ["x"], action: ["escalate"] });
    expect(review.state.formErrors).toEqual({ topic: "form.required" });
    expect(review.state.editing).toBe(policy.key);
    await review.approveEdited(policy, {
      topic: ["Chargebacks"],
      ruleText: ["Hand every chargeback to a person."],
      action: ["require_approval"],
      keywords: ["chargeback, dispute"],
      status: ["archived"],
    });
    expect(calls.at(-1)).toEqual({
      kind: "policy",
      call: "approve",
      id: 7,
      body: {
        topic: "Chargebacks",
        ruleText: "Hand every chargeback to a person.",
        action: "require_approval",
        conditions: { keywords: ["chargeback", "dispute"] },
      },
    });
    expect(review.state.editing).toBeNull();
    expect(review.state.count).toBe(2);
  });

  it("rejects with the reason given, or none", async () => {
    const { review, calls } = setup();
    await review.load();
    const [a, b] = review.state.proposals;
    if (!a || !b) throw new Error("no proposals");
    review.startReject(a.key);
    expect(review.state.rejecting).toBe(a.key);
    await review.reject(a, "  We stopped gift wrapping  ");
    await review.reject(b, "   ");
    expect(calls.filter((c) => c.call === "reject").map((c) => c.body)).toEqual([
      "We stopped gift wrapping",
      undefined,
    ]);
    expect(review.state.count).toBe(1);
    expect(review.state.announcement?.action).toBe("rejected");
  });

  it("shows a failure on its proposal, and reads the list again when someone decided first", async () => {
    let decidedElsewhere = false;
    const api = fakeApi({
      kb: fakeEntries("kb", {
        list: async () => ok(decidedElsewhere ? { items: [], total: 0 } : { items: [gift], total: 1 }),
        approve: async () => {
          decidedElsewhere = true;
          return failed("not_found", 404, "KB entry not found");
        },
      }),
      policies: fakeEntries("policy", { list: async () => ok({ items: [], total: 0 }) }),
    });
    const review = new ReviewController(api);
    await review.load();
    const [first] = review.state.proposals;
    if (!first) throw new Error("no proposal");
    await review.approve(first);
    expect(review.state.failure).toEqual({
      key: "kb:1",
      error: { kind: "not_found", status: 404, detail: "KB entry not found" },
    });
    await settle();
    expect(review.state.proposals).toEqual([]);
    expect(review.state.count).toBe(0);
  });

  it("says why it could not load", async () => {
    const api = fakeApi({
      kb: fakeEntries("kb", { list: async () => failed("unauthorized", 401) }),
      policies: fakeEntries("policy", { list: async () => ok({ items: [], total: 0 }) }),
    });
    const review = new ReviewController(api);
    await review.load();
    expect(review.state).toMatchObject({ phase: "failed", loadError: { kind: "unauthorized" }, count: null });
  });
});

describe("review view model", () => {
  it("takes only learning-loop proposals, whatever the Worker filtered", () => {
    const manual = kbEntry({ id: 9, sourceType: "manual" });
    const approved = kbEntry({ id: 10, status: "approved" });
    expect(proposalsFrom([manual, approved, gift], []).map((p) => p.key)).toEqual(["kb:1"]);
    expect(waitingCount([gift, pickup], 40)).toBe(40);
    expect(waitingCount([gift, manual], 40)).toBe(1);
  });

  it("reads confidence as a percentage and a level", () => {
    expect(confidence(0.6)).toEqual({ percent: 60, level: "medium" });
    expect(confidence(0.95)).toEqual({ percent: 95, level: "high" });
    expect(confidence(1.7)).toEqual({ percent: 100, level: "high" });
    expect(confidence(0.2)).toEqual({ percent: 20, level: "low" });
    expect(confidence(null)).toBeNull();
  });

  it("says when the Worker sends no evidence yet, and still links the source ticket", () => {
    const p = { key: "kb:1", kind: "kb" as const };
    expect(evidenceOf({ ...p, entry: gift })).toEqual({ kind: "unavailable", ticketId: 12 });
    expect(evidenceOf({ ...p, entry: kbEntry({ evidence: null, sourceTicketId: null }) })).toEqual({
      kind: "none",
      ticketId: null,
    });
    const evidence = {
      ticketId: 123,
      excerpt: [{ role: "customer" as const, text: "Gift wrap?" }],
      whyHuman: "  No approved entry  ",
      replay: { verdict: "would_answer" as const, detail: null },
    };
    expect(evidenceOf({ ...p, entry: kbEntry({ evidence }) })).toEqual({
      kind: "present",
      ticketId: 123,
      excerpt: evidence.excerpt,
      whyHuman: "No approved entry",
      steps: [],
      replay: evidence.replay,
      tickets: [],
    });
    // A suggested policy that recurred lists every ticket that showed it.
    const recurring = { ...evidence, tickets: [123, 456] };
    expect(evidenceOf({ ...p, entry: kbEntry({ evidence: recurring }) })).toMatchObject({
      tickets: [123, 456],
    });
  });

  it("says why a person stepped in, step by step, in the reviewer's language", () => {
    const de = createTranslator(translationsDe.admin, translationsEn.admin);
    const en = createTranslator(translationsEn.admin, translationsEn.admin);
    const takeOver = {
      kind: "take_over" as const,
      type: null,
      code: "implicit_reply",
      params: {},
      by: "Ana",
    };
    const escalation = {
      kind: "attention" as const,
      type: "escalation" as const,
      code: "policy_escalate",
      params: { policy: "Legal threats", keyword: "lawyer" },
      by: null,
    };
    expect(stepText(takeOver, en)).toBe("A person took the ticket over (by replying in Zendesk) · Ana");
    expect(stepText(takeOver, de)).toBe(
      `${translationsDe.admin["evidence.step.take_over"]} (${translationsDe.admin["reason.implicit_reply"]}) · Ana`,
    );
    expect(stepText(escalation, de)).toBe(
      `${translationsDe.admin["attention.escalation"]}: ${translationsDe.admin["reason.policy_escalate"]
        .replace("{policy}", "Legal threats")
        .replace("{keyword}", "lawyer")}`,
    );
    // A code this admin area does not know leaves the reason out; it never shows a key.
    expect(stepText({ ...escalation, code: "from_a_newer_worker" }, de)).toBe(
      translationsDe.admin["attention.escalation"],
    );
    const p = { key: "kb:1", kind: "kb" as const };
    const evidence = { ticketId: 5, excerpt: [], whyHuman: "x", replay: null, steps: [takeOver] };
    expect(evidenceOf({ ...p, entry: kbEntry({ evidence }) })).toMatchObject({ steps: [takeOver] });
  });

  it("shortens a long excerpt around its middle", () => {
    expect(shortExcerpt([1, 2, 3])).toEqual({ head: [1, 2, 3], hidden: 0, tail: [] });
    expect(shortExcerpt([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({
      head: [1, 2, 3],
      hidden: 4,
      tail: [8, 9, 10],
    });
  });
});
