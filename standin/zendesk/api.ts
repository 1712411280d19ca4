// The Support API's ticket and user routes under /api/v2, answering as Zendesk does (status codes, error bodies,
// shapes). Authentication, faults and limits are the account's job; these are plain functions of state and request.

import { z } from "zod";
import type { Installations } from "./api.apps.ts";
import type { Principal } from "./api.auth.ts";
import type { HelpCenter } from "./api.help-center.ts";
import type { Views } from "./api.views.ts";
import { paginateComments } from "./comments.ts";
import { json, noContent, parseJson, type Route, type StandinRequest, type StandinResponse } from "./http.ts";
import { type StoreError, sameStamp, type TicketChanges, via } from "./model.ts";
import type { TokenBook } from "./oauth.model.ts";
import type { ZendeskStore } from "./store.ts";
import type { WebhookRegistry } from "./webhook-registry.ts";
import { renderAudit, renderTicket, renderUser } from "./wire.ts";

/** What every API handler gets: the account's state, who is asking, and the base its URLs are built on. */
export type ApiContext = {
  store: ZendeskStore;
  tokens: TokenBook;
  registry: WebhookRegistry;
  apps: Installations;
  views: Views;
  helpCenter: HelpCenter;
  principal: Principal;
  /** `{origin}` or `{origin}/{subdomain}`, as the client called it. */
  base: string;
  now: () => number;
};

const NOT_FOUND = { error: "RecordNotFound", description: "Not found" };
const UPDATE_CONFLICT = {
  error: "UpdateConflict",
  description:
    "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.",
};

const Tags = z.union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,]+/))]);
const Id = z.coerce.number().int().positive();
const CustomFields = z.array(z.object({ id: Id, value: z.unknown() }));
const CommentBody = z.looseObject({
  body: z.string().optional(),
  html_body: z.string().optional(),
  public: z.boolean().optional(),
  author_id: Id.optional(),
});
const SafeUpdate = { safe_update: z.boolean().optional(), updated_stamp: z.string().optional() };
const UpdateBody = z.object({
  ticket: z.looseObject({
    comment: CommentBody.optional(),
    status: z.string().optional(),
    tags: Tags.optional(),
    additional_tags: Tags.optional(),
    remove_tags: Tags.optional(),
    assignee_id: Id.nullable().optional(),
    custom_fields: CustomFields.optional(),
    ...SafeUpdate,
  }),
});
const CreateBody = z.object({
  ticket: z.looseObject({
    subject: z.string().optional(),
    comment: CommentBody,
    requester_id: Id.optional(),
    requester: z.object({ name: z.string(), email: z.string().optional() }).optional(),
    status: z.string().optional(),
    tags: Tags.optional(),
    assignee_id: Id.nullable().optional(),
    group_id: Id.nullable().optional(),
    brand_id: Id.nullable().optional(),
    custom_fields: CustomFields.optional(),
  }),
});
const TagsBody = z.looseObject({ tags: Tags, ...SafeUpdate });

/** The one mapping from store failures to Zendesk's answers. */
export function storeErrorResponse(error: StoreError): StandinResponse {
  switch (error.kind) {
    case "not_found":
      return json(404, NOT_FOUND);
    case "conflict":
      return json(422, { error: "DuplicateValue", description: error.description });
    case "invalid":
      return json(422, {
        error: "RecordInvalid",
        description: "Record validation errors",
        details: error.details,
      });
  }
}

function parse<T>(
  req: StandinRequest,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; response: StandinResponse } {
  const raw = parseJson(req.body);
  if (!raw.ok) return raw;
  const result = schema.safeParse(raw.value);
  if (result.success) return { ok: true, value: result.data };
  const description = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  return { ok: false, response: json(400, { error: "InvalidValue", description }) };
}

/** safe_update: refuse when the caller's view of the ticket is older than the ticket. */
function staleStamp(
  store: ZendeskStore,
  id: number,
  body: { safe_update?: boolean; updated_stamp?: string },
): StandinResponse | undefined {
  const ticket = store.tickets.get(id);
  if (!ticket) return json(404, NOT_FOUND);
  if (body.safe_update !== true) return undefined;
  if (body.updated_stamp === undefined) {
    const details = {
      updated_stamp: [{ description: "Updated stamp: is required with safe_update", error: "BlankValue" }],
    };
    return json(422, { error: "RecordInvalid", description: "Record validation errors", details });
  }
  // Zendesk compares to the second: a stamp taken earlier within the same second still passes.
  return sameStamp(body.updated_stamp, ticket.updated_at, store.precision)
    ? undefined
    : json(409, UPDATE_CONFLICT);
}

type Handler = (req: StandinRequest, ctx: ApiContext, param: string) => StandinResponse;

const getTicket: Handler = (_req, { store, base }, param) => {
  const ticket = store.tickets.get(Number(param));
  return ticket ? json(200, { ticket: renderTicket(ticket, base) }) : json(404, NOT_FOUND);
};

const updateTicket: Handler = (req, ctx, param) => {
  const id = Number(param);
  const body = parse(req, UpdateBody);
  if (!body.ok) return body.response;
  const { comment, safe_update, updated_stamp, ...rest } = body.value.ticket;
  const refused = staleStamp(ctx.store, id, { safe_update, updated_stamp });
  if (refused) return refused;
  const actorId = ctx.principal.user.id;
  const changes: TicketChanges = {
    status: rest.status,
    tags: rest.tags,
    additional_tags: rest.additional_tags,
    remove_tags: rest.remove_tags,
    assignee_id: rest.assignee_id,
    custom_fields: rest.custom_fields,
    comment: comment && { ...comment, author_id: comment.author_id ?? actorId },
  };
  const result = ctx.store.update(id, changes, { actorId, via: via("api") });
  if (!result.ok) return storeErrorResponse(result.error);
  const { ticket, audit } = result.value;
  return json(200, { ticket: renderTicket(ticket, ctx.base), audit: renderAudit(audit) });
};

const createTicket: Handler = (req, { store, principal, base }) => {
  const body = parse(req, CreateBody);
  if (!body.ok) return body.response;
  const t = body.value.ticket;
  const actor = principal.user;
  const requester = t.requester
    ? (store.findUserByEmail(t.requester.email ?? "") ?? store.putUser({ ...t.requester, role: "end-user" }))
    : undefined;
  const input = {
    subject: t.subject ?? "",
    requester_id: requester?.id ?? t.requester_id ?? actor.id,
    assignee_id: t.assignee_id,
    group_id: t.group_id,
    brand_id: t.brand_id,
    custom_fields: t.custom_fields,
    status: t.status,
    tags: t.tags,
    comments: [{ ...t.comment, author_id: t.comment.author_id ?? actor.id }],
  };
  const result = store.createTicket(input, { actorId: actor.id, via: via("api") });
  if (!result.ok) return storeErrorResponse(result.error);
  return json(201, { ticket: renderTicket(result.value.ticket, base) });
};

const listComments: Handler = (req, { store }, param) => {
  const comments = store.comments.get(Number(param));
  return comments ? paginateComments(comments, req.url) : json(404, NOT_FOUND);
};

const getTags: Handler = (_req, { store }, param) => {
  const ticket = store.tickets.get(Number(param));
  return ticket ? json(200, { tags: [...ticket.tags] }) : json(404, NOT_FOUND);
};

/** PUT adds, POST replaces, DELETE removes; DELETE may carry its tags in the query string. */
const changeTags: Handler = (req, ctx, param) => {
  const id = Number(param);
  if (!ctx.store.tickets.has(id)) return json(404, NOT_FOUND);
  const query = req.url.searchParams.get("tags");
  const body =
    req.body.trim() === "" && query !== null
      ? {
          ok: true as const,
          value: { tags: query.split(","), safe_update: undefined, updated_stamp: undefined },
        }
      : parse(req, TagsBody);
  if (!body.ok) return body.response;
  const refused = staleStamp(ctx.store, id, body.value);
  if (refused) return refused;
  const field = req.method === "PUT" ? "additional_tags" : req.method === "POST" ? "tags" : "remove_tags";
  const result = ctx.store.update(
    id,
    { [field]: body.value.tags },
    { actorId: ctx.principal.user.id, via: via("api") },
  );
  if (!result.ok) return storeErrorResponse(result.error);
  return json(req.method === "POST" ? 201 : 200, { tags: result.value.ticket.tags });
};

const getUser: Handler = (_req, { store, principal, base }, param) => {
  const user = param === "me" ? principal.user : store.users.get(Number(param));
  return user ? json(200, { user: renderUser(user, base) }) : json(404, NOT_FOUND);
};

/** The token the request came with: shown (its first 10 characters only) or revoked (204). */
const currentToken: Handler = (req, { principal, tokens }) => {
  const pair = principal.pair;
  if (!pair) return json(404, NOT_FOUND);
  if (req.method === "DELETE") {
    tokens.revoke(pair.id);
    return noContent();
  }
  const token = {
    id: pair.id,
    client_id: pair.clientId,
    user_id: pair.userId,
    token: pair.accessToken.slice(0, 10),
    scopes: pair.scope.split(" "),
    created_at: new Date(pair.createdAt).toISOString(),
    expires_at: pair.accessExpiresAt === null ? null : new Date(pair.accessExpiresAt).toISOString(),
  };
  return json(200, { token });
};

const TICKET = /^\/api\/v2\/tickets\/(\d+)(?:\.json)?$/;
const TAGS = /^\/api\/v2\/tickets\/(\d+)\/tags(?:\.json)?$/;
const CURRENT_TOKEN = /^\/api\/v2\/oauth\/tokens\/current(?:\.json)?$/;
const one = (handle: Handler) => (req: StandinRequest, ctx: ApiContext, m: RegExpExecArray) =>
  handle(req, ctx, m[1] ?? "");

export const SUPPORT_ROUTES: Route<ApiContext>[] = [
  { method: "GET", pattern: TICKET, handle: one(getTicket) },
  { method: "PUT", pattern: TICKET, handle: one(updateTicket) },
  { method: "POST", pattern: /^\/api\/v2\/tickets(?:\.json)?$/, handle: one(createTicket) },
  { method: "GET", pattern: /^\/api\/v2\/tickets\/(\d+)\/comments(?:\.json)?$/, handle: one(listComments) },
  { method: "GET", pattern: TAGS, handle: one(getTags) },
  { method: "PUT", pattern: TAGS, handle: one(changeTags) },
  { method: "POST", pattern: TAGS, handle: one(changeTags) },
  { method: "DELETE", pattern: TAGS, handle: one(changeTags) },
  { method: "GET", pattern: /^\/api\/v2\/users\/(\d+|me)(?:\.json)?$/, handle: one(getUser) },
  { method: "GET", pattern: CURRENT_TOKEN, handle: one(currentToken) },
  { method: "DELETE", pattern: CURRENT_TOKEN, handle: one(currentToken) },
];
