// Publishing a KB entry to Zendesk Guide as a draft article, against the stand-in's Guide, for two
// connected installations (each its own Zendesk account): the article's fields, no duplicate when
// published again, where it goes (Settings, else Guide's first section and group), Guide's refusals
// as clear errors with nothing stored, and no entry or article crossing installations.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_ENCRYPTION_KEY, TEST_MARKETPLACE, TEST_OAUTH_CLIENT } from "../support/installations.config";
import { type Account, api, connect, createAccount, requests, webhooks } from "./support/accounts";

interface Tenant {
  account: Account;
  secret: string;
}
let a: Tenant;
let b: Tenant;
const logged: string[] = [];
const answers: string[] = [];

interface Article {
  id: number;
  section_id: number;
  title: string;
  body: string;
  locale: string;
  permission_group_id: number;
  user_segment_id: number | null;
  draft: boolean;
  label_names: string[];
  author_id: number;
  archived: boolean;
}

const articles = async (t: Tenant) =>
  ((await t.account.control("GET", "/help-center/articles")) as { articles: Article[] }).articles;
const live = async (t: Tenant) => (await articles(t)).filter((x) => !x.archived);

async function section(t: Tenant, name: string): Promise<number> {
  return ((await t.account.control("POST", "/help-center/sections", { name })) as { section: { id: number } })
    .section.id;
}

async function groups(t: Tenant): Promise<number[]> {
  const hc = (await t.account.control("PUT", "/help-center", {})) as { permissionGroups: { id: number }[] };
  return hc.permissionGroups.map((g) => g.id);
}

async function call(t: Tenant, method: string, path: string, body?: unknown) {
  const r = await api(t.secret, method, path, body);
  answers.push(r.text);
  return r;
}

async function entry(t: Tenant, fields: Record<string, unknown> = {}): Promise<number> {
  const r = await call(t, "POST", "/kb-entries", {
    question: "Which countries do you ship to?",
    answer: "All of the EU <and> Norway.\n\nSee https://shop.example/shipping?x=1&y=2.\nThanks!",
    topics: ["shipping", "EU"],
    ...fields,
  });
  expect(r.status).toBe(201);
  return Number(r.body?.id);
}

const publish = (t: Tenant, id: number | string) => call(t, "POST", `/kb-entries/${id}/publish`, {});

beforeAll(async () => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(" "));
    });
  }
  const tenant = async (name: string): Promise<Tenant> => {
    const account = await createAccount(name);
    return { account, secret: (await connect(account)).secret };
  };
  a = await tenant("guide-a");
  b = await tenant("guide-b");
});

afterAll(() => vi.restoreAllMocks());

describe("POST /api/kb-entries/{id}/publish", () => {
  it("creates a draft article in Guide's first section and group, in its default locale, and says it chose them", async () => {
    const first = await section(a, "Shipping");
    await section(a, "Returns");
    const [admins] = await groups(a);
    const id = await entry(a);
    const r = await publish(a, id);
    expect(r.status).toBe(201);
    const [article, ...more] = await articles(a);
    expect(more).toEqual([]);
    expect(article).toMatchObject({
      section_id: first,
      title: "Which countries do you ship to?",
      body:
        "<p>All of the EU &lt;and&gt; Norway.</p>\n" +
        '<p>See <a href="https://shop.example/shipping?x=1&amp;y=2">https://shop.example/shipping?x=1&amp;y=2</a>.<br>Thanks!</p>',
      locale: "en-us",
      permission_group_id: admins,
      user_segment_id: null,
      draft: true,
      label_names: ["shipping", "EU"],
      author_id: a.account.admin.id,
    });
    expect(r.body).toEqual({
      articleId: article?.id,
      url: `${a.account.base}/hc/en-us/articles/${article?.id}-Which-countries-do-you-ship-to`,
      created: true,
      publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      stale: false,
      placement: { sectionId: first, permissionGroupId: admins, locale: "en-us" },
      chosen: ["sectionId", "permissionGroupId", "locale"],
    });
    const sent = (await requests(a.account)).filter(
      (q) => q.path.includes("/help_center/") || q.path.includes("/guide/"),
    );
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([
      "GET /api/v2/help_center/sections.json",
      "GET /api/v2/guide/permission_groups.json",
      "GET /api/v2/help_center/locales.json",
      `POST /api/v2/help_center/sections/${first}/articles.json`,
    ]);
    expect(sent.every((q) => q.marketplace?.appId === TEST_MARKETPLACE.appId)).toBe(true);
    const post = ((await a.account.control("GET", "/requests")) as { method: string; body: unknown }[]).find(
      (q) => q.method === "POST" && JSON.stringify(q.body).includes('"article"'),
    );
    expect(post?.body).toMatchObject({
      notify_subscribers: false,
      article: { draft: true, user_segment_id: null },
    });
  });

  it("publishing again answers the same article (no duplicate), says when the entry changed, and makes a new draft only once Guide lost it", async () => {
    await section(a, "Any");
    const id = await entry(a, { question: "Do you ship on Sundays?", answer: "No." });
    const first = await publish(a, id);
    expect(first.status).toBe(201);
    const count = (await live(a)).length;
    const again = await publish(a, id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      articleId: first.body?.articleId,
      created: false,
      stale: false,
      chosen: [],
    });
    expect(again.body?.url).toBe(first.body?.url);
    expect((await live(a)).length).toBe(count);
    // An edit of the text: still the same article, left as it is, and the answer says it is behind.
    expect((await call(a, "PATCH", `/kb-entries/${id}`, { answer: "Yes, since May." })).status).toBe(200);
    const stale = await publish(a, id);
    expect(stale.body).toMatchObject({ articleId: first.body?.articleId, created: false, stale: true });
    const kept = (await articles(a)).find((x) => x.id === first.body?.articleId);
    expect(kept?.body).toBe("<p>No.</p>");
    // A status change alone is not an edit of the text.
    await call(a, "PATCH", `/kb-entries/${id}`, { answer: "No." });
    await call(a, "PATCH", `/kb-entries/${id}`, { status: "archived" });
    await call(a, "PATCH", `/kb-entries/${id}`, { status: "approved" });
    expect((await publish(a, id)).body).toMatchObject({ created: false, stale: false });
    // Archived in Guide (what deleting an article does there): the next publish makes a new draft.
    const auth = { Authorization: `Bearer ${await accessToken(a)}` };
    const gone = await fetch(`${a.account.base}/api/v2/help_center/articles/${first.body?.articleId}.json`, {
      method: "DELETE",
      headers: auth,
    });
    expect(gone.status).toBe(204);
    const anew = await publish(a, id);
    expect(anew.status).toBe(201);
    expect(anew.body?.articleId).not.toBe(first.body?.articleId);
    expect((await live(a)).length).toBe(count);
  });

  it("two clicks at once make one article", async () => {
    await section(a, "Busy");
    const id = await entry(a, { question: "Can I pick up my order?" });
    await a.account.control("POST", "/faults", {
      match: { method: "POST", pathPrefix: "/api/v2/help_center/sections/" },
      delayMs: 400,
      times: 1,
    });
    const before = (await articles(a)).length;
    const [one, two] = await Promise.all([publish(a, id), publish(a, id)]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    expect([one.body?.error, two.body?.error].find(Boolean)).toMatch(/being published/);
    expect((await articles(a)).length).toBe(before + 1);
    expect((await publish(a, id)).body).toMatchObject({ created: false });
  });

  it("puts the article where Settings say (section, permission group, locale) and shows them in GET /api/settings", async () => {
    const chosen = await section(a, "Chosen");
    const [, agents] = await groups(a);
    await a.account.control("PUT", "/help-center", { locales: ["en-us", "de"] });
    expect((await call(a, "GET", "/settings")).body?.guide).toEqual({
      sectionId: null,
      permissionGroupId: null,
      locale: null,
    });
    const saved = await call(a, "PATCH", "/settings", {
      guide: { sectionId: chosen, permissionGroupId: agents, locale: "DE" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body?.guide).toEqual({ sectionId: chosen, permissionGroupId: agents, locale: "de" });
    // A patch of one field keeps the others; other settings are untouched by it.
    expect((await call(a, "PATCH", "/settings", { brandTone: "Warm." })).body?.guide).toMatchObject({
      locale: "de",
    });
    expect((await call(a, "PATCH", "/settings", { guide: { locale: "not a locale" } })).status).toBe(400);
    expect((await call(a, "PATCH", "/settings", { guide: { sectionId: "12" } })).status).toBe(400);
    const id = await entry(a, { question: "Versand nach Norwegen?", answer: "Ja.", topics: ["versand"] });
    const r = await publish(a, id);
    expect(r.body).toMatchObject({
      created: true,
      placement: { sectionId: chosen, permissionGroupId: agents, locale: "de" },
      chosen: [],
    });
    const article = (await articles(a)).find((x) => x.id === r.body?.articleId);
    expect(article).toMatchObject({ section_id: chosen, permission_group_id: agents, locale: "de" });
    await call(a, "PATCH", "/settings", {
      guide: { sectionId: null, permissionGroupId: null, locale: null },
    });
  });

  it("only approved entries (409); unknown ids and another installation's entries are 404, and nothing reaches Guide", async () => {
    await section(b, "B's section");
    const pending = await entry(a, { question: "Pending?", status: "pending_review" });
    const r = await publish(a, pending);
    expect(r.status).toBe(409);
    expect(r.body?.error).toMatch(/approved.*pending_review/);
    const rejected = await entry(a, { question: "Rejected?" });
    await call(a, "POST", `/kb-entries/${rejected}/reject`, {});
    expect((await publish(a, rejected)).status).toBe(409);
    const mine = await entry(a, { question: "Only A's?" });
    const inB = (await articles(b)).length;
    const inA = (await articles(a)).length;
    expect((await publish(b, mine)).status).toBe(404);
    for (const bad of ["999999999", "0x10", "1e3", "-1", "abc"])
      expect((await publish(a, bad)).status).toBe(404);
    expect((await articles(b)).length).toBe(inB);
    expect((await articles(a)).length).toBe(inA);
    // B publishing its own entry lands in B's Guide only.
    const theirs = await entry(b, { question: "Only B's?" });
    expect((await publish(b, theirs)).status).toBe(201);
    expect((await articles(b)).length).toBe(inB + 1);
    expect((await articles(a)).length).toBe(inA);
  });

  it("Guide's refusals are clear 422s, Zendesk's failures 502, and nothing is stored: the next try creates the article", async () => {
    const fresh: Tenant = { account: await createAccount("guide-c"), secret: "" };
    fresh.secret = (await connect(fresh.account)).secret;
    const id = await entry(fresh, { question: "Is Guide there?" });
    const expectRefused = async (pattern: RegExp, status = 422) => {
      const r = await publish(fresh, id);
      expect(r.status).toBe(status);
      expect(r.body?.error).toMatch(pattern);
      expect(await articles(fresh)).toEqual([]);
    };
    await fresh.account.control("PUT", "/help-center", { enabled: false });
    await expectRefused(/no Guide/);
    await fresh.account.control("PUT", "/help-center", { enabled: true });
    await expectRefused(/no section/);
    const s = await section(fresh, "Now there is one");
    await call(fresh, "PATCH", "/settings", { guide: { sectionId: 4_000_000_000_123 } });
    await expectRefused(/no section 4000000000123/);
    await call(fresh, "PATCH", "/settings", { guide: { sectionId: null, locale: "fr" } });
    await expectRefused(/Guide refused the article: .*locale/i);
    await call(fresh, "PATCH", "/settings", { guide: { locale: null } });
    const fault = (status: number) =>
      fresh.account.control("POST", "/faults", {
        match: { method: "POST", path: `/api/v2/help_center/sections/${s}/articles.json` },
        status,
        times: 1,
      });
    await fault(403);
    await expectRefused(/may not|does not let/);
    await fault(500);
    await expectRefused(/answered 500/, 502);
    // Nothing was stored by any of these: this one creates the article.
    const ok = await publish(fresh, id);
    expect(ok.status).toBe(201);
    expect((await articles(fresh)).map((x) => x.id)).toEqual([ok.body?.articleId]);
    expect((await publish(fresh, id)).status).toBe(200);
  });

  it("no secret appears in any answer or log line", async () => {
    const secrets = [a.secret, b.secret, env.APP_API_SECRET, TEST_OAUTH_CLIENT.secret, TEST_ENCRYPTION_KEY];
    for (const t of [a, b]) {
      secrets.push(...(await webhooks(t.account)).map((w) => w.secret));
      const { tokens } = (await t.account.control("GET", "/oauth/tokens")) as {
        tokens: { accessToken: string; refreshToken: string }[];
      };
      for (const pair of tokens) secrets.push(pair.accessToken, pair.refreshToken);
    }
    expect(secrets.filter((x) => x.length >= 8).length).toBeGreaterThanOrEqual(9);
    for (const secret of secrets.filter((x) => x.length >= 8)) {
      for (const text of answers) expect(text).not.toContain(secret);
      for (const line of logged) expect(line).not.toContain(secret);
    }
  });
});

/** The installation's current OAuth access token, to act in Guide as a person would. */
async function accessToken(t: Tenant): Promise<string> {
  const { tokens } = (await t.account.control("GET", "/oauth/tokens")) as {
    tokens: { accessToken: string; createdAt: number }[];
  };
  return tokens.sort((x, y) => y.createdAt - x.createdAt)[0]?.accessToken ?? "";
}
