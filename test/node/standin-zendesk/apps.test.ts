// What an installation touches besides tickets: app installations and their (secure) settings, views, Help Center
// draft articles, and the X-Zendesk-Marketplace-* headers recorded on every request (or required).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { api, control, start } from "./support.ts";

let zd: ZendeskStandin;
let o: string;

beforeAll(async () => {
  zd = await start();
  o = zd.origin;
});
afterAll(() => zd.close());

describe("app installations", () => {
  it("lists installations without their secure settings, and updates settings, secure ones included", async () => {
    const installed = await control(o, "/apps/installations", "POST", {
      app_id: 1_000_123,
      settings: { backend_url: "https://worker.example", api_secret: "old-secret" },
      secure: ["api_secret"],
    });
    expect(installed.status).toBe(201);
    const id = installed.body.installation.id;
    const list = await api(o, "/api/v2/apps/installations.json");
    expect(list.body.installations).toEqual([
      expect.objectContaining({
        id,
        app_id: 1_000_123,
        product: "support",
        enabled: true,
        settings: { backend_url: "https://worker.example" },
      }),
    ]);
    const put = await api(o, `/api/v2/apps/installations/${id}.json`, {
      method: "PUT",
      body: { settings: { api_secret: "new-secret" } },
    });
    expect(put.status).toBe(200);
    expect(JSON.stringify(put.body)).not.toContain("new-secret");
    const full = await control(o, `/apps/installations/${id}`);
    expect(full.body.installation.settings).toEqual({
      backend_url: "https://worker.example",
      api_secret: "new-secret",
    });
    expect(
      (await api(o, "/api/v2/apps/installations/999.json", { method: "PUT", body: { settings: {} } })).status,
    ).toBe(404);
    const bad = await api(o, `/api/v2/apps/installations/${id}.json`, {
      method: "PUT",
      body: { settings: "x" },
    });
    expect(bad.status).toBe(400);
  });
});

describe("views", () => {
  it("lists what the account has; control and the API create them", async () => {
    expect((await api(o, "/api/v2/views.json")).body).toEqual({
      views: [],
      next_page: null,
      previous_page: null,
      count: 0,
    });
    const all = [{ field: "current_tags", operator: "includes", value: "ohallo_attention" }];
    await control(o, "/views", "POST", { title: "AI needs attention", all });
    const created = await api(o, "/api/v2/views.json", {
      method: "POST",
      body: { view: { title: "Taken over", all } },
    });
    expect(created.status).toBe(201);
    const list = await api(o, "/api/v2/views.json");
    expect(list.body.views.map((v: { title: string }) => v.title)).toEqual([
      "AI needs attention",
      "Taken over",
    ]);
    expect((await api(o, `/api/v2/views/${created.body.view.id}.json`)).body.view.title).toBe("Taken over");
    const untitled = await api(o, "/api/v2/views.json", { method: "POST", body: { view: { all } } });
    expect(untitled.status).toBe(422);
  });
});

describe("Help Center", () => {
  const article = (group: number) => ({
    title: "Which countries do you ship to?",
    body: "<p>All of the EU.</p>",
    locale: "en-us",
    permission_group_id: group,
    user_segment_id: null,
    draft: true,
    label_names: ["shipping"],
  });
  const create = (section: number, body: unknown, base = o) =>
    api(base, `/api/v2/help_center/sections/${section}/articles.json`, { method: "POST", body });

  it("lists sections and creates a draft article in one (201, Location, html_url, whole-second stamps)", async () => {
    const section = (await control(o, "/help-center/sections", "POST", { name: "Shipping & returns" })).body
      .section;
    const sections = await api(o, "/api/v2/help_center/sections.json");
    expect(sections.body.sections).toEqual([
      expect.objectContaining({ id: section.id, name: "Shipping & returns", locale: "en-us" }),
    ]);
    expect(sections.body.sections[0].html_url).toBe(`${o}/hc/en-us/sections/${section.id}-Shipping-returns`);
    const groups = (await api(o, "/api/v2/guide/permission_groups.json")).body.permission_groups;
    expect(groups.map((g: { name: string }) => g.name)).toEqual(["Admins", "Agents and managers"]);
    expect(groups[0]).toMatchObject({ built_in: true, edit: [], publish: [] });
    expect((await api(o, "/api/v2/help_center/locales.json")).body).toEqual({
      locales: ["en-us"],
      default_locale: "en-us",
    });
    const created = await create(section.id, { article: article(groups[1].id), notify_subscribers: false });
    expect(created.status).toBe(201);
    const a = created.body.article;
    expect(a).toMatchObject({
      section_id: section.id,
      title: "Which countries do you ship to?",
      body: "<p>All of the EU.</p>",
      locale: "en-us",
      permission_group_id: groups[1].id,
      user_segment_id: null,
      user_segment_ids: [],
      draft: true,
      label_names: ["shipping"],
      author_id: 900001,
    });
    // Numbers past 2^32, as Guide's ids are; stamps in whole seconds.
    expect(typeof a.id).toBe("number");
    expect(a.id).toBeGreaterThan(2 ** 32);
    expect(a.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(a.html_url).toBe(`${o}/hc/en-us/articles/${a.id}-Which-countries-do-you-ship-to`);
    expect(a.url).toBe(`${o}/api/v2/help_center/en-us/articles/${a.id}.json`);
    expect(created.headers.get("location")).toBe(`${o}/api/v2/help_center/articles/${a.id}.json`);
    expect((await api(o, `/api/v2/help_center/articles/${a.id}.json`)).body.article.id).toBe(a.id);
    expect((await api(o, `/api/v2/help_center/en-us/articles/${a.id}.json`)).status).toBe(200);
    const listed = await api(o, `/api/v2/help_center/sections/${section.id}/articles.json`);
    expect(listed.body.articles.map((x: { id: number }) => x.id)).toEqual([a.id]);
  });

  it("refuses what Guide refuses: missing ids (400), unknown records (404), blank title or locale (422)", async () => {
    const section = (await control(o, "/help-center/sections", "POST", { name: "Billing" })).body.section;
    const group = (await api(o, "/api/v2/guide/permission_groups.json")).body.permission_groups[0].id;
    const { user_segment_id: _u, permission_group_id: _p, ...bare } = article(group);
    const missing = await create(section.id, { article: bare });
    expect(missing.status).toBe(400);
    expect(missing.body.title).toBe("Invalid attribute");
    expect(missing.body.message).toContain("You must provide user_segment_id.");
    expect(missing.body.message).toContain("You must provide permission_group_id.");
    // A string id is not an id here (the Worker sends numbers; a stand-in that coerced would hide a bug).
    expect(
      (await create(section.id, { article: { ...article(group), permission_group_id: `${group}` } })).status,
    ).toBe(400);
    expect((await create(section.id, { article: { ...article(group), user_segment_id: 7 } })).status).toBe(
      404,
    );
    expect((await create(section.id, { article: article(12345) })).status).toBe(404);
    expect((await create(1, { article: article(group) })).status).toBe(404);
    const blank = await create(section.id, { article: { ...article(group), title: " ", locale: "fr" } });
    expect(blank.status).toBe(422);
    expect(Object.keys(blank.body.details).sort()).toEqual(["locale", "title"]);
    expect((await create(section.id, "not an object")).status).toBe(400);
    const all = (await control(o, "/help-center/articles")).body.articles;
    expect(all.filter((x: { section_id: number }) => x.section_id === section.id)).toEqual([]);
  });

  it("archives an article (DELETE → 204, then 404), answers 404 everywhere without Guide, and keeps accounts apart", async () => {
    const section = (await control(o, "/help-center/sections", "POST", { name: "Archive" })).body.section;
    const group = (await api(o, "/api/v2/guide/permission_groups.json")).body.permission_groups[0].id;
    const id = (await create(section.id, { article: article(group) })).body.article.id;
    expect((await api(o, `/api/v2/help_center/articles/${id}.json`, { method: "DELETE" })).status).toBe(204);
    expect((await api(o, `/api/v2/help_center/articles/${id}.json`)).status).toBe(404);

    const acme = await control(o, "/accounts", "POST", {
      subdomain: "guide-acme",
      email: "admin@acme.example",
      apiToken: "acme-token",
    });
    const base = acme.body.account.base;
    const auth = `Basic ${btoa("admin@acme.example/token:acme-token")}`;
    const theirs = await api(base, "/api/v2/help_center/sections.json", { auth });
    expect(theirs.status).toBe(200);
    expect(theirs.body.sections).toEqual([]);
    expect((await api(base, `/api/v2/help_center/articles/${id}.json`, { auth })).status).toBe(404);
    await control(base, "/help-center", "PUT", { enabled: false });
    for (const path of [
      "/api/v2/help_center/sections.json",
      "/api/v2/help_center/locales.json",
      "/api/v2/guide/permission_groups.json",
    ]) {
      expect((await api(base, path, { auth })).status).toBe(404);
    }
    expect((await api(o, "/api/v2/help_center/sections.json")).status).toBe(200);
  });
});

describe("marketplace headers", () => {
  const headers = {
    "X-Zendesk-Marketplace-Name": "oHallo",
    "X-Zendesk-Marketplace-Organization-Id": "42",
    "X-Zendesk-Marketplace-App-Id": "1000123",
  };

  it("records them on every request, the token endpoint included", async () => {
    await control(o, "/requests", "DELETE");
    await api(o, "/api/v2/users/me.json", { headers });
    await fetch(`${o}/oauth/tokens`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: "{}",
    });
    await api(o, "/api/v2/users/me.json");
    const log = (await control(o, "/requests")).body;
    expect(log.map((r: { path: string }) => r.path)).toEqual([
      "/api/v2/users/me.json",
      "/oauth/tokens",
      "/api/v2/users/me.json",
    ]);
    const market = { name: "oHallo", organizationId: "42", appId: "1000123" };
    expect(log.map((r: { marketplace: unknown }) => r.marketplace)).toEqual([market, market, null]);
  });

  it("refuses requests without them when the account requires them", async () => {
    await control(o, "/settings", "PUT", { requireMarketplaceHeaders: true });
    try {
      expect((await api(o, "/api/v2/users/me.json")).status).toBe(403);
      expect((await api(o, "/api/v2/users/me.json", { headers })).status).toBe(200);
      const tokens = await fetch(`${o}/oauth/tokens`, { method: "POST", body: "{}" });
      expect(tokens.status).toBe(403);
      // The authorization page is a browser's navigation: it carries no such headers and is not refused for it.
      const page = await fetch(`${o}/oauth/authorizations/new?client_id=zdg-none`);
      expect(page.status).toBe(400);
    } finally {
      await control(o, "/settings", "PUT", { requireMarketplaceHeaders: false });
    }
  });
});
