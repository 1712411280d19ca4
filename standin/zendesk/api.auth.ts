// Who a Support API request is, as Zendesk decides it: an API token (Basic), the account's static OAuth token,
// or an OAuth access token issued on this account; and whether the token's scope covers the request.

import { header, json, type StandinRequest, type StandinResponse } from "./http.ts";
import type { User } from "./model.ts";
import { permits, type TokenPair } from "./oauth.model.ts";

export type Principal = {
  user: User;
  kind: "api_token" | "static_oauth" | "oauth";
  /** The grant's scope; null for credentials that reach everything. */
  scope: string | null;
  pair?: TokenPair;
};

/** What an account knows about credentials; Account implements it. */
export type Credentials = {
  email?: string;
  apiToken?: string;
  oauthToken?: string;
  /** The user behind the API token and the static OAuth token. */
  apiUser(): User;
  findPair(accessToken: string): TokenPair | undefined;
  user(id: number): User | undefined;
};

const UNAUTHENTICATED = { error: "Couldn't authenticate you" };
const INVALID_TOKEN = {
  error: "invalid_token",
  error_description: "The access token provided is expired, revoked, malformed or invalid for other reasons.",
};
const FORBIDDEN = {
  error: "Forbidden",
  description:
    "You do not have access to this page. Please contact the account owner of this help desk for further help.",
};

/** A suspended or deleted user cannot sign in, whatever credential names them. */
const usable = (user: User | undefined): user is User => !!user && user.active && !user.suspended;

export function authenticate(req: StandinRequest, creds: Credentials): Principal | StandinResponse {
  const value = header(req, "authorization") ?? "";
  const [scheme = "", credentials = ""] = value.split(" ", 2);
  if (scheme.toLowerCase() === "bearer") {
    if (creds.oauthToken && credentials === creds.oauthToken) {
      const user = creds.apiUser();
      return usable(user) ? { user, kind: "static_oauth", scope: null } : json(401, INVALID_TOKEN);
    }
    const pair = creds.findPair(credentials);
    const user = pair && creds.user(pair.userId);
    return pair && usable(user) ? { user, kind: "oauth", scope: pair.scope, pair } : json(401, INVALID_TOKEN);
  }
  if (scheme.toLowerCase() !== "basic" || !creds.email || !creds.apiToken) return json(401, UNAUTHENTICATED);
  let decoded: string;
  try {
    decoded = atob(credentials);
  } catch {
    return json(401, UNAUTHENTICATED);
  }
  const at = decoded.indexOf("/token:");
  const matches =
    at >= 0 &&
    decoded.slice(0, at).toLowerCase() === creds.email.toLowerCase() &&
    decoded.slice(at + 7) === creds.apiToken;
  const user = matches ? creds.apiUser() : undefined;
  return usable(user) ? { user, kind: "api_token", scope: null } : json(401, UNAUTHENTICATED);
}

/** The resource a path belongs to, for `{resource}:{read|write}` scopes. */
function resourceOf(path: string): string | undefined {
  const segment = /^\/api\/v2\/([a-z_]+)/.exec(path)?.[1];
  if (segment === "help_center" || segment === "guide") return "hc";
  return segment;
}

/** Admin-only areas (Webhooks, app installations); the rest of /api/v2 is for agents, bar the caller's own. */
export function roleForbidden(principal: Principal, path: string): StandinResponse | undefined {
  const role = principal.user.role;
  if (/^\/api\/v2\/(users\/me|oauth\/tokens\/current)\b/.test(path)) return undefined;
  if (/^\/api\/v2\/(webhooks|apps\/installations)\b/.test(path)) {
    return role === "admin" ? undefined : json(403, FORBIDDEN);
  }
  return role === "end-user" ? json(403, FORBIDDEN) : undefined;
}

/** `read` opens GET endpoints, `write` the others (Zendesk's "Scope"); a token's own endpoint is always open. */
export function forbidden(principal: Principal, method: string, path: string): StandinResponse | undefined {
  if (principal.scope === null || path.startsWith("/api/v2/oauth/tokens/current")) return undefined;
  const verb = method === "GET" || method === "HEAD" ? "read" : "write";
  return permits(principal.scope, verb, resourceOf(path)) ? undefined : json(403, FORBIDDEN);
}
