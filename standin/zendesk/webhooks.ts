// Zendesk event-subscription webhook bodies and their signature, as Zendesk sends them (developer.zendesk.com
// "Ticket events"). Runs in Node and inside workerd: Web Crypto, TextEncoder and btoa only, never `node:`.

export const ZENDESK_EVENT_VERSION = "2022-11-06";
export const EVENT_TYPES = {
  commentAdded: "zen:event-type:ticket.comment_added",
  created: "zen:event-type:ticket.created",
  statusChanged: "zen:event-type:ticket.status_changed",
} as const;

/**
 * Zendesk sends ids as strings, statuses (and priority, type) in upper case, and `time` to the nanosecond:
 * that is the default. `{stringIds: false, upperCaseStatus: false}` gives the numeric, lower-case shape.
 */
export type WebhookShape = { stringIds?: boolean; upperCaseStatus?: boolean };

export type WebhookTicket = {
  id: number;
  subject: string;
  status: string;
  requester_id: number;
  assignee_id: number | null;
  tags: readonly string[];
  created_at: string;
  updated_at: string;
  description?: string;
  submitter_id?: number;
  group_id?: number | null;
  brand_id?: number | null;
  organization_id?: number | null;
  priority?: string | null;
  type?: string | null;
  via?: { channel: string };
};
export type WebhookComment = { id: number; body: string; html_body?: string; public: boolean };
export type WebhookAuthor = { id: number; name: string; is_staff: boolean };
/** Every builder takes the event id and time, so a caller (or a test) controls them. */
export type EnvelopeInput = {
  accountId: number;
  ticket: WebhookTicket;
  eventId?: string;
  time?: string;
  actorId?: number;
};

export type WebhookBody = {
  type: string;
  account_id: number;
  id: string;
  time: string;
  zendesk_event_version: typeof ZENDESK_EVENT_VERSION;
  subject: string;
  detail: Record<string, unknown>;
  event: Record<string, unknown>;
};

const zendeskShape = (shape: WebhookShape) => ({
  stringIds: shape.stringIds ?? true,
  upperCase: shape.upperCaseStatus ?? true,
});

function shapeId(id: number | null | undefined, shape: WebhookShape): number | string | null {
  if (id === null || id === undefined) return null;
  return zendeskShape(shape).stringIds ? String(id) : id;
}

function shapeEnum(value: string, shape: WebhookShape): string;
function shapeEnum(value: string | null | undefined, shape: WebhookShape): string | null;
function shapeEnum(value: string | null | undefined, shape: WebhookShape): string | null {
  if (value === null || value === undefined) return null;
  return zendeskShape(shape).upperCase ? value.toUpperCase() : value;
}

/** Zendesk's published examples carry nanoseconds: `2025-01-08T14:25:30.123456789Z`. */
function eventTime(time: string | undefined, shape: WebhookShape): string {
  const iso = time ?? new Date().toISOString();
  return zendeskShape(shape).stringIds ? iso.replace(/\.(\d{3})Z$/, ".$1000000Z") : iso;
}

function envelope(
  type: string,
  input: EnvelopeInput,
  event: Record<string, unknown>,
  shape: WebhookShape,
): WebhookBody {
  const t = input.ticket;
  return {
    type,
    account_id: input.accountId,
    id: input.eventId ?? crypto.randomUUID(),
    time: eventTime(input.time, shape),
    zendesk_event_version: ZENDESK_EVENT_VERSION,
    subject: `zen:ticket:${t.id}`,
    detail: {
      actor_id: shapeId(input.actorId, shape),
      assignee_id: shapeId(t.assignee_id, shape),
      brand_id: shapeId(t.brand_id, shape),
      created_at: t.created_at,
      custom_status: null,
      description: t.description ?? "",
      external_id: null,
      form_id: null,
      group_id: shapeId(t.group_id, shape),
      id: shapeId(t.id, shape),
      is_public: true,
      organization_id: shapeId(t.organization_id, shape),
      priority: shapeEnum(t.priority, shape),
      requester_id: shapeId(t.requester_id, shape),
      status: shapeEnum(t.status, shape),
      subject: t.subject,
      submitter_id: shapeId(t.submitter_id ?? t.requester_id, shape),
      tags: [...t.tags],
      type: shapeEnum(t.type, shape),
      updated_at: t.updated_at,
      via: { channel: t.via?.channel ?? "web" },
    },
    event,
  };
}

export function commentAddedEvent(
  input: EnvelopeInput & { comment: WebhookComment; author: WebhookAuthor },
  shape: WebhookShape = {},
): WebhookBody {
  const { comment, author } = input;
  const event = {
    comment: {
      id: shapeId(comment.id, shape),
      body: comment.body,
      ...(comment.html_body === undefined ? {} : { html_body: comment.html_body }),
      is_public: comment.public,
      author: { id: shapeId(author.id, shape), is_staff: author.is_staff, name: author.name },
    },
  };
  return envelope(EVENT_TYPES.commentAdded, input, event, shape);
}

export function ticketCreatedEvent(input: EnvelopeInput, shape: WebhookShape = {}): WebhookBody {
  return envelope(EVENT_TYPES.created, input, {}, shape);
}

export function statusChangedEvent(
  input: EnvelopeInput & { previous: string; current: string },
  shape: WebhookShape = {},
): WebhookBody {
  const event = { previous: shapeEnum(input.previous, shape), current: shapeEnum(input.current, shape) };
  return envelope(EVENT_TYPES.statusChanged, input, event, shape);
}

/** Zendesk's timestamp header: ISO 8601 to the second. */
export function webhookTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * base64(HMAC-SHA256(secret, timestamp + rawBody)), the secret used as a plain string.
 * The only place that knows the order (an older Zendesk page says body + timestamp).
 */
export async function signWebhook(secret: string, timestamp: string, rawBody: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(timestamp + rawBody)));
  let binary = "";
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export type WebhookHeaderInput = {
  secret: string;
  rawBody: string;
  accountId: number | string;
  webhookId?: string;
  invocationId?: string;
  timestamp?: string;
};

/** The headers of one delivery attempt; sign the exact bytes you send. */
export async function webhookHeaders(input: WebhookHeaderInput): Promise<Record<string, string>> {
  const timestamp = input.timestamp ?? webhookTimestamp();
  return {
    "Content-Type": "application/json",
    "X-Zendesk-Webhook-Signature": await signWebhook(input.secret, timestamp, input.rawBody),
    "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
    "X-Zendesk-Webhook-Id": input.webhookId ?? "01STANDINWEBHOOK000000000",
    "X-Zendesk-Webhook-Invocation-Id": input.invocationId ?? String(Math.floor(Math.random() * 1e12)),
    "X-Zendesk-Account-Id": String(input.accountId),
  };
}

/** A ready-to-send signed request (e.g. for `SELF.fetch` in a workerd test). */
export async function signedWebhookRequest(
  url: string,
  body: WebhookBody | string,
  options: Omit<WebhookHeaderInput, "rawBody" | "accountId"> & { accountId?: number | string },
): Promise<Request> {
  const rawBody = typeof body === "string" ? body : JSON.stringify(body);
  const accountId = options.accountId ?? (typeof body === "string" ? 0 : body.account_id);
  const headers = await webhookHeaders({ ...options, rawBody, accountId });
  return new Request(url, { method: "POST", headers, body: rawBody });
}
