// The test/demo control API under /__standin/: set up and inspect state from another process (workerd tests,
// the demo). No auth, so the server mounts it only on loopback. It plays Zendesk's own UI, never the API.

import { z } from "zod";
import { storeErrorResponse } from "./api.ts";
import type { WebhookFeed } from "./delivery.ts";
import type { Faults, RateLimiter, RequestLog } from "./faults.ts";
import { json, parseJson, type StandinRequest, type StandinResponse } from "./http.ts";
import { type Result, type Ticket, type User, via } from "./model.ts";
import type { ZendeskStore } from "./store.ts";

export type ControlContext = {
  store: ZendeskStore;
  feed: WebhookFeed;
  faults: Faults;
  rateLimiter: RateLimiter;
  log: RequestLog;
  apiUser: () => User;
  /** Back to the state the server started with (store, faults, logs, limits); the webhook target stays. */
  reset: () => void;
};

const Id = z.coerce.number().int().positive();
const Role = z.enum(["end-user", "agent", "admin"]);
const UserInput = z.object({
  id: Id.optional(),
  name: z.string().min(1),
  email: z.string().nullish(),
  role: Role.optional(),
});
const Author = z.union([
  z.literal("requester"),
  z.object({ id: Id, name: z.string().min(1), role: Role.default("agent"), email: z.string().optional() }),
]);
const Tags = z.array(z.string());
/** `notify: false` changes state without a webhook event (seeding history). */
const Notify = { notify: z.boolean().optional() };
const CommentInput = z.object({
  body: z.string().optional(),
  html_body: z.string().optional(),
  public: z.boolean().optional(),
  author: Author.default("requester"),
});
const TicketInput = z.object({
  id: Id.optional(),
  subject: z.string(),
  requester: z.object({ id: Id.optional(), name: z.string().min(1), email: z.string().optional() }),
  comments: z.array(CommentInput).min(1),
  status: z.string().optional(),
  tags: Tags.optional(),
  assignee_id: Id.nullish(),
  ...Notify,
});
const TicketPatch = z.object({
  status: z.string().optional(),
  tags: Tags.optional(),
  additional_tags: Tags.optional(),
  remove_tags: Tags.optional(),
  assignee_id: Id.nullish(),
  comment: CommentInput.optional(),
  /** Who makes the change in Zendesk's UI; defaults to the API user. */
  actor: Author.optional(),
  ...Notify,
});
const FaultInput = z
  .object({
    match: z
      .object({ method: z.string().optional(), pathPrefix: z.string().optional(), ticketId: Id.optional() })
      .default({}),
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503)]).optional(),
    times: z.number().int().positive().default(1),
    retryAfter: z.number().int().nonnegative().optional(),
    delayMs: z.number().nonnegative().optional(),
  })
  .refine(
    (f) => f.status !== undefined || f.delayMs !== undefined,
    "a fault needs a status, a delayMs, or both",
  );
const RateLimitInput = z.object({
  requestsPerMinute: z.number().int().positive().optional(),
  ticketUpdatesPerMinute: z.number().int().positive().optional(),
});
const WebhookInput = z.object({
  url: z.url(),
  secret: z.string().min(1),
  webhookId: z.string().optional(),
  retryDelaysMs: z.array(z.number().nonnegative()).optional(),
  timeoutMs: z.number().positive().optional(),
  shape: z.object({ stringIds: z.boolean().optional(), upperCaseStatus: z.boolean().optional() }).optional(),
});

type Parsed<T> = { ok: true; value: T } | { ok: false; response: StandinResponse };

function parse<T>(req: StandinRequest, schema: z.ZodType<T>): Parsed<T> {
  const raw = parseJson(req.body);
  if (!raw.ok) return raw;
  const result = schema.safeParse(raw.value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, response: json(400, { error: z.prettifyError(result.error) }) };
}

function fail(result: Extract<Result<unknown>, { ok: false }>): StandinResponse {
  const { error } = result;
  return error.kind === "conflict" ? json(409, { error: error.description }) : storeErrorResponse(error);
}

function resolveAuthor(store: ZendeskStore, ticket: Ticket, author: z.infer<typeof Author>): number {
  return author === "requester" ? ticket.requester_id : store.putUser(author).id;
}

function optionalNumber(value: string | null): number | undefined {
  return value === null || value === "" ? undefined : Number(value);
}

type Handler = (req: StandinRequest, ctx: ControlContext, param: number) => StandinResponse;

const createTicket: Handler = (req, ctx) => {
  const body = parse(req, TicketInput);
  if (!body.ok) return body.response;
  const { requester, comments, notify, ...input } = body.value;
  const { store } = ctx;
  const existing =
    requester.id === undefined && requester.email ? store.findUserByEmail(requester.email) : undefined;
  const known = requester.id === undefined ? undefined : store.users.get(requester.id);
  const user = existing ?? store.putUser({ ...requester, role: known?.role ?? "end-user" });
  const authorOf = (c: z.infer<typeof CommentInput>) =>
    c.author === "requester" ? user.id : store.putUser(c.author).id;
  const mark = ctx.feed.lastSeq;
  const result = store.createTicket(
    { ...input, requester_id: user.id, comments: comments.map((c) => ({ ...c, author_id: authorOf(c) })) },
    { actorId: user.id, via: via("web"), notify },
  );
  if (!result.ok) return fail(result);
  const events = ctx.feed.listEvents({ since: mark }).map((e) => e.body);
  return json(201, { ...result.value, events });
};

const addComment: Handler = (req, ctx, id) => {
  const ticket = ctx.store.tickets.get(id);
  if (!ticket) return json(404, { error: `No ticket ${id}` });
  const body = parse(req, CommentInput.extend(Notify));
  if (!body.ok) return body.response;
  const { author, notify, ...comment } = body.value;
  const authorId = resolveAuthor(ctx.store, ticket, author);
  const mark = ctx.feed.lastSeq;
  const result = ctx.store.update(
    id,
    { comment: { ...comment, author_id: authorId } },
    { actorId: authorId, via: via("web"), notify },
  );
  if (!result.ok) return fail(result);
  const added = ctx.store.comments.get(id)?.at(-1);
  const events = ctx.feed.listEvents({ since: mark }).map((e) => e.body);
  return json(201, { comment: added, ticket: result.value.ticket, events });
};

const patchTicket: Handler = (req, ctx, id) => {
  const ticket = ctx.store.tickets.get(id);
  if (!ticket) return json(404, { error: `No ticket ${id}` });
  const body = parse(req, TicketPatch);
  if (!body.ok) return body.response;
  const { actor, comment, notify, ...changes } = body.value;
  const actorId = actor ? resolveAuthor(ctx.store, ticket, actor) : ctx.apiUser().id;
  const commentAuthor = comment && resolveAuthor(ctx.store, ticket, comment.author);
  const mark = ctx.feed.lastSeq;
  const result = ctx.store.update(
    id,
    { ...changes, comment: comment && { ...comment, author_id: commentAuthor ?? actorId } },
    { actorId, via: via("web"), notify },
  );
  if (!result.ok) return fail(result);
  const events = ctx.feed.listEvents({ since: mark }).map((e) => e.body);
  return json(200, { ticket: result.value.ticket, events });
};

const getTicket: Handler = (_req, { store }, id) => {
  const ticket = store.tickets.get(id);
  return ticket
    ? json(200, { ticket, comments: store.comments.get(id) ?? [] })
    : json(404, { error: `No ticket ${id}` });
};

const putUser: Handler = (req, { store }) => {
  const body = parse(req, UserInput);
  return body.ok ? json(201, { user: store.putUser(body.value) }) : body.response;
};

const getUser: Handler = (_req, { store }, id) => {
  const user = store.users.get(id);
  return user ? json(200, { user }) : json(404, { error: `No user ${id}` });
};

const addFault: Handler = (req, { faults }) => {
  const body = parse(req, FaultInput);
  return body.ok ? json(201, { fault: faults.add(body.value) }) : body.response;
};

const setRateLimit: Handler = (req, { rateLimiter }) => {
  const body = parse(req, RateLimitInput);
  if (!body.ok) return body.response;
  rateLimiter.configure(body.value);
  return json(200, { rateLimit: body.value });
};

const setWebhook: Handler = (req, { feed }) => {
  const body = parse(req, WebhookInput);
  if (!body.ok) return body.response;
  feed.config = body.value;
  return json(200, { webhook: { url: body.value.url } });
};

const TICKET = /^\/__standin\/tickets\/(\d+)$/;
const ROUTES: { method: string; pattern: RegExp; handle: Handler }[] = [
  {
    method: "GET",
    pattern: /^\/__standin\/health$/,
    handle: (_r, c) => json(200, { ok: true, apiUser: c.apiUser() }),
  },
  {
    method: "POST",
    pattern: /^\/__standin\/reset$/,
    handle: (_r, c) => {
      c.reset();
      return json(200, { ok: true });
    },
  },
  { method: "POST", pattern: /^\/__standin\/users$/, handle: putUser },
  { method: "GET", pattern: /^\/__standin\/users\/(\d+)$/, handle: getUser },
  { method: "POST", pattern: /^\/__standin\/tickets$/, handle: createTicket },
  { method: "GET", pattern: TICKET, handle: getTicket },
  { method: "PATCH", pattern: TICKET, handle: patchTicket },
  { method: "POST", pattern: /^\/__standin\/tickets\/(\d+)\/comments$/, handle: addComment },
  {
    method: "GET",
    pattern: /^\/__standin\/requests$/,
    handle: (r, c) => json(200, c.log.list(filterOf(r.url))),
  },
  {
    method: "DELETE",
    pattern: /^\/__standin\/requests$/,
    handle: (_r, c) => {
      c.log.clear();
      return json(200, { ok: true });
    },
  },
  { method: "POST", pattern: /^\/__standin\/faults$/, handle: addFault },
  {
    method: "GET",
    pattern: /^\/__standin\/faults$/,
    handle: (_r, c) => json(200, { faults: c.faults.list() }),
  },
  {
    method: "DELETE",
    pattern: /^\/__standin\/faults$/,
    handle: (_r, c) => json(200, { cleared: c.faults.clear() }),
  },
  { method: "PUT", pattern: /^\/__standin\/rate-limit$/, handle: setRateLimit },
  {
    method: "DELETE",
    pattern: /^\/__standin\/rate-limit$/,
    handle: (_r, c) => {
      c.rateLimiter.configure(null);
      return json(200, { rateLimit: null });
    },
  },
  { method: "PUT", pattern: /^\/__standin\/webhook$/, handle: setWebhook },
  {
    method: "DELETE",
    pattern: /^\/__standin\/webhook$/,
    handle: (_r, c) => {
      c.feed.config = null;
      return json(200, { webhook: null });
    },
  },
  {
    method: "GET",
    pattern: /^\/__standin\/events$/,
    handle: (r, c) => json(200, c.feed.listEvents(filterOf(r.url))),
  },
  {
    method: "GET",
    pattern: /^\/__standin\/deliveries$/,
    handle: (r, c) => json(200, c.feed.listDeliveries(filterOf(r.url).ticketId)),
  },
];

function filterOf(url: URL): { ticketId?: number; since?: number } {
  return {
    ticketId: optionalNumber(url.searchParams.get("ticketId")),
    since: optionalNumber(url.searchParams.get("since")),
  };
}

export function handleControl(req: StandinRequest, ctx: ControlContext): StandinResponse {
  for (const route of ROUTES) {
    if (route.method !== req.method) continue;
    const match = route.pattern.exec(req.url.pathname);
    if (match) return route.handle(req, ctx, Number(match[1] ?? 0));
  }
  return json(404, { error: `No control route ${req.method} ${req.url.pathname}` });
}
