// The KB and Policies tabs without a DOM: the list query from the filters (typed search waits),
// paging, the checked forms, archive / restore / delete after a question, and publishing to
// Guide, including a Worker that cannot publish yet.
import { describe, expect, it } from "vitest";
import type { AdminKbEntry } from "../../../../common/admin.schema";
import type { ListQuery } from "../../../../app/api/admin-api";
import { EntriesController, PAGE_SIZE } from "../../../../app/admin/entries/entries.controller";
import {
  missingCall,
  publishNotes,
  rowActions,
  topicsOf,
} from "../../../../app/admin/entries/entries.view-model";
import { kbForm, kbInput, policyInput, splitList } from "../../../../app/admin/entries/entry-form";
import { failed, fakeEntries, kbEntry, ok, policyEntry, settle } from "./support";

function setup(total = 3, searchDelayMs = 0) {
  const seen: { call: string; id?: number; body?: unknown; query?: ListQuery }[] = [];
  const items = Array.from({ length: Math.min(total, PAGE_SIZE) }, (_, i) =>
    kbEntry({
      id: i + 1,
      status: "approved",
      sourceType: "manual",
      topics: i ? ["Shipping"] : ["shipping", "eu"],
    }),
  );
  const api = fakeEntries<AdminKbEntry>("kb", {
    list: async (query) => {
      seen.push({ call: "list", query });
      return ok({ items: query.offset >= total ? [] : items, total });
    },
    create: async (input) => {
      seen.push({ call: "create", body: input });
      return ok(kbEntry({ id: 99 }));
    },
    update: async (id, patch) => {
      seen.push({ call: "update", id, body: patch });
      return ok(kbEntry({ id }));
    },
    remove: async (id) => {
      seen.push({ call: "remove", id });
      return { ok: true, value: undefined };
    },
  });
  const entries = new EntriesController<AdminKbEntry>({
    api,
    check: kbInput,
    publish: async (id) =>
      id === 1
        ? ok({ articleId: 5, url: "https://nordlys.zendesk.com/hc/articles/5" })
        : failed("not_found", 404, "Not found"),
    searchDelayMs,
  });
  return { entries, seen };
}

const lists = (seen: { call: string; query?: ListQuery }[]) =>
  seen.filter((s) => s.call === "list").map((s) => s.query);

describe("EntriesController", () => {
  it("lists with the filters, and waits while the search is typed", async () => {
    const { entries, seen } = setup(3, 20);
    await entries.load();
    expect(lists(seen)).toEqual([{ q: "", status: undefined, topic: "", limit: PAGE_SIZE, offset: 0 }]);
    await entries.setFilter({ status: "approved" });
    const typing = [entries.setFilter({ q: "gi" }), entries.setFilter({ q: "gift" })];
    await Promise.race(typing);
    expect(lists(seen).at(-1)).toEqual({
      q: "gift",
      status: "approved",
      topic: "",
      limit: PAGE_SIZE,
      offset: 0,
    });
    expect(lists(seen)).toHaveLength(3); // the load, the status, one search
    expect(entries.state.phase).toBe("ready");
    entries.dispose();
  });

  it("pages within the total", async () => {
    const { entries, seen } = setup(60);
    await entries.load();
    await entries.page(-1);
    await entries.page(1);
    await entries.page(1);
    await entries.page(1);
    expect(lists(seen).map((q) => q?.offset)).toEqual([0, 25, 50]);
  });

  it("creates and edits through the checked form", async () => {
    const { entries, seen } = setup();
    await entries.load();
    entries.openCreate();
    await entries.save({ question: ["Hi"], answer: [""] });
    expect(entries.state.formErrors).toEqual({ question: "form.too_short", answer: "form.required" });
    await entries.save({
      question: ["Do you ship to Iceland?"],
      answer: ["No."],
      topics: ["shipping; EU, shipping"],
      status: ["approved"],
    });
    expect(seen.find((s) => s.call === "create")?.body).toEqual({
      question: "Do you ship to Iceland?",
      answer: "No.",
      topics: ["shipping", "EU"],
      status: "approved",
    });
    expect(entries.state).toMatchObject({ form: null, announcement: "created" });
    entries.openEdit(2);
    await entries.save({
      question: ["Do you ship to Norway?"],
      answer: ["Yes."],
      status: ["pending_review"],
    });
    expect(seen.find((s) => s.call === "update")).toMatchObject({
      id: 2,
      body: { status: "pending_review", topics: [] },
    });
    expect(entries.state.announcement).toBe("saved");
  });

  it("archives, restores as approved, and deletes only after the question", async () => {
    const { entries, seen } = setup();
    await entries.load();
    await entries.archive(1);
    await entries.restore(1);
    entries.askDelete(2);
    expect(entries.state.confirmDelete).toBe(2);
    entries.cancelDelete();
    await entries.confirmDelete();
    expect(seen.some((s) => s.call === "remove")).toBe(false);
    entries.askDelete(2);
    await entries.confirmDelete();
    expect(seen.filter((s) => s.call !== "list")).toEqual([
      { call: "update", id: 1, body: { status: "archived" } },
      { call: "update", id: 1, body: { status: "approved" } },
      { call: "remove", id: 2 },
    ]);
    expect(entries.state).toMatchObject({ confirmDelete: null, announcement: "deleted" });
  });

  it("publishes to Guide, and tells a Worker without the call from a failure", async () => {
    const { entries } = setup();
    await entries.load();
    await entries.publish(1);
    expect(entries.state.published[1]?.url).toBe("https://nordlys.zendesk.com/hc/articles/5");
    await entries.publish(2);
    const failure = entries.state.failure;
    expect(failure).toMatchObject({ id: 2, action: "publish" });
    expect(failure && missingCall(failure.error)).toBe(true);
    expect(missingCall({ kind: "not_found", status: 404, detail: "KB entry not found" })).toBe(false);
    await settle();
  });

  it("says whether the article is new or found again, behind the entry, or placed by default", () => {
    const article = { articleId: 5, url: "https://nordlys.zendesk.com/hc/en-us/articles/5" };
    expect(publishNotes(article)).toEqual(["publish.done"]);
    expect(publishNotes({ ...article, created: true, chosen: ["sectionId", "locale"] })).toEqual([
      "publish.done",
      "publish.chosen",
    ]);
    expect(publishNotes({ ...article, created: false, stale: true, chosen: [] })).toEqual([
      "publish.existing",
      "publish.stale",
    ]);
  });
});

describe("entry forms and rows", () => {
  it("splits lists on commas, semicolons and bars, once each", () => {
    expect(splitList(" a, b;c | A ,, ")).toEqual(["a", "b", "c"]);
  });

  it("fills the form from an entry", () => {
    expect(kbForm(kbEntry({ topics: ["a", "b"] }))).toMatchObject({
      topics: "a, b",
      status: "pending_review",
    });
    expect(kbForm(null)).toEqual({ question: "", answer: "", topics: "", status: "approved" });
  });

  it("checks a policy form", () => {
    expect(policyInput({ topic: ["Legal"], ruleText: ["Escalate."], action: ["shout"] })).toEqual({
      ok: false,
      errors: { action: "form.required" },
    });
    expect(
      policyInput({ topic: ["Legal"], ruleText: ["Escalate."], action: ["escalate"], keywords: [""] }),
    ).toEqual({
      ok: true,
      value: { topic: "Legal", ruleText: "Escalate.", action: "escalate", conditions: {} },
    });
  });

  it("offers publishing for approved KB entries only, and archive or restore by status", () => {
    expect(rowActions(kbEntry({ status: "approved" }), true)).toEqual({
      archive: true,
      restore: false,
      publish: true,
    });
    expect(rowActions(kbEntry({ status: "archived" }), true)).toEqual({
      archive: false,
      restore: true,
      publish: false,
    });
    expect(rowActions(policyEntry({ status: "approved" }), true).publish).toBe(false);
    expect(rowActions(kbEntry({ status: "approved" }), false).publish).toBe(false);
  });

  it("suggests each topic once", () => {
    expect(
      topicsOf([kbEntry({ topics: ["shipping", "EU"] }), kbEntry({ topics: ["Shipping"] }), policyEntry()]),
    ).toEqual(["Chargebacks", "EU", "Shipping"]);
  });
});
