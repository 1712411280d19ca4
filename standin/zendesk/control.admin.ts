// One account's admin-side control routes: what an admin does in Admin Center (OAuth clients and the consent
// decision, revoking an app's access, installing apps, views, Help Center, required-to-solve fields, registered
// webhooks) plus the account's clock and strictness switches.

import { z } from "zod";
import { renderInstallation } from "./api.apps.ts";
import type { ControlContext } from "./control.shared.ts";
import { type ControlRoute, Id, parse } from "./control.shared.ts";
import { json, type StandinRequest, type StandinResponse } from "./http.ts";
import { isGlobalClient, type OAuthClient, TTL_LIMITS } from "./oauth.model.ts";

const ClientInput = z.object({
  identifier: z.string().regex(/^[a-z0-9_-]+$/i),
  name: z.string().min(1).optional(),
  /** null: a public client (PKCE only). */
  secret: z.string().min(1).nullable().optional(),
  redirect_uris: z.array(z.url()).min(1),
  access_token_ttl: z.number().int().positive().nullable().optional(),
  refresh_token_ttl: z.number().int().positive().optional(),
});
const AuthorizeInput = z.object({
  decision: z.enum(["ask", "allow", "deny"]).optional(),
  userId: Id.optional(),
});
const SettingValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const InstallInput = z.object({
  app_id: Id,
  settings: z.record(z.string(), SettingValue).optional(),
  secure: z.array(z.string()).optional(),
  enabled: z.boolean().optional(),
});
const Condition = z.object({ field: z.string(), operator: z.string(), value: z.unknown() });
const ViewInput = z.object({
  title: z.string().min(1),
  active: z.boolean().optional(),
  all: z.array(Condition).optional(),
  any: z.array(Condition).optional(),
});
const SectionInput = z.object({ id: Id.optional(), name: z.string().min(1), locale: z.string().optional() });
const SettingsInput = z.object({
  requireMarketplaceHeaders: z.boolean().optional(),
  stamps: z.enum(["seconds", "milliseconds"]).optional(),
});
const DeliveryInput = z.object({
  retryDelaysMs: z.array(z.number().nonnegative()).optional(),
  timeoutMs: z.number().positive().optional(),
  shape: z.object({ stringIds: z.boolean().optional(), upperCaseStatus: z.boolean().optional() }).optional(),
});
const SolveInput = z.object({ fields: z.array(z.object({ id: Id, title: z.string().min(1) })) });

type Handler = (req: StandinRequest, ctx: ControlContext, m: RegExpExecArray) => StandinResponse;

/** Zendesk's Admin Center > OAuth clients; a `zdg-` identifier registers a global client for every account. */
const addClient: Handler = (req, ctx) => {
  const body = parse(req, ClientInput);
  if (!body.ok) return body.response;
  const b = body.value;
  const client: OAuthClient = {
    identifier: b.identifier,
    name: b.name ?? b.identifier,
    secret: b.secret === undefined ? `secret-${b.identifier}` : b.secret,
    redirectUris: b.redirect_uris,
    accessTokenTtl: b.access_token_ttl === undefined ? TTL_LIMITS.access.default : b.access_token_ttl,
    refreshTokenTtl: b.refresh_token_ttl ?? TTL_LIMITS.refresh.default,
  };
  if (isGlobalClient(client.identifier)) ctx.addGlobalClient(client);
  else ctx.account.localClients.set(client.identifier, client);
  return json(201, { client: { ...client, global: isGlobalClient(client.identifier) } });
};

const setAuthorize: Handler = (req, { account }) => {
  const body = parse(req, AuthorizeInput);
  if (!body.ok) return body.response;
  const auth = account.settings.authorize;
  if (body.value.userId !== undefined && !account.user(body.value.userId)) {
    return json(404, { error: `No user ${body.value.userId}` });
  }
  auth.decision = body.value.decision ?? auth.decision;
  auth.userId = body.value.userId ?? auth.userId;
  return json(200, { authorize: auth });
};

const revoke: Handler = (req, { account }) => {
  const body = parse(req, z.object({ clientId: z.string().optional() }));
  if (!body.ok) return body.response;
  return json(200, { revoked: account.tokens.revokeClient(body.value.clientId) });
};

const install: Handler = (req, { account }) => {
  const body = parse(req, InstallInput);
  if (!body.ok) return body.response;
  return json(201, { installation: account.apps.install(body.value, account.store.stampNow()) });
};

/** The whole installation, secure settings included (what Zendesk's proxy substitutes for `{{setting.x}}`). */
const installation: Handler = (_req, { account }, m) => {
  const inst = account.apps.get(Number(m[1]));
  return inst ? json(200, { installation: inst }) : json(404, { error: `No installation ${m[1]}` });
};

const settings: Handler = (req, { account }) => {
  const body = parse(req, SettingsInput);
  if (!body.ok) return body.response;
  const { requireMarketplaceHeaders, stamps } = body.value;
  if (requireMarketplaceHeaders !== undefined)
    account.settings.requireMarketplaceHeaders = requireMarketplaceHeaders;
  if (stamps !== undefined) account.store.precision = stamps;
  return json(200, {
    requireMarketplaceHeaders: account.settings.requireMarketplaceHeaders,
    stamps: account.store.precision,
  });
};

const delivery: Handler = (req, { account: { feed } }) => {
  const body = parse(req, DeliveryInput);
  if (!body.ok) return body.response;
  if (body.value.retryDelaysMs) feed.retryDelaysMs = body.value.retryDelaysMs;
  if (body.value.timeoutMs) feed.timeoutMs = body.value.timeoutMs;
  if (body.value.shape) feed.shape = body.value.shape;
  return json(200, { retryDelaysMs: feed.retryDelaysMs, timeoutMs: feed.timeoutMs, shape: feed.shape });
};

const ok = (body: unknown) => json(200, body);

export const ADMIN_ROUTES: ControlRoute[] = [
  { method: "POST", pattern: /^\/oauth\/clients$/, handle: addClient },
  { method: "PUT", pattern: /^\/oauth\/authorize$/, handle: setAuthorize },
  { method: "GET", pattern: /^\/oauth\/tokens$/, handle: (_r, c) => ok({ tokens: c.account.tokens.list() }) },
  { method: "POST", pattern: /^\/oauth\/revoke$/, handle: revoke },
  { method: "POST", pattern: /^\/apps\/installations$/, handle: install },
  {
    method: "GET",
    pattern: /^\/apps\/installations$/,
    handle: (_r, c) => ok({ installations: c.account.apps.list() }),
  },
  { method: "GET", pattern: /^\/apps\/installations\/(\d+)$/, handle: installation },
  {
    method: "GET",
    pattern: /^\/apps\/installations\/(\d+)\/public$/,
    handle: (_r, c, m) => {
      const inst = c.account.apps.get(Number(m[1]));
      return inst ? ok({ installation: renderInstallation(inst) }) : json(404, { error: "No installation" });
    },
  },
  {
    method: "POST",
    pattern: /^\/views$/,
    handle: (req, c) => {
      const body = parse(req, ViewInput);
      return body.ok
        ? json(201, { view: c.account.views.create(body.value, c.account.store.stampNow()) })
        : body.response;
    },
  },
  { method: "GET", pattern: /^\/views$/, handle: (_r, c) => ok({ views: c.account.views.list() }) },
  {
    method: "DELETE",
    pattern: /^\/views\/(\d+)$/,
    handle: (_r, c, m) => ok({ deleted: c.account.views.delete(Number(m[1])) }),
  },
  {
    method: "POST",
    pattern: /^\/help-center\/sections$/,
    handle: (req, c) => {
      const body = parse(req, SectionInput);
      return body.ok ? json(201, { section: c.account.helpCenter.addSection(body.value) }) : body.response;
    },
  },
  {
    method: "POST",
    pattern: /^\/help-center\/permission-groups$/,
    handle: (req, c) => {
      const body = parse(req, z.object({ name: z.string().min(1) }));
      if (!body.ok) return body.response;
      return json(201, { permission_group: c.account.helpCenter.addPermissionGroup(body.value) });
    },
  },
  {
    method: "GET",
    pattern: /^\/help-center\/articles$/,
    handle: (_r, c) => ok({ articles: c.account.helpCenter.articles }),
  },
  {
    method: "PUT",
    pattern: /^\/help-center$/,
    handle: (req, c) => {
      const input = z.object({
        locales: z.array(z.string().min(2)).min(1).optional(),
        enabled: z.boolean().optional(),
      });
      const body = parse(req, input);
      if (!body.ok) return body.response;
      const hc = c.account.helpCenter;
      if (body.value.locales) hc.locales = body.value.locales.map((l) => l.toLowerCase());
      if (body.value.enabled !== undefined) hc.enabled = body.value.enabled;
      return ok({
        enabled: hc.enabled,
        locales: hc.locales,
        permissionGroups: hc.permissionGroups,
        userSegments: hc.userSegments,
      });
    },
  },
  {
    method: "PUT",
    pattern: /^\/solve-requirements$/,
    handle: (req, c) => {
      const body = parse(req, SolveInput);
      if (!body.ok) return body.response;
      c.account.store.solveRequirements = body.value.fields;
      return ok({ fields: body.value.fields });
    },
  },
  { method: "PUT", pattern: /^\/settings$/, handle: settings },
  { method: "PUT", pattern: /^\/webhook-delivery$/, handle: delivery },
  {
    method: "GET",
    pattern: /^\/webhooks$/,
    handle: (_r, c) => ok({ webhooks: c.account.registry.list() }),
  },
  {
    method: "POST",
    pattern: /^\/clock$/,
    handle: (req, c) => {
      const body = parse(req, z.object({ advanceMs: z.number().nonnegative() }));
      return body.ok
        ? ok({ now: new Date(c.account.clock.advance(body.value.advanceMs)).toISOString() })
        : body.response;
    },
  },
];
