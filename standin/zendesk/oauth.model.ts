// OAuth as Zendesk runs it: clients, authorization codes, access/refresh token pairs, and the rules of each grant.
// Decisions take `now` (ms) as an argument; the HTTP shapes live in oauth.routes.ts. Node only (node:crypto).

import { createHash, randomBytes } from "node:crypto";

export type OAuthClient = {
  /** Zendesk's "Identifier", the `client_id`; a global client's starts with `zdg-`. */
  identifier: string;
  name: string;
  /** null for a public client (PKCE only). */
  secret: string | null;
  redirectUris: string[];
  /** Seconds; Zendesk's default for clients created since 2026-04-30 is 1800; null never expires. */
  accessTokenTtl: number | null;
  refreshTokenTtl: number;
};
export const isGlobalClient = (identifier: string) => identifier.startsWith("zdg-");

export type AuthCode = {
  code: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  userId: number;
  challenge: string | null;
  expiresAt: number;
};
export type TokenPair = {
  id: number;
  clientId: string;
  userId: number;
  scope: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number | null;
  refreshExpiresAt: number;
  createdAt: number;
};
export type OAuthError = { status: 400 | 401; error: string; error_description: string };

/** Doorkeeper's wording, which Zendesk's answers share (its 401 says "The access token provided is expired..."). */
export const DESCRIPTIONS = {
  invalid_request:
    "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.",
  invalid_client:
    "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
  invalid_grant:
    "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
  unsupported_grant_type: "The authorization grant type is not supported by the authorization server.",
  invalid_scope: "The requested scope is invalid, unknown, or malformed.",
  access_denied: "The resource owner or authorization server denied the request.",
  unsupported_response_type: "The authorization server does not support this response type.",
  invalid_redirect_uri: "The requested redirect uri is malformed or doesn't match client redirect URI.",
} as const;
type ErrorName = keyof typeof DESCRIPTIONS;

export const oauthError = (error: ErrorName, status: 400 | 401 = 400, detail?: string): OAuthError => ({
  status,
  error,
  error_description: detail ?? DESCRIPTIONS[error],
});

/** The code is valid for only 120 seconds (Zendesk's "Create Token for Grant Type"). */
export const CODE_TTL_MS = 120_000;
export const TTL_LIMITS = {
  access: { min: 300, max: 172_800, default: 1_800 },
  refresh: { min: 604_800, max: 7_776_000, default: 2_592_000 },
} as const;

const RESOURCES = [
  "tickets",
  "users",
  "auditlogs",
  "organizations",
  "hc",
  "apps",
  "triggers",
  "automations",
  "targets",
  "webhooks",
];

/** `read`, `write`, `impersonate`, or `{resource}:{read|write}`, space separated. */
export function validScope(scope: string): boolean {
  const parts = scope.split(" ").filter((p) => p !== "");
  return (
    parts.length > 0 &&
    parts.every((p) => {
      if (p === "read" || p === "write" || p === "impersonate") return true;
      const [resource, verb, ...rest] = p.split(":");
      return rest.length === 0 && RESOURCES.includes(resource ?? "") && (verb === "read" || verb === "write");
    })
  );
}

/** Whether a token's scope lets it read (GET) or write (anything else) this resource. */
export function permits(scope: string, verb: "read" | "write", resource: string | undefined): boolean {
  const parts = scope.split(" ");
  return parts.includes(verb) || (resource !== undefined && parts.includes(`${resource}:${verb}`));
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export const newToken = () => randomBytes(32).toString("hex");

type Ttls = { expires_in?: number; refresh_token_expires_in?: number };

/** Lifetimes asked for (seconds), checked against Zendesk's bounds, else the client's defaults. */
export function lifetimes(
  client: OAuthClient,
  asked: Ttls,
): { ok: true; access: number | null; refresh: number } | { ok: false; error: OAuthError } {
  const refresh = asked.refresh_token_expires_in ?? client.refreshTokenTtl;
  const access = asked.expires_in ?? client.accessTokenTtl;
  const bad = (detail: string) => ({ ok: false as const, error: oauthError("invalid_request", 400, detail) });
  const { access: a, refresh: r } = TTL_LIMITS;
  for (const [name, value] of Object.entries(asked)) {
    if (value !== undefined && !Number.isInteger(value))
      return bad(`${name} must be a whole number of seconds`);
  }
  if (asked.expires_in !== undefined && (asked.expires_in < a.min || asked.expires_in > a.max)) {
    return bad(`expires_in must be between ${a.min} and ${a.max} seconds`);
  }
  if (asked.refresh_token_expires_in !== undefined && (refresh < r.min || refresh > r.max)) {
    return bad(`refresh_token_expires_in must be between ${r.min} and ${r.max} seconds`);
  }
  if (access !== null && access >= refresh)
    return bad("expires_in must be less than refresh_token_expires_in");
  return { ok: true, access, refresh };
}

/** The token pairs of one account; a used or expired code or refresh token never works twice. */
export class TokenBook {
  private readonly codes = new Map<string, AuthCode>();
  private readonly pairs = new Map<number, TokenPair>();
  private nextId = 1;

  issueCode(input: Omit<AuthCode, "code" | "expiresAt">, now: number): AuthCode {
    const code: AuthCode = { ...input, code: newToken().slice(0, 40), expiresAt: now + CODE_TTL_MS };
    this.codes.set(code.code, code);
    return code;
  }

  /** Takes the code out for good, valid or not (single use). */
  takeCode(code: string, now: number): AuthCode | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    return found && found.expiresAt > now ? found : undefined;
  }

  issuePair(
    input: { clientId: string; userId: number; scope: string; access: number | null; refresh: number },
    now: number,
  ): TokenPair {
    const pair: TokenPair = {
      id: this.nextId++,
      clientId: input.clientId,
      userId: input.userId,
      scope: input.scope,
      accessToken: newToken(),
      refreshToken: newToken(),
      accessExpiresAt: input.access === null ? null : now + input.access * 1000,
      refreshExpiresAt: now + input.refresh * 1000,
      createdAt: now,
    };
    this.pairs.set(pair.id, pair);
    return pair;
  }

  byAccessToken(token: string, now: number): TokenPair | undefined {
    for (const pair of this.pairs.values()) {
      if (pair.accessToken !== token) continue;
      return pair.accessExpiresAt === null || pair.accessExpiresAt > now ? pair : undefined;
    }
    return undefined;
  }

  byRefreshToken(token: string, now: number): TokenPair | undefined {
    for (const pair of this.pairs.values()) {
      if (pair.refreshToken === token) return pair.refreshExpiresAt > now ? pair : undefined;
    }
    return undefined;
  }

  /** Deletes a pair: its access token and its refresh token both stop working. */
  revoke(id: number): boolean {
    return this.pairs.delete(id);
  }

  /** An admin removing an app's access: every pair of that client (or of every client). */
  revokeClient(clientId?: string): number {
    let n = 0;
    for (const pair of [...this.pairs.values()]) {
      if (clientId === undefined || pair.clientId === clientId) n += Number(this.pairs.delete(pair.id));
    }
    return n;
  }

  list(): TokenPair[] {
    return [...this.pairs.values()];
  }

  clear(): void {
    this.codes.clear();
    this.pairs.clear();
  }
}
