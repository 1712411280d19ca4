// Zendesk's OAuth endpoints on one account: `GET /oauth/authorizations/new` (consent, or an automatic decision),
// the consent form's post, and `POST /oauth/tokens` for the authorization_code and refresh_token grants.

import {
  header,
  html,
  isRecord,
  json,
  parseBody,
  redirect,
  type StandinRequest,
  type StandinResponse,
} from "./http.ts";
import type { User } from "./model.ts";
import {
  type AuthCode,
  DESCRIPTIONS,
  lifetimes,
  type OAuthClient,
  type OAuthError,
  oauthError,
  s256,
  type TokenBook,
  type TokenPair,
  validScope,
} from "./oauth.model.ts";
import { consentPage, errorPage } from "./oauth.page.ts";

export type AuthorizeDecision = "ask" | "allow" | "deny";

/** What the OAuth endpoints need from their account. */
export type OAuthHost = {
  subdomain: string;
  /** `{origin}` or `{origin}/{subdomain}`, as the client called it. */
  base: string;
  now(): number;
  tokens: TokenBook;
  client(id: string): OAuthClient | undefined;
  user(id: number): User | undefined;
  /** The switch a test flips instead of clicking, and the admin signed in to this account's Zendesk. */
  authorize: { decision: AuthorizeDecision; userId: number | null };
};

type Params = Record<string, string>;
type Checked = { client: OAuthClient; user: User; params: Params };

const usable = (u: User | undefined): u is User => !!u && u.active && !u.suspended;

function withQuery(uri: string, params: Params): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** Validates an authorization request: refuse on a page (no trusted redirect) or by redirecting with `error`. */
function checkAuthorization(params: Params, host: OAuthHost): Checked | StandinResponse {
  const client = host.client(params.client_id ?? "");
  if (!client) return html(400, errorPage("invalid_client", DESCRIPTIONS.invalid_client));
  const uri = params.redirect_uri ?? "";
  if (!client.redirectUris.includes(uri)) {
    return html(400, errorPage("invalid_redirect_uri", DESCRIPTIONS.invalid_redirect_uri));
  }
  const back = (error: keyof typeof DESCRIPTIONS, description: string = DESCRIPTIONS[error]) =>
    redirect(withQuery(uri, { error, error_description: description, ...pick(params, "state") }));
  if (params.response_type !== "code") return back("unsupported_response_type");
  if (!validScope(params.scope ?? "")) return back("invalid_scope");
  const challenge = params.code_challenge;
  if (challenge !== undefined && params.code_challenge_method !== "S256") {
    return back("invalid_request", "code_challenge_method must be S256");
  }
  if (challenge === undefined && client.secret === null) {
    return back("invalid_request", "a public client must use PKCE (code_challenge)");
  }
  const user = host.authorize.userId === null ? undefined : host.user(host.authorize.userId);
  if (!usable(user))
    return html(400, errorPage("login_required", "No active user is signed in to this account."));
  return { client, user, params };
}

const pick = (params: Params, ...names: string[]): Params =>
  Object.fromEntries(names.filter((n) => params[n] !== undefined).map((n) => [n, params[n] ?? ""]));

function decide(checked: Checked, decision: "allow" | "deny", host: OAuthHost): StandinResponse {
  const { params, client, user } = checked;
  const uri = params.redirect_uri ?? "";
  if (decision === "deny") {
    const error = { error: "access_denied", error_description: DESCRIPTIONS.access_denied };
    return redirect(withQuery(uri, { ...error, ...pick(params, "state") }));
  }
  const code: AuthCode = host.tokens.issueCode(
    {
      clientId: client.identifier,
      redirectUri: uri,
      scope: params.scope ?? "",
      userId: user.id,
      challenge: params.code_challenge ?? null,
    },
    host.now(),
  );
  return redirect(withQuery(uri, { code: code.code, ...pick(params, "state") }));
}

const AUTH_PARAMS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
];

export function authorize(req: StandinRequest, host: OAuthHost): StandinResponse {
  const params = pick(Object.fromEntries(req.url.searchParams), ...AUTH_PARAMS);
  const checked = checkAuthorization(params, host);
  if (!("client" in checked)) return checked;
  if (host.authorize.decision !== "ask") return decide(checked, host.authorize.decision, host);
  return html(
    200,
    consentPage({
      subdomain: host.subdomain,
      clientName: checked.client.name,
      userName: checked.user.name,
      scope: params.scope ?? "",
      action: `${host.base}/oauth/authorizations`,
      params,
    }),
  );
}

/** The consent page's Allow or Deny. */
export function consent(req: StandinRequest, host: OAuthHost): StandinResponse {
  const parsed = parseBody(req);
  const form = parsed.ok && isRecord(parsed.value) ? (parsed.value as Params) : {};
  const checked = checkAuthorization(pick(form, ...AUTH_PARAMS), host);
  if (!("client" in checked)) return checked;
  return decide(checked, form.decision === "allow" ? "allow" : "deny", host);
}

const fail = (e: OAuthError) =>
  json(e.status, { error: e.error, error_description: e.error_description }, { "Cache-Control": "no-store" });

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const num = (v: unknown) => (v === undefined || v === "" ? undefined : Number(v));

/** client_id and client_secret from the body, or from HTTP Basic. */
function clientCredentials(req: StandinRequest, body: Record<string, unknown>) {
  const basic = /^basic (.+)$/i.exec(header(req, "authorization") ?? "")?.[1];
  if (basic) {
    const [id = "", secret = ""] = Buffer.from(basic, "base64").toString("utf8").split(":");
    return { id, secret: secret || undefined };
  }
  return { id: text(body.client_id) ?? "", secret: text(body.client_secret) };
}

const narrower = (asked: string | undefined, granted: string) =>
  asked === undefined || asked.split(" ").every((s) => s === "" || granted.split(" ").includes(s));

export function tokens(req: StandinRequest, host: OAuthHost): StandinResponse {
  const parsed = parseBody(req);
  if (!parsed.ok || !isRecord(parsed.value)) return fail(oauthError("invalid_request"));
  const body = parsed.value;
  const grant = text(body.grant_type);
  if (grant === undefined) return fail(oauthError("invalid_request", 400, "grant_type is required"));
  if (grant !== "authorization_code" && grant !== "refresh_token")
    return fail(oauthError("unsupported_grant_type"));
  const creds = clientCredentials(req, body);
  const client = host.client(creds.id);
  if (!client || (creds.secret !== undefined && creds.secret !== client.secret)) {
    return fail(oauthError("invalid_client", 401));
  }
  const now = host.now();
  const ttls = lifetimes(client, {
    expires_in: num(body.expires_in),
    refresh_token_expires_in: num(body.refresh_token_expires_in),
  });
  if (!ttls.ok) return fail(ttls.error);
  const scope = text(body.scope);
  let user: number;
  let granted: string;
  if (grant === "authorization_code") {
    const code = host.tokens.takeCode(text(body.code) ?? "", now);
    if (!code || code.clientId !== client.identifier || text(body.redirect_uri) !== code.redirectUri) {
      return fail(oauthError("invalid_grant"));
    }
    const verifier = text(body.code_verifier);
    if (code.challenge !== null && (verifier === undefined || s256(verifier) !== code.challenge)) {
      return fail(oauthError("invalid_grant", 400, "The code_verifier does not match the code_challenge"));
    }
    // Without PKCE, a confidential client proves itself with its secret.
    if (code.challenge === null && creds.secret === undefined) return fail(oauthError("invalid_client", 401));
    [user, granted] = [code.userId, code.scope];
  } else {
    const old = host.tokens.byRefreshToken(text(body.refresh_token) ?? "", now);
    if (!old || old.clientId !== client.identifier) return fail(oauthError("invalid_grant"));
    if (client.secret !== null && creds.secret === undefined) return fail(oauthError("invalid_client", 401));
    if (!narrower(scope, old.scope)) return fail(oauthError("invalid_scope"));
    // Rotation: the previous access and refresh tokens are deleted.
    host.tokens.revoke(old.id);
    [user, granted] = [old.userId, old.scope];
  }
  if (!narrower(scope, granted)) return fail(oauthError("invalid_scope"));
  const pair = host.tokens.issuePair(
    {
      clientId: client.identifier,
      userId: user,
      scope: scope ?? granted,
      access: ttls.access,
      refresh: ttls.refresh,
    },
    now,
  );
  return json(201, tokenBody(pair, ttls), { "Cache-Control": "no-store" });
}

function tokenBody(pair: TokenPair, ttls: { access: number | null; refresh: number }) {
  return {
    access_token: pair.accessToken,
    token_type: "bearer",
    scope: pair.scope,
    expires_in: ttls.access,
    refresh_token: pair.refreshToken,
    refresh_token_expires_in: ttls.refresh,
  };
}
