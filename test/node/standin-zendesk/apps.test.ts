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
  it("lists sections and creates a draft article in one (201, Location), refusing what Zendesk requires", async () => {
    const section = (await control(o, "/help-center/sections", "POST", { name: "Shipping" })).body.section;
    const sections = await api(o, "/api/v2/help_center/sections.json");
    expect(sections.body.sections).toEqual([
      expect.objectContaining({ id: section.id, name: "Shipping", locale: "en-us" }),
    ]);
    const group = (await api(o, "/api/v2/guide/permission_groups.json")).body.permission_groups[0];
    const article = {
      title: "Which countries do you ship to?",
      body: "<p>All of the EU.</p>",
      locale: "en-us",
      permission_group_id: group.id,
      user_segment_id: null,
      draft: true,
      label_names: ["ohallo"],
    };
    const created = await api(o, `/api/v2/help_center/sections/${section.id}/articles.json`, {
      method: "POST",
      body: { article, notify_subscribers: false },
    });
    expect(created.status).toBe(201);
    expect(created.body.article).toMatchObject({ section_id: section.id, draft: true, author_id: 900001 });
    expect(created.headers.get("location")).toBe(created.body.article.url);
    const { user_segment_id: _omitted, ...missing } = article;
    const refused = await api(o, `/api/v2/help_center/sections/${section.id}/articles.json`, {
      method: "POST",
      body: { article: { ...missing, title: "", permission_group_id: 1 } },
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.errors).sort()).toEqual([
      "permission_group_id",
      "title",
      "user_segment_id",
    ]);
    expect(
      (await api(o, "/api/v2/help_center/sections/1/articles.json", { method: "POST", body: { article } }))
        .status,
    ).toBe(404);
    expect((await control(o, "/help-center/articles")).body.articles).toHaveLength(1);
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
