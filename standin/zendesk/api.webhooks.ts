// The Webhooks API (developer.zendesk.com/api-reference/webhooks/webhooks-api/webhooks): create, list with cursor
// pagination, show, update, patch, delete, and the signing secret. Errors in its `{errors: [...]}` shape.

import type { ApiContext } from "./api.ts";
import { isRecord, json, noContent, parseJson, type Route, type StandinRequest } from "./http.ts";
import {
  checkSigningSecret,
  checkWebhook,
  renderWebhook,
  type Webhook,
  type WebhookProblem,
} from "./webhook-registry.ts";

const failure = (status: number, errors: WebhookProblem[]) => json(status, { errors });
const notFound = (id: string) =>
  failure(404, [{ code: "RecordNotFound", title: "Not found", detail: `Webhook ${id} not found` }]);
const badBody = (detail: string) => failure(400, [{ code: "InvalidValue", title: "Invalid value", detail }]);

/** The `webhook` object of a request body, or the 400 that refuses it. */
function webhookOf(req: StandinRequest) {
  const raw = parseJson(req.body);
  if (!raw.ok) return { ok: false as const, response: badBody("The request body is not valid JSON") };
  const webhook = isRecord(raw.value) ? raw.value.webhook : undefined;
  if (!isRecord(webhook)) return { ok: false as const, response: badBody("webhook is required") };
  return { ok: true as const, webhook };
}

const by = (ctx: ApiContext) => ({ userId: ctx.principal.user.id, at: ctx.store.stampNow(), now: ctx.now() });

function create(req: StandinRequest, ctx: ApiContext) {
  const body = webhookOf(req);
  if (!body.ok) return body.response;
  const fields = checkWebhook(body.webhook);
  const secret = checkSigningSecret(body.webhook.signing_secret);
  if (!fields.ok || !secret.ok) {
    return failure(400, [...(fields.ok ? [] : fields.errors), ...(secret.ok ? [] : secret.errors)]);
  }
  const hook = ctx.registry.add(fields.value, { ...by(ctx), secret: secret.value });
  return json(201, { webhook: renderWebhook(hook) });
}

const PAGE_MAX = 100;

/** Cursor pagination as on every newer Zendesk list: `page[size]`, `page[after]`, `meta`, `links`. */
function list(req: StandinRequest, ctx: ApiContext) {
  const q = req.url.searchParams;
  const size = Number(q.get("page[size]") ?? PAGE_MAX);
  if (!Number.isInteger(size) || size < 1 || size > PAGE_MAX) {
    return failure(400, [
      { code: "InvalidPaginationParameter", title: "Invalid page size", detail: "1..100" },
    ]);
  }
  const status = q.get("filter[status]");
  const contains = q.get("filter[name_contains]")?.toLowerCase();
  const all = ctx.registry
    .list()
    .filter(
      (h) =>
        (status === null || h.status === status) && (!contains || h.name.toLowerCase().includes(contains)),
    );
  const after = q.get("page[after]");
  const start = after === null ? 0 : all.findIndex((h) => h.id > after);
  const from = start < 0 ? all.length : start;
  const page = all.slice(from, from + size);
  const hasMore = from + size < all.length;
  const last = page.at(-1)?.id ?? null;
  const next = new URL(req.url);
  next.searchParams.set("page[after]", last ?? "");
  return json(200, {
    webhooks: page.map(renderWebhook),
    meta: { has_more: hasMore, after_cursor: last, before_cursor: page[0]?.id ?? null },
    links: { next: hasMore ? next.toString() : null, prev: null },
  });
}

function withHook(handle: (req: StandinRequest, ctx: ApiContext, hook: Webhook) => ReturnType<typeof json>) {
  return (req: StandinRequest, ctx: ApiContext, match: RegExpExecArray) => {
    const id = match[1] ?? "";
    const hook = ctx.registry.get(id);
    return hook ? handle(req, ctx, hook) : notFound(id);
  };
}

/** PUT replaces every field; PATCH merges what it names. Both answer 204, as Zendesk does. */
const update = (merge: boolean) =>
  withHook((req, ctx, hook) => {
    const body = webhookOf(req);
    if (!body.ok) return body.response;
    if (body.webhook.signing_secret !== undefined) {
      return badBody("signing_secret cannot be set when updating a webhook");
    }
    const fields = checkWebhook(merge ? { ...renderWebhook(hook), ...body.webhook } : body.webhook);
    if (!fields.ok) return failure(400, fields.errors);
    ctx.registry.replace(hook.id, fields.value, by(ctx));
    return noContent();
  });

const secretOf = (hook: Webhook) => ({ signing_secret: { algorithm: "SHA256", secret: hook.secret } });

const ONE = /^\/api\/v2\/webhooks\/([0-9A-Za-z]+)$/;
const SECRET = /^\/api\/v2\/webhooks\/([0-9A-Za-z]+)\/signing_secret$/;

export const WEBHOOK_ROUTES: Route<ApiContext>[] = [
  { method: "POST", pattern: /^\/api\/v2\/webhooks$/, handle: create },
  { method: "GET", pattern: /^\/api\/v2\/webhooks$/, handle: list },
  {
    method: "GET",
    pattern: ONE,
    handle: withHook((_r, _c, hook) => json(200, { webhook: renderWebhook(hook) })),
  },
  { method: "PUT", pattern: ONE, handle: update(false) },
  { method: "PATCH", pattern: ONE, handle: update(true) },
  {
    method: "DELETE",
    pattern: ONE,
    handle: withHook((_r, ctx, hook) => {
      ctx.registry.delete(hook.id);
      return noContent();
    }),
  },
  { method: "GET", pattern: SECRET, handle: withHook((_r, _c, hook) => json(200, secretOf(hook))) },
  {
    method: "POST",
    pattern: SECRET,
    handle: withHook((_r, ctx, hook) => json(201, secretOf(ctx.registry.resetSecret(hook.id) ?? hook))),
  },
];
