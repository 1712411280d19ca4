// One Zendesk account (a subdomain): its state, credentials, webhooks, limits, faults and request log, and the
// pipeline every request to it runs through (faults, marketplace headers, OAuth or auth → limits → scope → route).

import { APP_ROUTES, Installations } from "./api.apps.ts";
import { authenticate, type Credentials, forbidden, roleForbidden } from "./api.auth.ts";
import { HELP_CENTER_ROUTES, HelpCenter } from "./api.help-center.ts";
import { type ApiContext, SUPPORT_ROUTES } from "./api.ts";
import { VIEW_ROUTES, Views } from "./api.views.ts";
import { WEBHOOK_ROUTES } from "./api.webhooks.ts";
import { Clock } from "./clock.ts";
import { type WebhookConfig, WebhookFeed } from "./delivery.ts";
import { Faults, faultResponse, type MarketplaceHeaders, RequestLog } from "./faults.ts";
import {
  header,
  json,
  type Route,
  route,
  type StandinRequest,
  type StandinResponse,
  ticketIdOf,
} from "./http.ts";
import { type RateLimitConfig, RateLimiter, ZENDESK_LIMITS } from "./limits.ts";
import type { User } from "./model.ts";
import { isGlobalClient, type OAuthClient, TokenBook, type TokenPair } from "./oauth.model.ts";
import { type AuthorizeDecision, authorize, consent, type OAuthHost, tokens } from "./oauth.routes.ts";
import { DEFAULT_ID_BASE, ZendeskStore } from "./store.ts";
import { WebhookRegistry } from "./webhook-registry.ts";

export type AccountOptions = {
  subdomain: string;
  /** `account_id` in webhook bodies and `X-Zendesk-Account-Id`. */
  accountId: number;
  /** Which id range the account's records take (0 for the default account). */
  index: number;
  /** Legacy credentials: an API token (Basic) and a static OAuth token, both the admin's. */
  email?: string;
  apiToken?: string;
  oauthToken?: string;
  /** The account's admin: behind the legacy credentials, and signed in when an OAuth client asks. */
  admin?: { id?: number; name?: string; email?: string };
  webhook?: WebhookConfig | null;
  /** Zendesk's limits unless given; null switches them off. */
  rateLimit?: RateLimitConfig | null;
  /** Global OAuth clients (`zdg-...`) work on every account. */
  globalClient(identifier: string): OAuthClient | undefined;
};

const API_ROUTES: Route<ApiContext>[] = [
  ...SUPPORT_ROUTES,
  ...WEBHOOK_ROUTES,
  ...APP_ROUTES,
  ...VIEW_ROUTES,
  ...HELP_CENTER_ROUTES,
];
const MISSING_MARKETPLACE = {
  error: "Forbidden",
  description: "X-Zendesk-Marketplace-Name, -Organization-Id and -App-Id are required",
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Account implements Credentials {
  readonly subdomain: string;
  readonly accountId: number;
  readonly clock = new Clock();
  readonly store: ZendeskStore;
  readonly registry = new WebhookRegistry();
  readonly feed: WebhookFeed;
  readonly faults = new Faults();
  readonly limits: RateLimiter;
  readonly requests = new RequestLog();
  readonly tokens = new TokenBook();
  readonly apps: Installations;
  readonly views: Views;
  readonly helpCenter: HelpCenter;
  readonly localClients = new Map<string, OAuthClient>();
  readonly settings = {
    requireMarketplaceHeaders: false,
    authorize: { decision: "ask" as AuthorizeDecision, userId: null as number | null },
  };
  readonly email: string | undefined;
  readonly apiToken: string | undefined;
  readonly oauthToken: string | undefined;
  private readonly options: AccountOptions;
  private adminId: number | undefined;

  constructor(options: AccountOptions) {
    this.options = options;
    this.subdomain = options.subdomain;
    this.accountId = options.accountId;
    this.email = options.email ?? options.admin?.email;
    this.apiToken = options.apiToken;
    this.oauthToken = options.oauthToken;
    this.adminId = options.admin?.id;
    const k = options.index;
    const ids = {
      ticket: DEFAULT_ID_BASE.ticket + k * 100_000_000,
      user: DEFAULT_ID_BASE.user + k * 1_000_000_000,
      event: DEFAULT_ID_BASE.event + k * 1_000_000_000,
      audit: DEFAULT_ID_BASE.audit + k * 1_000_000_000,
    };
    this.store = new ZendeskStore({ now: this.clock.now, ids });
    this.feed = new WebhookFeed(options.accountId, options.webhook ?? null, {
      registry: this.registry,
      now: this.clock.now,
    });
    this.limits = new RateLimiter(options.rateLimit === undefined ? ZENDESK_LIMITS : options.rateLimit);
    this.apps = new Installations(360_000_001 + k * 1_000_000);
    this.views = new Views(360_100_001 + k * 1_000_000);
    this.helpCenter = new HelpCenter(4_408_800_000_001 + k * 1_000_000_000, () => this.store.stampNow());
    this.store.onChange((change) => this.feed.record(change));
    this.reset();
  }

  /** The admin behind the legacy credentials (created on first use, as the account's owner). */
  apiUser(): User {
    const known = this.adminId === undefined ? undefined : this.store.users.get(this.adminId);
    if (known) return known;
    const admin = this.options.admin;
    const name = admin?.name ?? "Zendesk API user";
    const user = this.store.putUser({ id: this.adminId, name, email: this.email ?? null, role: "admin" });
    this.adminId = user.id;
    return user;
  }

  user(id: number): User | undefined {
    return this.store.users.get(id);
  }

  findPair(accessToken: string): TokenPair | undefined {
    return this.tokens.byAccessToken(accessToken, this.clock.now());
  }

  client(identifier: string): OAuthClient | undefined {
    return isGlobalClient(identifier)
      ? this.options.globalClient(identifier)
      : this.localClients.get(identifier);
  }

  /** Back to the start: no tickets, faults, logs, webhooks, tokens; Zendesk's limits. The legacy target stays. */
  reset(): void {
    this.store.reset();
    this.faults.clear();
    this.requests.clear();
    this.feed.clear();
    this.feed.shape = {};
    this.limits.reset();
    this.registry.clear();
    this.tokens.clear();
    this.apps.clear();
    this.views.clear();
    this.helpCenter.clear();
    this.localClients.clear();
    this.clock.reset();
    this.settings.requireMarketplaceHeaders = false;
    this.settings.authorize = { decision: "ask", userId: this.apiUser().id };
  }

  /** One request whose path is already relative to the account (`/api/v2/...`, `/oauth/...`). */
  async handle(req: StandinRequest, path: string, base: string): Promise<StandinResponse> {
    const started = Date.now();
    const ticketId = ticketIdOf(path);
    const fault = this.faults.take(req.method, path, ticketId);
    if (fault?.delayMs) await sleep(fault.delayMs);
    const answered =
      fault?.status !== undefined
        ? faultResponse({ ...fault, status: fault.status }, path)
        : this.route(req, path, base);
    const response =
      fault?.body === undefined
        ? answered
        : {
            ...answered,
            headers: { ...answered.headers, "Content-Type": "text/plain; charset=utf-8" },
            body: fault.body,
          };
    this.requests.add({
      method: req.method,
      path,
      query: req.url.search,
      ticketId: ticketId ?? null,
      status: response.status,
      at: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      headers: flatHeaders(req.headers),
      marketplace: marketplaceOf(req),
      body: loggable(req.body),
    });
    return response;
  }

  private route(req: StandinRequest, path: string, base: string): StandinResponse {
    // A browser following the authorization redirect sends no such headers; only API calls must.
    const market = marketplaceOf(req);
    const checked = path.startsWith("/api/") || path === "/oauth/tokens";
    if (
      checked &&
      this.settings.requireMarketplaceHeaders &&
      !(market?.name && market.organizationId && market.appId)
    ) {
      return json(403, MISSING_MARKETPLACE);
    }
    if (path.startsWith("/oauth/")) return this.oauth(req, path, base);
    if (!path.startsWith("/api/v2/"))
      return json(404, { error: "InvalidEndpoint", description: "Not found" });
    const principal = authenticate(req, this);
    if (!("user" in principal)) return principal;
    const userId = principal.user.id;
    const refused =
      this.limits.check({ method: req.method, path, userId }, this.clock.now()) ??
      roleForbidden(principal, path) ??
      forbidden(principal, req.method, path);
    if (refused) return refused;
    const ctx: ApiContext = {
      store: this.store,
      tokens: this.tokens,
      registry: this.registry,
      apps: this.apps,
      views: this.views,
      helpCenter: this.helpCenter,
      principal,
      base,
      now: this.clock.now,
    };
    return (
      route(API_ROUTES, req, path, ctx) ?? json(404, { error: "InvalidEndpoint", description: "Not found" })
    );
  }

  private oauth(req: StandinRequest, path: string, base: string): StandinResponse {
    const host: OAuthHost = {
      subdomain: this.subdomain,
      base,
      now: this.clock.now,
      tokens: this.tokens,
      client: (id) => this.client(id),
      user: (id) => this.user(id),
      authorize: this.settings.authorize,
    };
    if (req.method === "GET" && path === "/oauth/authorizations/new") return authorize(req, host);
    if (req.method === "POST" && path === "/oauth/authorizations") return consent(req, host);
    if (req.method === "POST" && path === "/oauth/tokens") return tokens(req, host);
    return json(404, { error: "InvalidEndpoint", description: "Not found" });
  }
}

function marketplaceOf(req: StandinRequest): MarketplaceHeaders | null {
  const name = header(req, "x-zendesk-marketplace-name") ?? null;
  const organizationId = header(req, "x-zendesk-marketplace-organization-id") ?? null;
  const appId = header(req, "x-zendesk-marketplace-app-id") ?? null;
  return name === null && organizationId === null && appId === null ? null : { name, organizationId, appId };
}

function loggable(body: string): unknown {
  if (body === "") return null;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function flatHeaders(headers: StandinRequest["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
