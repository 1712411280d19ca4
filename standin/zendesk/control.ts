// One account's control API under `/__standin/` (default account) or `/{subdomain}/__standin/`: tickets, users,
// the request log, faults, limits, the legacy webhook target, events. It plays Zendesk's own UI, never the API.

import { z } from "zod";
import { storeErrorResponse } from "./api.ts";
import { ADMIN_ROUTES } from "./control.admin.ts";
import { type ControlContext, type ControlRoute, filterOf, Id, parse, Role } from "./control.shared.ts";
import { FAULT_STATUSES } from "./faults.ts";
import { json, type StandinRequest, type StandinResponse } from "./http.ts";
import type { Result, Ticket } from "./model.ts";
import { via } from "./model.ts";
import type { ZendeskStore } from "./store.ts";

const UserInput = z.object({
  id: Id.optional(),
  name: z.string().min(1),
  email: z.string().nullish(),
  role: Role.optional(),
});
const UserState = z.object({ suspended: z.boolean() });
const Author = z.union([
  z.literal("requester"),
  z.object({ id: Id, name: z.string().min(1), role: Role.default("agent"), email: z.string().optional() }),
]);
const Tags = z.array(z.string());
const CustomFields = z.array(z.object({ id: Id, value: z.unknown() }));
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
  group_id: Id.nullish(),
  brand_id: Id.nullish(),
  custom_fields: CustomFields.optional(),
  ...Notify,
});
const TicketPatch = z.object({
  status: z.string().optional(),
  tags: Tags.optional(),
  additional_tags: Tags.optional(),
  remove_tags: Tags.optional(),
  assignee_id: Id.nullish(),
  custom_fields: CustomFields.optional(),
  comment: CommentInput.optional(),
  /** Who makes the change in Zendesk's UI; defaults to the account's admin. */
  actor: Author.optional(),
  ...Notify,
});
const FaultInput = z
  .object({
    match: z
      .object({
        method: z.string().optional(),
        path: z.string().optional(),
        pathPrefix: z.string().optional(),
        ticketId: Id.optional(),
      })
      .default({}),
    status: z.union(FAULT_STATUSES.map((s) => z.literal(s))).optional(),
    times: z.number().int().positive().default(1),
    retryAfter: z.number().int().nonnegative().optional(),
    delayMs: z.number().nonnegative().optional(),
    body: z.string().optional(),
  })
  .refine(
    (f) => f.status !== undefined || f.delayMs !== undefined || f.body !== undefined,
    "a fault needs a status, a delayMs, a body, or some of them",
  );
const Limit = z.number().int().positive().nullable().optional();
const RateLimitInput = z.object({
  requestsPerMinute: Limit,
  ticketUpdatesPerMinute: Limit,
  ticketUpdatesPerTicketUser: Limit,
});
const Shape = z.object({ stringIds: z.boolean().optional(), upperCaseStatus: z.boolean().optional() });
const WebhookInput = z.object({
  url: z.url(),
  secret: z.string().min(1),
  webhookId: z.string().optional(),
  retryDelaysMs: z.array(z.number().nonnegative()).optional(),
  timeoutMs: z.number().positive().optional(),
  shape: Shape.optional(),
});

function fail(result: Extract<Result<unknown>, { ok: false }>): StandinResponse {
  const { error } = result;
  return error.kind === "conflict" ? json(409, { error: error.description }) : storeErrorResponse(error);
}

function resolveAuthor(store: ZendeskStore, ticket: Ticket, author: z.infer<typeof Author>): number {
  return author === "requester" ? ticket.requester_id : store.putUser(author).id;
}

type Handler = (req: StandinRequest, ctx: ControlContext, id: number) => StandinResponse;

const createTicket: Handler = (req, { account }) => {
  const body = parse(req, TicketInput);
  if (!body.ok) return body.response;
  const { requester, comments, notify, ...input } = body.value;
  const { store, feed } = account;
  const existing =
    requester.id === undefined && requester.email ? store.findUserByEmail(requester.email) : undefined;
  const known = requester.id === undefined ? undefined : store.users.get(requester.id);
  const user = existing ?? store.putUser({ ...requester, role: known?.role ?? "end-user" });
  const authorOf = (c: z.infer<typeof CommentInput>) =>
    c.author === "requester" ? user.id : store.putUser(c.author).id;
  const mark = feed.lastSeq;
  const result = store.createTicket(
    { ...input, requester_id: user.id, comments: comments.map((c) => ({ ...c, author_id: authorOf(c) })) },
    { actorId: user.id, via: via("web"), notify },
  );
  if (!result.ok) return fail(result);
  const events = feed.listEvents({ since: mark }).map((e) => e.body);
  return json(201, { ...result.value, events });
};

const addComment: Handler = (req, { account }, id) => {
  const { store, feed } = account;
  const ticket = store.tickets.get(id);
  if (!ticket) return json(404, { error: `No ticket ${id}` });
  const body = parse(req, CommentInput.extend(Notify));
  if (!body.ok) return body.response;
  const { author, notify, ...comment } = body.value;
  const authorId = resolveAuthor(store, ticket, author);
  const mark = feed.lastSeq;
  const result = store.update(
    id,
    { comment: { ...comment, author_id: authorId } },
    { actorId: authorId, via: via("web"), notify },
  );
  if (!result.ok) return fail(result);
  const added = store.comments.get(id)?.at(-1);
  const events = feed.listEvents({ since: mark }).map((e) => e.body);
  return json(201, { comment: added, ticket: result.value.ticket, events });
};

const patchTicket: Handler = (req, { account }, id) => {
  const { store, feed } = account;
  const ticket = store.tickets.get(id);
  if (!ticket) return json(404, { error: `No ticket ${id}` });
  const body = parse(req, TicketPatch);
  if (!body.ok) return body.response;
  const { actor, comment, notify, ...changes } = body.value;
  const actorId = actor ? resolveAuthor(store, ticket, actor) : account.apiUser().id;
  const commentAuthor = comment && resolveAuthor(store, ticket, comment.author);
  const mark = feed.lastSeq;
  const result = store.update(
    id,
    { ...changes, comment: comment && { ...comment, author_id: commentAuthor ?? actorId } },
    { actorId, via: via("web"), notify },
  );
  if (!result.ok) return fail(result);
  const events = feed.listEvents({ since: mark }).map((e) => e.body);
  return json(200, { ticket: result.value.ticket, events });
};

const getTicket: Handler = (_req, { account: { store } }, id) => {
  const ticket = store.tickets.get(id);
  return ticket
    ? json(200, { ticket, comments: store.comments.get(id) ?? [] })
    : json(404, { error: `No ticket ${id}` });
};

const userRoute: Handler = (req, { account: { store } }, id) => {
  if (req.method === "POST") {
    const body = parse(req, UserInput);
    return body.ok ? json(201, { user: store.putUser(body.value) }) : body.response;
  }
  if (req.method === "PATCH") {
    const body = parse(req, UserState);
    if (!body.ok) return body.response;
    const user = store.setUserState(id, body.value);
    return user ? json(200, { user }) : json(404, { error: `No user ${id}` });
  }
  const user = req.method === "DELETE" ? store.setUserState(id, { deleted: true }) : store.users.get(id);
  return user ? json(200, { user }) : json(404, { error: `No user ${id}` });
};

const addFault: Handler = (req, { account }) => {
  const body = parse(req, FaultInput);
  return body.ok ? json(201, { fault: account.faults.add(body.value) }) : body.response;
};

const setRateLimit: Handler = (req, { account }) => {
  const body = parse(req, RateLimitInput);
  if (!body.ok) return body.response;
  account.limits.configure(body.value);
  return json(200, { rateLimit: account.limits.config });
};

const setWebhook: Handler = (req, { account }) => {
  const body = parse(req, WebhookInput);
  if (!body.ok) return body.response;
  account.feed.config = body.value;
  return json(200, { webhook: { url: body.value.url } });
};

const done = (body: unknown) => json(200, body);
/** Runs a side effect, then answers 200 with `body`. */
const after = (effect: () => unknown, body: unknown) => {
  effect();
  return done(body);
};
const TICKET = /^\/tickets\/(\d+)$/;
const USER = /^\/users\/(\d+)$/;
const at = (handle: Handler) => (req: StandinRequest, ctx: ControlContext, m: RegExpExecArray) =>
  handle(req, ctx, Number(m[1] ?? 0));

export const CONTROL_ROUTES: ControlRoute[] = [
  {
    method: "GET",
    pattern: /^\/health$/,
    handle: (_r, { account: a }) =>
      done({ ok: true, apiUser: a.apiUser(), subdomain: a.subdomain, accountId: a.accountId }),
  },
  { method: "POST", pattern: /^\/reset$/, handle: (_r, c) => after(() => c.account.reset(), { ok: true }) },
  { method: "POST", pattern: /^\/users$/, handle: at(userRoute) },
  { method: "GET", pattern: USER, handle: at(userRoute) },
  { method: "PATCH", pattern: USER, handle: at(userRoute) },
  { method: "DELETE", pattern: USER, handle: at(userRoute) },
  { method: "POST", pattern: /^\/tickets$/, handle: at(createTicket) },
  { method: "GET", pattern: TICKET, handle: at(getTicket) },
  { method: "PATCH", pattern: TICKET, handle: at(patchTicket) },
  { method: "POST", pattern: /^\/tickets\/(\d+)\/comments$/, handle: at(addComment) },
  {
    method: "GET",
    pattern: /^\/requests$/,
    handle: (r, c) => done(c.account.requests.list(filterOf(r.url))),
  },
  {
    method: "DELETE",
    pattern: /^\/requests$/,
    handle: (_r, c) => after(() => c.account.requests.clear(), { ok: true }),
  },
  { method: "POST", pattern: /^\/faults$/, handle: at(addFault) },
  { method: "GET", pattern: /^\/faults$/, handle: (_r, c) => done({ faults: c.account.faults.list() }) },
  { method: "DELETE", pattern: /^\/faults$/, handle: (_r, c) => done({ cleared: c.account.faults.clear() }) },
  { method: "PUT", pattern: /^\/rate-limit$/, handle: at(setRateLimit) },
  {
    method: "DELETE",
    pattern: /^\/rate-limit$/,
    handle: (_r, c) => {
      c.account.limits.configure(null);
      return done({ rateLimit: c.account.limits.config });
    },
  },
  { method: "PUT", pattern: /^\/webhook$/, handle: at(setWebhook) },
  {
    method: "DELETE",
    pattern: /^\/webhook$/,
    handle: (_r, c) => after(() => (c.account.feed.config = null), { webhook: null }),
  },
  {
    method: "GET",
    pattern: /^\/events$/,
    handle: (r, c) => done(c.account.feed.listEvents(filterOf(r.url))),
  },
  {
    method: "GET",
    pattern: /^\/deliveries$/,
    handle: (r, c) => done(c.account.feed.listDeliveries(filterOf(r.url).ticketId)),
  },
  ...ADMIN_ROUTES,
];
