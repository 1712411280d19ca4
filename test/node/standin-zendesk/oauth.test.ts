// Zendesk's OAuth on each account: the authorization page and its automatic decisions, the code exchange (single
// use, 120 s, redirect_uri, PKCE, client secret), refresh rotation, expiry, revocation, scopes, and tokens that
// work only on the account that issued them.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { api, control, seedTicket, start } from "./support.ts";

let zd: ZendeskStandin;
let acme: string;
let globex: string;
const CALLBACK = "https://worker.example/connect/zendesk/callback";
const GLOBAL = {
  identifier: "zdg-ohallo",
  secret: "global-secret",
  redirect_uris: [CALLBACK],
  name: "oHallo",
};
const VERIFIER = "a-verifier-that-is-long-enough-for-pkce-0123456789";
const CHALLENGE = createHash("sha256").update(VERIFIER).digest("base64url");

beforeAll(async () => {
  zd = await start();
  acme = `${zd.origin}/acme`;
  globex = `${zd.origin}/globex`;
  await control(zd.origin, "/accounts", "POST", {
    subdomain: "acme",
    admin: { id: 81, name: "Alice Admin" },
  });
  await control(zd.origin, "/accounts", "POST", {
    subdomain: "globex",
    admin: { id: 82, name: "Gus Admin" },
  });
  expect((await control(zd.origin, "/oauth/clients", "POST", GLOBAL)).status).toBe(201);
  await control(acme, "/oauth/authorize", "PUT", { decision: "allow" });
  await control(globex, "/oauth/authorize", "PUT", { decision: "allow" });
});
afterAll(() => zd.close());

function authorizeUrl(base: string, params: Record<string, string> = {}) {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: GLOBAL.identifier,
    redirect_uri: CALLBACK,
    scope: "read write",
    state: "st-1",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
    ...params,
  });
  return `${base}/oauth/authorizations/new?${q}`;
}

async function authorize(base: string, params: Record<string, string> = {}) {
  const res = await fetch(authorizeUrl(base, params), { redirect: "manual" });
  const location = res.headers.get("location");
  return { status: res.status, location: location ? new URL(location) : null, text: await res.text() };
}

async function exchange(base: string, body: Record<string, unknown>, form = false) {
  const res = await fetch(`${base}/oauth/tokens`, {
    method: "POST",
    headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function codeFor(base: string, params: Record<string, string> = {}) {
  const { location } = await authorize(base, params);
  return location?.searchParams.get("code") ?? "";
}

const codeGrant = (code: string, extra: Record<string, unknown> = {}) => ({
  grant_type: "authorization_code",
  code,
  client_id: GLOBAL.identifier,
  client_secret: GLOBAL.secret,
  redirect_uri: CALLBACK,
  code_verifier: VERIFIER,
  ...extra,
});

async function tokensFor(base: string, extra: Record<string, unknown> = {}) {
  const res = await exchange(base, codeGrant(await codeFor(base), extra));
  expect(res.status).toBe(201);
  return res.body;
}

const bearer = (token: string) => ({ auth: `Bearer ${token}` });

describe("authorization", () => {
  it("redirects with a code and the state when the decision is allow", async () => {
    const { status, location } = await authorize(acme);
    expect(status).toBe(302);
    expect(`${location?.origin}${location?.pathname}`).toBe(CALLBACK);
    expect(location?.searchParams.get("code")).toMatch(/^[0-9a-f]{40}$/);
    expect(location?.searchParams.get("state")).toBe("st-1");
  });

  it("redirects with access_denied when the admin denies", async () => {
    await control(acme, "/oauth/authorize", "PUT", { decision: "deny" });
    const { location } = await authorize(acme);
    expect(location?.searchParams.get("error")).toBe("access_denied");
    expect(location?.searchParams.get("error_description")).toBeTruthy();
    expect(location?.searchParams.get("state")).toBe("st-1");
    await control(acme, "/oauth/authorize", "PUT", { decision: "allow" });
  });

  it("shows a consent page with Allow and Deny when asked, and its Allow redirects with a code", async () => {
    await control(acme, "/oauth/authorize", "PUT", { decision: "ask" });
    const page = await authorize(acme);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Alice Admin");
    expect(page.text).toContain('value="allow"');
    expect(page.text).toContain('value="deny"');
    const form = new URLSearchParams(new URL(authorizeUrl(acme)).searchParams);
    form.set("decision", "allow");
    const res = await fetch(`${acme}/oauth/authorizations`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location") ?? "").searchParams.get("code")).toBeTruthy();
    await control(acme, "/oauth/authorize", "PUT", { decision: "allow" });
  });

  it("never redirects for an unknown client or an unregistered redirect URI", async () => {
    expect((await authorize(acme, { client_id: "zdg-unknown" })).status).toBe(400);
    const wrong = await authorize(acme, { redirect_uri: "https://evil.example/cb" });
    expect(wrong.status).toBe(400);
    expect(wrong.location).toBeNull();
  });

  it("redirects with an error for a bad response type, scope or challenge method, and a public client without PKCE", async () => {
    const error = async (params: Record<string, string>) =>
      (await authorize(acme, params)).location?.searchParams.get("error");
    expect(await error({ response_type: "token" })).toBe("unsupported_response_type");
    expect(await error({ scope: "everything" })).toBe("invalid_scope");
    expect(await error({ code_challenge_method: "plain" })).toBe("invalid_request");
    await control(acme, "/oauth/clients", "POST", {
      identifier: "acme_public",
      secret: null,
      redirect_uris: [CALLBACK],
    });
    const q = { client_id: "acme_public" };
    const noPkce = await authorize(acme, q);
    expect(noPkce.location?.searchParams.get("code")).toBeTruthy();
    const url = new URL(authorizeUrl(acme, q));
    url.searchParams.delete("code_challenge");
    url.searchParams.delete("code_challenge_method");
    const res = await fetch(url, { redirect: "manual" });
    expect(new URL(res.headers.get("location") ?? "").searchParams.get("error")).toBe("invalid_request");
  });

  it("lets a global client work on every account and a local client only on its own", async () => {
    expect((await authorize(globex)).location?.searchParams.get("code")).toBeTruthy();
    await control(acme, "/oauth/clients", "POST", { identifier: "acme_only", redirect_uris: [CALLBACK] });
    expect((await authorize(acme, { client_id: "acme_only" })).status).toBe(302);
    expect((await authorize(globex, { client_id: "acme_only" })).status).toBe(400);
  });
});

describe("the code exchange", () => {
  it("answers Zendesk's token body; the token is the signed-in admin's", async () => {
    const body = await tokensFor(acme);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
      token_type: "bearer",
      scope: "read write",
      expires_in: 1800,
      refresh_token: expect.stringMatching(/^[0-9a-f]{64}$/),
      refresh_token_expires_in: 2592000,
    });
    const me = await api(acme, "/api/v2/users/me.json", bearer(body.access_token));
    expect(me.body.user).toMatchObject({ id: 81, name: "Alice Admin", role: "admin" });
  });

  it("gives the token of whichever admin is signed in", async () => {
    await control(acme, "/users", "POST", { id: 83, name: "Second Admin", role: "admin" });
    await control(acme, "/oauth/authorize", "PUT", { userId: 83 });
    const body = await tokensFor(acme);
    expect((await api(acme, "/api/v2/users/me.json", bearer(body.access_token))).body.user.id).toBe(83);
    await control(acme, "/oauth/authorize", "PUT", { userId: 81 });
  });

  it("accepts a form-encoded request", async () => {
    const res = await exchange(acme, codeGrant(await codeFor(acme)), true);
    expect(res.status).toBe(201);
  });

  it("uses a code once, within 120 s, with its redirect_uri, verifier and client", async () => {
    const code = await codeFor(acme);
    expect((await exchange(acme, codeGrant(code))).status).toBe(201);
    const again = await exchange(acme, codeGrant(code));
    expect(again).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_description: expect.any(String) },
    });
    const late = await codeFor(acme);
    await control(acme, "/clock", "POST", { advanceMs: 121_000 });
    expect((await exchange(acme, codeGrant(late))).body.error).toBe("invalid_grant");
    const uri = await exchange(
      acme,
      codeGrant(await codeFor(acme), { redirect_uri: "https://other.example/cb" }),
    );
    expect(uri.body.error).toBe("invalid_grant");
    const pkce = await exchange(acme, codeGrant(await codeFor(acme), { code_verifier: "wrong-verifier" }));
    expect(pkce.body.error).toBe("invalid_grant");
    const secret = await exchange(acme, codeGrant(await codeFor(acme), { client_secret: "nope" }));
    expect(secret).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const elsewhere = await exchange(globex, codeGrant(await codeFor(acme)));
    expect(elsewhere.body.error).toBe("invalid_grant");
    expect((await exchange(acme, { ...codeGrant("x"), grant_type: "password" })).body.error).toBe(
      "unsupported_grant_type",
    );
  });

  it("requires the secret of a confidential client that used no PKCE", async () => {
    const url = new URL(authorizeUrl(acme));
    url.searchParams.delete("code_challenge");
    url.searchParams.delete("code_challenge_method");
    const plain = new URL((await fetch(url, { redirect: "manual" })).headers.get("location") ?? "");
    const c = plain.searchParams.get("code") ?? "";
    const grant = codeGrant(c, { client_secret: undefined, code_verifier: undefined });
    expect((await exchange(acme, grant)).status).toBe(401);
  });

  it("honours expires_in and refresh_token_expires_in within Zendesk's bounds", async () => {
    const body = await tokensFor(acme, { expires_in: 600, refresh_token_expires_in: 604800 });
    expect(body).toMatchObject({ expires_in: 600, refresh_token_expires_in: 604800 });
    const tooShort = await exchange(acme, codeGrant(await codeFor(acme), { expires_in: 60 }));
    expect(tooShort).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    const tooLong = await exchange(
      acme,
      codeGrant(await codeFor(acme), { refresh_token_expires_in: 8_000_000 }),
    );
    expect(tooLong.status).toBe(400);
    const notANumber = await exchange(acme, codeGrant(await codeFor(acme), { expires_in: "soon" }), true);
    expect(notANumber.status).toBe(400);
  });
});

describe("tokens", () => {
  it("rotates on refresh: a new pair, the old access and refresh tokens deleted", async () => {
    const first = await tokensFor(acme);
    const refreshed = await exchange(acme, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      client_id: GLOBAL.identifier,
      client_secret: GLOBAL.secret,
      expires_in: 900,
    });
    expect(refreshed.status).toBe(201);
    expect(refreshed.body).toMatchObject({ token_type: "bearer", scope: "read write", expires_in: 900 });
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
    expect((await api(acme, "/api/v2/users/me.json", bearer(first.access_token))).status).toBe(401);
    expect((await api(acme, "/api/v2/users/me.json", bearer(refreshed.body.access_token))).status).toBe(200);
    const reused = await exchange(acme, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      client_id: GLOBAL.identifier,
      client_secret: GLOBAL.secret,
    });
    expect(reused).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("expires: an access token past expires_in is answered 401 invalid_token", async () => {
    const body = await tokensFor(globex, { expires_in: 300 });
    expect((await api(globex, "/api/v2/users/me.json", bearer(body.access_token))).status).toBe(200);
    await control(globex, "/clock", "POST", { advanceMs: 301_000 });
    const expired = await api(globex, "/api/v2/users/me.json", bearer(body.access_token));
    expect(expired).toMatchObject({ status: 401, body: { error: "invalid_token" } });
  });

  it("is revoked by the admin (control) or by DELETE /api/v2/oauth/tokens/current.json", async () => {
    const a = await tokensFor(acme);
    const b = await tokensFor(acme);
    expect(
      (await api(acme, "/api/v2/oauth/tokens/current.json", { method: "DELETE", ...bearer(a.access_token) }))
        .status,
    ).toBe(204);
    expect((await api(acme, "/api/v2/users/me.json", bearer(a.access_token))).status).toBe(401);
    expect((await api(acme, "/api/v2/users/me.json", bearer(b.access_token))).status).toBe(200);
    const revoked = await control(acme, "/oauth/revoke", "POST", { clientId: GLOBAL.identifier });
    expect(revoked.body.revoked).toBeGreaterThan(0);
    expect((await api(acme, "/api/v2/users/me.json", bearer(b.access_token))).status).toBe(401);
    const refresh = await exchange(acme, {
      grant_type: "refresh_token",
      refresh_token: b.refresh_token,
      client_id: GLOBAL.identifier,
      client_secret: GLOBAL.secret,
    });
    expect(refresh.body.error).toBe("invalid_grant");
  });

  it("works only on the account that issued it", async () => {
    const body = await tokensFor(acme);
    expect((await api(acme, "/api/v2/users/me.json", bearer(body.access_token))).status).toBe(200);
    expect((await api(globex, "/api/v2/users/me.json", bearer(body.access_token))).status).toBe(401);
    expect((await api(zd.origin, "/api/v2/users/me.json", bearer(body.access_token))).status).toBe(401);
  });

  it("stops working when its user is suspended", async () => {
    await control(globex, "/users", "POST", { id: 84, name: "Temp Admin", role: "admin" });
    await control(globex, "/oauth/authorize", "PUT", { userId: 84 });
    const body = await tokensFor(globex);
    await control(globex, "/users/84", "PATCH", { suspended: true });
    expect((await api(globex, "/api/v2/users/me.json", bearer(body.access_token))).status).toBe(401);
    await control(globex, "/oauth/authorize", "PUT", { userId: 82 });
  });

  it("is held to its scope: read opens GET only, tickets:read/write only tickets", async () => {
    await seedTicket(acme, 900, { notify: false });
    const read = await tokensFor(acme);
    const readOnly = await exchange(acme, {
      grant_type: "refresh_token",
      refresh_token: read.refresh_token,
      client_id: GLOBAL.identifier,
      client_secret: GLOBAL.secret,
      scope: "read",
    });
    const token = readOnly.body.access_token;
    expect((await api(acme, "/api/v2/tickets/900.json", bearer(token))).status).toBe(200);
    const put = await api(acme, "/api/v2/tickets/900.json", {
      method: "PUT",
      body: { ticket: { status: "open" } },
      ...bearer(token),
    });
    expect(put.status).toBe(403);
    expect(
      (await exchange(acme, codeGrant(await codeFor(acme), { scope: "read write impersonate" }))).body.error,
    ).toBe("invalid_scope");
    const code = await codeFor(acme, { scope: "tickets:read tickets:write" });
    const w = (await exchange(acme, codeGrant(code))).body.access_token;
    const ok = await api(acme, "/api/v2/tickets/900.json", {
      method: "PUT",
      body: { ticket: { status: "open" } },
      ...bearer(w),
    });
    expect(ok.status).toBe(200);
    expect((await api(acme, "/api/v2/tickets/900.json", bearer(w))).status).toBe(200);
    expect((await api(acme, "/api/v2/views.json", bearer(w))).status).toBe(403);
    // users/me is a users endpoint: a tickets-only token may not read it.
    expect((await api(acme, "/api/v2/users/me.json", bearer(w))).status).toBe(403);
  });
});
