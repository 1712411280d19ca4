// Connecting a Zendesk account, against the stand-in's OAuth server, Webhooks and
// Apps APIs: the redirect with PKCE, the callback's steps, a state used twice, an
// error from Zendesk, a webhook registration that fails (rolled back), a
// reconnect (one webhook, the old API secret dead), and disconnect with export.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker_ from "../../worker/src/index";
import { describe, expect, it } from "vitest";
import { TEST_OAUTH_CLIENT, TEST_PUBLIC_ORIGIN } from "../support/installations.config";
import { api, apiSecret, authorize, connect, createAccount, webhooks, worker } from "./support/accounts";

describe("GET /connect/zendesk", () => {
  it("redirects to the account's consent page with the client, the redirect URI, read and write, a state and PKCE", async () => {
    const account = await createAccount("acme");
    const res = await worker(`/connect/zendesk?subdomain=${account.subdomain}`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get("Location") ?? "");
    expect(`${to.origin}${to.pathname}`).toBe(`${account.base}/oauth/authorizations/new`);
    const q = to.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("client_id")).toBe(TEST_OAUTH_CLIENT.identifier);
    expect(q.get("redirect_uri")).toBe(`${TEST_PUBLIC_ORIGIN}/connect/zendesk/callback`);
    expect(q.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["read", "write"]));
    expect(q.get("state")?.length).toBeGreaterThanOrEqual(20);
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a subdomain that is not one (400)", async () => {
    for (const bad of ["", "-acme", "ACME!", "a".repeat(64), "acme.evil.com", "acme/../x"]) {
      expect((await worker(`/connect/zendesk?subdomain=${encodeURIComponent(bad)}`)).status, bad).toBe(400);
    }
  });
});

describe("the callback", () => {
  it("connects: tokens kept, the webhook registered with its secret, a fresh API secret in the app's settings", async () => {
    const account = await createAccount("globex");
    const { page, secret, installationId } = await connect(account);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`${account.subdomain} is connected`);
    const [hook, ...more] = await webhooks(account);
    expect(more).toHaveLength(0);
    expect(hook).toMatchObject({
      status: "active",
      endpoint: `${TEST_PUBLIC_ORIGIN}/webhooks/zendesk/${installationId}`,
    });
    expect(secret).toMatch(/^ohs_/);
    const mine = await api(secret, "GET", "/installation");
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ subdomain: account.subdomain, connected: true });
    const checks = (mine.body?.checks ?? []) as { name: string; ok: boolean }[];
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ["token", true],
      ["webhook", true],
      ["views", true],
    ]);
    // Nothing secret is stored in the clear.
    const row = await env.DB.prepare("SELECT * FROM installations WHERE id = ?").bind(installationId).first();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(hook?.secret);
  });

  it("refuses a state used twice, an unknown state and Zendesk's error, and stores nothing (400)", async () => {
    const account = await createAccount("initech");
    const { callbackUrl } = await authorize(account.subdomain);
    if (!callbackUrl) throw new Error("no callback");
    expect((await worker(callbackUrl.replace(TEST_PUBLIC_ORIGIN, ""))).status).toBe(200);
    const reused = await worker(callbackUrl.replace(TEST_PUBLIC_ORIGIN, ""));
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain("already used");
    expect((await worker("/connect/zendesk/callback?code=abc&state=never-issued")).status).toBe(400);

    const other = await createAccount("hooli");
    await other.control("PUT", "/oauth/authorize", { decision: "deny" });
    const denied = await authorize(other.subdomain);
    const url = new URL(denied.callbackUrl ?? "");
    expect(url.searchParams.get("error")).toBe("access_denied");
    expect((await worker(`${url.pathname}${url.search}`)).status).toBe(400);
    expect(await webhooks(other)).toEqual([]);
    expect(await apiSecret(other)).toBe("");
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM installations WHERE subdomain = ?")
      .bind(other.subdomain)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("rolls back when the webhook cannot be registered (502 saying which step): nothing left active", async () => {
    const account = await createAccount("umbrella");
    await account.control("POST", "/faults", {
      match: { method: "POST", path: "/api/v2/webhooks" },
      status: 422,
      times: 1,
    });
    const { page } = await connect(account);
    expect(page.status).toBe(502);
    expect(await page.text()).toContain("registering the webhook");
    expect(await webhooks(account)).toEqual([]);
    expect(await apiSecret(account)).toBe("");
    // The app's settings could not be set either: a failure after the webhook removes it again.
    await account.control("POST", "/faults", {
      match: { method: "PUT", pathPrefix: "/api/v2/apps/installations" },
      status: 500,
      times: 1,
    });
    const second = await connect(account);
    expect(second.page.status).toBe(502);
    expect(await webhooks(account)).toEqual([]);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM installations WHERE subdomain = ?")
      .bind(account.subdomain)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it("connecting again renews everything: one webhook of the Worker, the previous API secret refused", async () => {
    const account = await createAccount("stark");
    const first = await connect(account);
    const second = await connect(account);
    expect(second.page.status).toBe(200);
    expect(second.installationId).toBe(first.installationId);
    expect(second.secret).not.toBe(first.secret);
    expect(await webhooks(account)).toHaveLength(1);
    expect((await api(first.secret, "GET", "/installation")).status).toBe(401);
    expect((await api(second.secret, "GET", "/installation")).status).toBe(200);
  });

  it("an account without the app installed is told to install it first (502), nothing left", async () => {
    const account = await createAccount("wayne", { app: false });
    const { page } = await connect(account);
    expect(page.status).toBe(502);
    expect(await page.text()).toContain("not installed");
    expect(await webhooks(account)).toEqual([]);
  });
});

describe("disconnect and export", () => {
  it("exports the installation's data, then disconnects: webhook deleted in Zendesk, secrets erased, data kept 30 days", async () => {
    const account = await createAccount("tyrell");
    const { secret, installationId } = await connect(account);
    await api(secret, "POST", "/kb-entries", { question: "Do you ship to Mars?", answer: "Not yet, sorry." });
    const exported = await api(secret, "GET", "/installation/export");
    expect(exported.status).toBe(200);
    const data = exported.body?.data as Record<string, unknown[]>;
    expect(data.kb_entries).toHaveLength(1);
    expect(exported.text).not.toContain(secret);

    const gone = await api(secret, "DELETE", "/installation");
    expect(gone.status).toBe(200);
    const deleteAfter = Date.parse(String(gone.body?.deleteAfter));
    expect(deleteAfter - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(await webhooks(account)).toEqual([]);
    expect((await api(secret, "GET", "/installation")).status).toBe(401);
    const row = await env.DB.prepare("SELECT * FROM installations WHERE id = ?")
      .bind(installationId)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({
      status: "disconnected",
      access_token_enc: null,
      refresh_token_enc: null,
      webhook_secret_enc: null,
      api_secret_hash: null,
    });
    // Its data is still there until the grace period ends.
    const kept = await env.DB.prepare("SELECT count(*) AS n FROM kb_entries WHERE installation_id = ?")
      .bind(installationId)
      .first<{ n: number }>();
    expect(kept?.n).toBe(1);

    // After the grace period, the cron deletes it all.
    await env.DB.prepare("UPDATE installations SET delete_after = ? WHERE id = ?")
      .bind(Date.now() - 1, installationId)
      .run();
    const ctx = createExecutionContext();
    await worker_.scheduled(
      { scheduledTime: Date.now(), cron: "*/10 * * * *", noRetry() {} } as ScheduledController,
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    for (const table of ["kb_entries", "installations"]) {
      const column = table === "installations" ? "id" : "installation_id";
      const left = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`)
        .bind(installationId)
        .first<{ n: number }>();
      expect(left?.n, table).toBe(0);
    }
  });

  it("the default installation cannot be disconnected through the API (409)", async () => {
    expect((await api(env.APP_API_SECRET, "DELETE", "/installation")).status).toBe(409);
  });
});
