// Zendesk's OAuth endpoints: the authorization URL (code + PKCE), the code
// exchange and the refresh (Zendesk rotates refresh tokens: a used one is dead,
// so the new pair must be kept). Errors say whether the grant is gone for good.
import * as z from "zod";
import type { MarketplaceHeaders } from "../../config";
import { HelpdeskError } from "../helpdesk.port";
import { marketplaceHeaders, ZENDESK_TIMEOUT_MS } from "./zendesk.client";

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms), or null when Zendesk did not say. */
  accessExpiresAt: number | null;
  refreshExpiresAt: number | null;
}

/** The refresh token was refused: the grant was revoked or the token used or expired. Not retryable. */
export class GrantRevoked extends HelpdeskError {
  override name = "GrantRevoked";
}

/** The scopes the product asks for: read and write of the account. */
export const SCOPE = "read write";

export function authorizeUrl(origin: string, c: OAuthClient, state: string, challenge: string): string {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: c.clientId,
    redirect_uri: c.redirectUri,
    scope: SCOPE,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  return `${origin}/oauth/authorizations/new?${q}`;
}

const TokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().nullish(),
  refresh_token_expires_in: z.number().nullish(),
});

const ErrorAnswer = z.looseObject({ error: z.string().optional(), error_description: z.string().optional() });

async function tokenRequest(
  origin: string,
  body: Record<string, string>,
  marketplace: MarketplaceHeaders | null,
  now: number,
): Promise<TokenPair> {
  let res: Response;
  try {
    res = await fetch(`${origin}/oauth/tokens`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        ...marketplaceHeaders(marketplace),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ZENDESK_TIMEOUT_MS),
    });
  } catch {
    throw new HelpdeskError("Zendesk's token endpoint did not answer", true);
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = ErrorAnswer.safeParse(json);
    const code = e.success ? (e.data.error ?? "") : "";
    const message = `Zendesk refused the token request (${res.status}${code ? ` ${code}` : ""})`;
    if (code === "invalid_grant") throw new GrantRevoked(message, false, res.status);
    throw new HelpdeskError(message, res.status === 429 || res.status >= 500, res.status);
  }
  const t = TokenAnswer.safeParse(json);
  if (!t.success) throw new HelpdeskError("Zendesk's token answer could not be read", false, res.status);
  return {
    accessToken: t.data.access_token,
    refreshToken: t.data.refresh_token,
    accessExpiresAt: t.data.expires_in ? now + t.data.expires_in * 1000 : null,
    refreshExpiresAt: t.data.refresh_token_expires_in ? now + t.data.refresh_token_expires_in * 1000 : null,
  };
}

export function exchangeCode(
  origin: string,
  c: OAuthClient,
  code: string,
  verifier: string,
  marketplace: MarketplaceHeaders | null,
  now: number,
): Promise<TokenPair> {
  return tokenRequest(
    origin,
    {
      grant_type: "authorization_code",
      code,
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uri: c.redirectUri,
      code_verifier: verifier,
    },
    marketplace,
    now,
  );
}

export function refreshTokens(
  origin: string,
  c: OAuthClient,
  refreshToken: string,
  marketplace: MarketplaceHeaders | null,
  now: number,
): Promise<TokenPair> {
  return tokenRequest(
    origin,
    {
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: c.clientId,
      client_secret: c.clientSecret,
    },
    marketplace,
    now,
  );
}
