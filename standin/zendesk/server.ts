// Composition root of the Zendesk stand-in: many accounts on one node:http server. `{origin}/{subdomain}/...` is that
// account (as ZENDESK_ORIGIN_TEMPLATE `http://host:port/{subdomain}` reaches it); the root is the default account.

import { serveStandin } from "../http-server.ts";
import type { Account } from "./account.ts";
import { Accounts, DEFAULT_ACCOUNT_ID, SUBDOMAIN } from "./accounts.ts";
import { handleControl } from "./control.server.ts";
import type { WebhookConfig, WebhookFeed } from "./delivery.ts";
import type { Faults, RequestLog } from "./faults.ts";
import { json, type StandinRequest, type StandinResponse } from "./http.ts";
import type { RateLimitConfig } from "./limits.ts";
import type { ZendeskStore } from "./store.ts";

export type StandinOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The default account's subdomain (it also answers at the root). */
  subdomain?: string;
  email: string;
  apiToken: string;
  oauthToken?: string;
  /** When set, every change of the default account is delivered as a signed webhook in the background. */
  webhook?: WebhookConfig;
  accountId?: number;
  /** The admin the credentials belong to (default author of API comments). */
  apiUser?: { id?: number; name?: string };
  /** Zendesk's limits (Update Ticket) unless given; null switches every limit off. */
  rateLimit?: RateLimitConfig | null;
  /** The unauthenticated control API; defaults to on only for a loopback host. */
  control?: boolean;
};

export type ZendeskStandin = {
  origin: string;
  port: number;
  /** The default account's parts, as single-account callers use them. */
  store: ZendeskStore;
  feed: WebhookFeed;
  faults: Faults;
  requests: RequestLog;
  accounts: Accounts;
  account(subdomain: string): Account | undefined;
  /** The whole pipeline without a socket, for benchmarks and in-process tests. */
  handle(req: StandinRequest): Promise<StandinResponse>;
  /** Resolves when no webhook delivery of any account (retries included) is in flight. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

const isLoopback = (host: string) => host === "127.0.0.1" || host === "::1" || host === "localhost";
const NOT_FOUND = { error: "InvalidEndpoint", description: "Not found" };
const CONTROL = "/__standin";

export async function startZendeskStandin(options: StandinOptions): Promise<ZendeskStandin> {
  const host = options.host ?? "127.0.0.1";
  const controlEnabled = options.control ?? isLoopback(host);
  const accounts = new Accounts({
    subdomain: options.subdomain ?? "default",
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    email: options.email,
    apiToken: options.apiToken,
    oauthToken: options.oauthToken,
    admin: { id: options.apiUser?.id, name: options.apiUser?.name },
    webhook: options.webhook ?? null,
    rateLimit: options.rateLimit,
  });
  accounts.reset();

  function dispatch(req: StandinRequest, account: Account, path: string, base: string) {
    if (path === CONTROL || path.startsWith(`${CONTROL}/`)) {
      if (!controlEnabled) return Promise.resolve(json(404, NOT_FOUND));
      return Promise.resolve(handleControl(req, path.slice(CONTROL.length), accounts, account, base));
    }
    return account.handle(req, path, base);
  }

  async function handle(req: StandinRequest): Promise<StandinResponse> {
    const path = req.url.pathname;
    const origin = req.url.origin;
    const first = /^\/([^/]+)(\/.*)?$/.exec(path);
    const segment = first?.[1] ?? "";
    if (segment === "api" || segment === "oauth" || segment === CONTROL.slice(1)) {
      return dispatch(req, accounts.default, path, origin);
    }
    const account = SUBDOMAIN.test(segment) ? accounts.get(segment) : undefined;
    if (!account || !first?.[2]) return json(404, NOT_FOUND);
    return dispatch(req, account, first[2], `${origin}/${segment}`);
  }

  const http = await serveStandin({
    host,
    port: options.port ?? 0,
    handle,
    onCrash: (error, method, path) => {
      // A bug in the stand-in, not a simulated outage: say so loudly.
      console.error("zendesk stand-in crashed on", method, path, error);
      return json(500, { error: "StandinBug", description: String(error) });
    },
    jsonContentType: "application/json; charset=utf-8",
  });
  const main = accounts.default;

  return {
    origin: http.origin,
    port: http.port,
    store: main.store,
    feed: main.feed,
    faults: main.faults,
    requests: main.requests,
    accounts,
    account: (subdomain) => accounts.get(subdomain),
    handle,
    settled: () => accounts.settled(),
    close: async () => {
      accounts.close();
      await http.close();
    },
  };
}
