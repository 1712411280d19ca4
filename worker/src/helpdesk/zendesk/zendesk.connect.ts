// Connecting a Zendesk account: OAuth authorization code with PKCE, then the
// Worker sets itself up in the account (its webhook and signing secret, a fresh
// API secret in the app's installation settings) and only then keeps the
// installation. A step that fails undoes the steps before it: nothing half-done
// is left active. Connecting again renews everything and retires the old.
import type { App } from "../../services";
import { pkceChallenge, randomToken, sha256Hex } from "../../installations/crypto";
import { STATE_TTL_MS, originFor } from "../../installations/installation";
import { ZendeskAccount } from "./zendesk.account";
import { staticAuth, ZendeskClient } from "./zendesk.client";
import { authorizeUrl, exchangeCode, type OAuthClient } from "./zendesk.oauth";

export type ConnectResult =
  | { ok: true; subdomain: string; installationId: string }
  | { ok: false; status: 400 | 502; step: string; detail: string };

/** What identifies our webhooks in an account: their endpoint (any installation id after it). */
export const webhookPrefix = (publicOrigin: string) => `${publicOrigin}/webhooks/zendesk/`;

function oauthClient(app: App): OAuthClient {
  const { c } = connectConfig(app);
  return {
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    redirectUri: `${c.publicOrigin}/connect/zendesk/callback`,
  };
}

function connectConfig(app: App) {
  if (!app.config.connect || !app.vault) throw new Error("connecting accounts needs ZENDESK_OAUTH_CLIENT_ID");
  return { c: app.config.connect, vault: app.vault };
}

/** The URL to send the admin to; the state and the PKCE verifier are kept (sealed) for the callback. */
export async function startConnect(app: App, subdomain: string): Promise<string> {
  const { c, vault } = connectConfig(app);
  const state = randomToken(24);
  const verifier = randomToken(48);
  await app.installations.saveState(state, subdomain, await vault.seal(verifier), app.now(), STATE_TTL_MS);
  return authorizeUrl(
    originFor(c.originTemplate, subdomain),
    oauthClient(app),
    state,
    await pkceChallenge(verifier),
  );
}

export async function finishConnect(
  app: App,
  q: { code?: string | undefined; state?: string | undefined; error?: string | undefined },
): Promise<ConnectResult> {
  const { c, vault } = connectConfig(app);
  const taken = q.state ? await app.installations.takeState(q.state, app.now()) : null;
  if (q.error)
    return { ok: false, status: 400, step: "authorization", detail: `Zendesk answered: ${q.error}` };
  if (!taken) {
    return {
      ok: false,
      status: 400,
      step: "authorization",
      detail: "This link is unknown, expired or already used.",
    };
  }
  if (!q.code) return { ok: false, status: 400, step: "authorization", detail: "Zendesk sent no code." };
  const { subdomain } = taken;
  const origin = originFor(c.originTemplate, subdomain);

  let tokens: Awaited<ReturnType<typeof exchangeCode>>;
  try {
    tokens = await exchangeCode(
      origin,
      oauthClient(app),
      q.code,
      await vault.open(taken.verifierEnc),
      app.config.marketplace,
      app.now(),
    );
  } catch (e) {
    return failed("exchanging the authorization code for tokens", e);
  }
  const account = new ZendeskAccount(
    new ZendeskClient(
      origin,
      staticAuth({ kind: "oauth", token: tokens.accessToken }),
      app.config.marketplace,
    ),
  );
  const existing = await app.installations.bySubdomain(subdomain);
  const installationId =
    existing?.id ??
    `i${randomToken(12)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "")}`;
  const prefix = webhookPrefix(c.publicOrigin);

  let me: Awaited<ReturnType<ZendeskAccount["me"]>>;
  let previous: Awaited<ReturnType<ZendeskAccount["webhooksTo"]>>;
  try {
    me = await account.me();
    previous = await account.webhooksTo(prefix);
  } catch (e) {
    return failed("reading the account", e);
  }

  let webhookId: string | null = null;
  const undo = async () => {
    if (webhookId) await account.deleteWebhook(webhookId).catch(() => undefined);
  };
  try {
    const webhook = await account.createWebhook(`${prefix}${installationId}`);
    webhookId = webhook.id;
    const signingSecret = await account.signingSecret(webhook.id);
    const appInstallationId = await account.appInstallation(c.appId);
    if (appInstallationId === null) {
      await undo();
      return {
        ok: false,
        status: 502,
        step: "setting the app's API secret",
        detail:
          "The oHallo app is not installed in this account: install it from the Marketplace, then connect.",
      };
    }
    const apiSecret = `ohs_${randomToken(32)}`;
    await account.setAppSettings(appInstallationId, { api_secret: apiSecret });
    await app.installations.saveConnection(
      {
        id: installationId,
        subdomain,
        apiSecretHash: await sha256Hex(apiSecret),
        webhookId: webhook.id,
        webhookSecretEnc: await vault.seal(signingSecret),
        accessEnc: await vault.seal(tokens.accessToken),
        refreshEnc: await vault.seal(tokens.refreshToken),
        accessExpiresAt: tokens.accessExpiresAt,
        refreshExpiresAt: tokens.refreshExpiresAt,
        appInstallationId,
        connectedById: me.id,
      },
      app.now(),
      app.databases,
    );
  } catch (e) {
    await undo();
    return failed(webhookId ? "setting the app's API secret" : "registering the webhook", e);
  }
  // Only now: the Worker's older webhooks in this account go (never two of them).
  for (const old of previous) {
    if (old.id !== webhookId) await account.deleteWebhook(old.id).catch(() => undefined);
  }
  return { ok: true, subdomain, installationId };
}

function failed(step: string, e: unknown): ConnectResult {
  const detail = e instanceof Error ? e.message.slice(0, 300) : "unknown error";
  console.warn(`connect: ${step} failed: ${detail}`);
  return { ok: false, status: 502, step, detail };
}
