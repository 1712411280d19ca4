// The Support API routes under /api/v2, answering as Zendesk does (status codes, error bodies, shapes).
// Faults, rate limits and delays are the server's job; this file is a plain function of store and request.

import { z } from "zod";
import { paginateComments } from "./comments.ts";
import { header, json, parseJson, type StandinRequest, type StandinResponse } from "./http.ts";
import { type StoreError, type TicketChanges, type User, via } from "./model.ts";
import type { ZendeskStore } from "./store.ts";
import { renderAudit, renderTicket, renderUser } from "./wire.ts";

export type ApiAuth = { email: string; apiToken: string; oauthToken?: string };
export type ApiContext = { store: ZendeskStore; auth: ApiAuth; apiUser: () => User };

const NOT_FOUND = { error: "RecordNotFound", description: "Not found" };
const UPDATE_CONFLICT = {
  error: "UpdateConflict",
  description:
    "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.",
};

const Tags = z.union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,]+/))]);
const Id = z.coerce.number().int().positive();
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

export function authenticate(req: StandinRequest, auth: ApiAuth): boolean {
  const value = header(req, "authorization") ?? "";
  const [scheme = "", credentials = ""] = value.split(" ", 2);
  if (scheme.toLowerCase() === "bearer") return !!auth.oauthToken && credentials === auth.oauthToken;
  if (scheme.toLowerCase() !== "basic") return false;
  let decoded: string;
  try {
    decoded = atob(credentials);
  } catch {
    return false;
  }
  const at = decoded.indexOf("/token:");
  if (at < 0) return false;
  return (
    decoded.slice(0, at).toLowerCase() === auth.email.toLowerCase() && decoded.slice(at + 7) === auth.apiToken
  );
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
  return Date.parse(body.updated_stamp) === Date.parse(ticket.updated_at)
    ? undefined
    : json(409, UPDATE_CONFLICT);
}

type Handler = (req: StandinRequest, ctx: ApiContext, param: string) => StandinResponse;

const getTicket: Handler = (req, { store }, param) => {
  const ticket = store.tickets.get(Number(param));
  return ticket ? json(200, { ticket: renderTicket(ticket, req.url.origin) }) : json(404, NOT_FOUND);
};

const updateTicket: Handler = (req, ctx, param) => {
  const id = Number(param);
  const body = parse(req, UpdateBody);
  if (!body.ok) return body.response;
  const { comment, safe_update, updated_stamp, ...rest } = body.value.ticket;
  const refused = staleStamp(ctx.store, id, { safe_update, updated_stamp });
  if (refused) return refused;
  const actorId = ctx.apiUser().id;
  const changes: TicketChanges = {
    status: rest.status,
    tags: rest.tags,
    additional_tags: rest.additional_tags,
    remove_tags: rest.remove_tags,
    assignee_id: rest.assignee_id,
    comment: comment && { ...comment, author_id: comment.author_id ?? actorId },
  };
  const result = ctx.store.update(id, changes, { actorId, via: via("api") });
  if (!result.ok) return storeErrorResponse(result.error);
  const { ticket, audit } = result.value;
  return json(200, { ticket: renderTicket(ticket, req.url.origin), audit: renderAudit(audit) });
};

const createTicket: Handler = (req, { store, apiUser }) => {
  const body = parse(req, CreateBody);
  if (!body.ok) return body.response;
  const t = body.value.ticket;
  const actor = apiUser();
  const requester = t.requester
    ? (store.findUserByEmail(t.requester.email ?? "") ?? store.putUser({ ...t.requester, role: "end-user" }))
    : undefined;
  const input = {
    subject: t.subject ?? "",
    requester_id: requester?.id ?? t.requester_id ?? actor.id,
    assignee_id: t.assignee_id,
    status: t.status,
    tags: t.tags,
    comments: [{ ...t.comment, author_id: t.comment.author_id ?? actor.id }],
  };
  const result = store.createTicket(input, { actorId: actor.id, via: via("api") });
  if (!result.ok) return storeErrorResponse(result.error);
  return json(201, { ticket: renderTicket(result.value.ticket, req.url.origin) });
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
    { actorId: ctx.apiUser().id, via: via("api") },
  );
  if (!result.ok) return storeErrorResponse(result.error);
  return json(req.method === "POST" ? 201 : 200, { tags: result.value.ticket.tags });
};

const getUser: Handler = (req, { store, apiUser }, param) => {
  const user = param === "me" ? apiUser() : store.users.get(Number(param));
  return user ? json(200, { user: renderUser(user, req.url.origin) }) : json(404, NOT_FOUND);
};

const TICKET = /^\/api\/v2\/tickets\/(\d+)\.json$/;
const TAGS = /^\/api\/v2\/tickets\/(\d+)\/tags\.json$/;
const ROUTES: { method: string; pattern: RegExp; handle: Handler }[] = [
  { method: "GET", pattern: TICKET, handle: getTicket },
  { method: "PUT", pattern: TICKET, handle: updateTicket },
  { method: "POST", pattern: /^\/api\/v2\/tickets\.json$/, handle: createTicket },
  { method: "GET", pattern: /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/, handle: listComments },
  { method: "GET", pattern: TAGS, handle: getTags },
  { method: "PUT", pattern: TAGS, handle: changeTags },
  { method: "POST", pattern: TAGS, handle: changeTags },
  { method: "DELETE", pattern: TAGS, handle: changeTags },
  { method: "GET", pattern: /^\/api\/v2\/users\/(\d+|me)\.json$/, handle: getUser },
];

/** Authentication comes first, as on Zendesk: a bad credential never learns whether a ticket exists. */
export function handleSupportApi(req: StandinRequest, ctx: ApiContext): StandinResponse {
  if (!authenticate(req, ctx.auth)) return json(401, { error: "Couldn't authenticate you" });
  for (const route of ROUTES) {
    if (route.method !== req.method) continue;
    const match = route.pattern.exec(req.url.pathname);
    if (match) return route.handle(req, ctx, match[1] ?? "");
  }
  return json(404, { error: "InvalidEndpoint", description: "Not found" });
}
