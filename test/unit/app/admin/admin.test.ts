// The admin area's shell and its Worker calls, over a strict fake ZAF client: every call through
// Zendesk's proxy with the secret as a placeholder, answers parsed with the shared schemas, the
// admin's language loaded at start, the tabs, and opening a ticket.
import { describe, expect, it } from "vitest";
import { AdminController, nextTab } from "../../../../app/admin/admin.controller";
import { createAdminApi, listQueryString } from "../../../../app/api/admin-api";
import { createAdminZaf } from "../../../../app/zaf/admin-client";
import { type Answer, type FakeZendeskOptions, fakeZendesk, type SeenRequest } from "../support/fake-zaf";
import { kbEntry } from "./support";

const empty = { items: [], total: 0 };

function admin(answer: (req: SeenRequest) => Answer, options: Partial<FakeZendeskOptions> = {}) {
  const z = fakeZendesk({ answer, user: { id: 7, name: "Ana", locale: "de-DE" }, ...options });
  const zaf = createAdminZaf(z.raw);
  const opened: string[] = [];
  const asked: string[] = [];
  const controller = new AdminController({
    zaf,
    openWindow: (url) => opened.push(url),
    download: () => undefined,
    loadStrings: async (locale) => {
      asked.push(locale);
      return { "tab.review": "Zur Prüfung" };
    },
    searchDelayMs: 0,
  });
  return { z, zaf, controller, opened, asked };
}

describe("the admin API", () => {
  it("calls the Worker through Zendesk's proxy with the secret as a placeholder", async () => {
    const z = fakeZendesk({ answer: () => ({ status: 200, body: empty }) });
    const api = createAdminApi(createAdminZaf(z.raw), "https://ohallo.test/");
    expect((await api.kb.list({ status: "pending_review", q: " gift ", limit: 5, offset: 10 })).ok).toBe(
      true,
    );
    const [req] = z.requests;
    expect(req?.options).toMatchObject({
      url: "https://ohallo.test/api/kb-entries?status=pending_review&q=gift&limit=5&offset=10",
      type: "GET",
      secure: true,
      headers: { Authorization: "Bearer {{setting.api_secret}}" },
    });
  });

  it("reads an import chunk the Worker refused whole (400) as its report", async () => {
    const report = { imported: 0, errors: [{ row: 1, error: "question: too short" }] };
    const z = fakeZendesk({ answer: () => ({ status: 400, body: report }) });
    const api = createAdminApi(createAdminZaf(z.raw), "https://ohallo.test");
    expect(await api.policies.importRows([{}])).toEqual({ ok: true, value: report });
    expect(z.requests[0]).toMatchObject({ method: "POST", path: "/api/policy-entries/import", body: [{}] });
  });

  it("parses entries with the fields the Worker does not send yet left out", async () => {
    const z = fakeZendesk({ answer: () => ({ status: 200, body: { items: [kbEntry()], total: 1 } }) });
    const api = createAdminApi(createAdminZaf(z.raw), "https://ohallo.test");
    const result = await api.kb.list({ limit: 1, offset: 0 });
    expect(result.ok && result.value.items[0]?.evidence).toBeUndefined();
    const bad = fakeZendesk({ answer: () => ({ status: 200, body: { items: [{ id: "x" }], total: 1 } }) });
    expect(
      await createAdminApi(createAdminZaf(bad.raw), "https://o.test").kb.list({ limit: 1, offset: 0 }),
    ).toEqual({
      ok: false,
      error: { kind: "bad_response", status: 200, detail: null },
    });
  });

  it("without a backend URL, says so and sends nothing", async () => {
    const z = fakeZendesk({ answer: () => ({ status: 200, body: {} }) });
    const api = createAdminApi(createAdminZaf(z.raw), null);
    expect(await api.settings()).toMatchObject({ ok: false, error: { kind: "not_configured" } });
    expect(api.connectUrl("acme")).toBeNull();
    expect(z.requests).toEqual([]);
  });

  it("builds the connect URL and list queries", () => {
    const api = createAdminApi(
      createAdminZaf(fakeZendesk({ answer: () => "network" }).raw),
      "https://w.test//",
    );
    expect(api.connectUrl("acme")).toBe("https://w.test/connect/zendesk?subdomain=acme");
    expect(listQueryString({ sourceType: "learning_loop", topic: "", limit: 50, offset: 0 })).toBe(
      "sourceType=learning_loop&limit=50&offset=0",
    );
  });
});

describe("AdminController", () => {
  it("starts in the admin's language, with the pending count read at once", async () => {
    const { z, controller, asked } = admin((req) =>
      req.path.endsWith("kb-entries")
        ? { status: 200, body: { items: [kbEntry({ id: 1 }), kbEntry({ id: 2 })], total: 2 } }
        : { status: 200, body: empty },
    );
    const started = controller.start();
    z.register();
    await started;
    expect(asked).toEqual(["de"]);
    expect(controller.state).toMatchObject({
      phase: "ready",
      locale: "de",
      strings: { "tab.review": "Zur Prüfung" },
    });
    expect(controller.parts?.review.state.count).toBe(2);
    expect(z.requests.map((r) => r.path)).toEqual(["/api/kb-entries", "/api/policy-entries"]);
  });

  it("falls back to English when the locale file cannot be had", async () => {
    const z = fakeZendesk({
      answer: () => ({ status: 200, body: empty }),
      user: { id: 7, name: "Ana", locale: "pt-BR" },
    });
    const controller = new AdminController({
      zaf: createAdminZaf(z.raw),
      openWindow: () => undefined,
      download: () => undefined,
      loadStrings: async () => {
        throw new Error("offline");
      },
    });
    const started = controller.start();
    z.register();
    await started;
    expect(controller.state).toMatchObject({ locale: "en", strings: null });
  });

  it("reads a tab's data when it is shown", async () => {
    const { z, controller } = admin(() => ({ status: 200, body: empty }));
    const started = controller.start();
    z.register();
    await started;
    await controller.select("policies");
    await controller.select("policies");
    expect(z.requests.map((r) => r.path)).toEqual([
      "/api/kb-entries",
      "/api/policy-entries",
      "/api/policy-entries",
    ]);
    expect(controller.state.tab).toBe("policies");
  });

  it("opens a ticket in Zendesk, else in a new window", async () => {
    const inZendesk = admin(() => ({ status: 200, body: empty }));
    const s1 = inZendesk.controller.start();
    inZendesk.z.register();
    await s1;
    await inZendesk.controller.openTicket(12);
    expect(inZendesk.z.routes).toEqual([["ticket", "12"]]);
    const outside = admin(() => ({ status: 200, body: empty }), { refuseRouteTo: true });
    const s2 = outside.controller.start();
    outside.z.register();
    await s2;
    await outside.controller.openTicket(12);
    expect(outside.opened).toEqual(["https://nordlys.zendesk.com/agent/tickets/12"]);
  });

  it("moves along the tabs with the arrow keys, Home and End", () => {
    expect(nextTab("review", "ArrowRight")).toBe("kb");
    expect(nextTab("review", "ArrowLeft")).toBe("connection");
    expect(nextTab("connection", "ArrowRight")).toBe("review");
    expect(nextTab("stats", "Home")).toBe("review");
    expect(nextTab("stats", "End")).toBe("connection");
    expect(nextTab("stats", "Enter")).toBeNull();
  });
});
