// Drives the Worker inside workerd the way Zendesk and the sidebar do: the
// Zendesk stand-in (a real HTTP server) holds tickets; each change it logs is
// delivered to POST /webhooks/zendesk as a signed webhook, like Zendesk would.
import { env, exports } from "cloudflare:workers";
import { vi } from "vitest";
import { signedWebhookRequest } from "../../../standin/zendesk/webhooks";
import type { WebhookBody } from "../../../standin/zendesk/webhooks";

export const AI_AGENT_ID = 900001;
export const ANA = { id: 700001, name: "Ana" };
export const BO = { id: 700002, name: "Bo" };

const origin = () => env.ZENDESK_API_ORIGIN;

export async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${origin()}/__standin${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`stand-in ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A fresh ticket id per test, so test files can share one stand-in. */
let nextId = 0;
export function freshTicketId(): number {
  nextId += 1;
  // The stand-in assigns ids from 1,000,001 up; ours stay below.
  return 100_000 + ((Math.floor(Math.random() * 880_000) + nextId * 7919) % 890_000);
}

export interface ZComment {
  id: number;
  body: string;
  public: boolean;
  author_id: number;
}
export interface ZTicket {
  id: number;
  status: string;
  tags: string[];
  updated_at: string;
}

export async function zendeskTicket(id: number): Promise<{ ticket: ZTicket; comments: ZComment[] }> {
  const r = (await control("GET", `/tickets/${id}`)) as { ticket: ZTicket; comments: ZComment[] };
  return r;
}

export async function aiReplies(id: number): Promise<ZComment[]> {
  return (await zendeskTicket(id)).comments.filter((c) => c.author_id === AI_AGENT_ID && c.public);
}

const delivered = new Map<number, number>();

/** Events the stand-in logged for a ticket since the last call (webhook bodies). */
export async function newEvents(ticketId: number): Promise<WebhookBody[]> {
  const since = delivered.get(ticketId) ?? 0;
  const events = (await control("GET", `/events?ticketId=${ticketId}&since=${since}`)) as {
    seq: number;
    body: WebhookBody;
  }[];
  const last = events.at(-1);
  if (last) delivered.set(ticketId, last.seq);
  return events.map((e) => e.body);
}

export async function postWebhook(
  body: WebhookBody | string,
  opts: { secret?: string; timestamp?: string } = {},
) {
  const req = await signedWebhookRequest("http://worker/webhooks/zendesk", body, {
    secret: opts.secret ?? env.ZENDESK_WEBHOOK_SECRET,
    ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
  });
  return exports.default.fetch(req);
}

/** Delivers every pending stand-in event for the ticket, as Zendesk would. */
export async function deliver(ticketId: number): Promise<Response[]> {
  const out: Response[] = [];
  for (const body of await newEvents(ticketId)) out.push(await postWebhook(body));
  return out;
}

export async function createTicket(opts: {
  id?: number;
  body: string;
  subject?: string;
  requester?: string;
}) {
  const id = opts.id ?? freshTicketId();
  await control("POST", "/tickets", {
    id,
    subject: opts.subject ?? "Question",
    requester: { id: id + 5_000_000, name: opts.requester ?? "Greta Customer" },
    comments: [{ body: opts.body, author: "requester" }],
  });
  return id;
}

export async function customerWrites(ticketId: number, body: string) {
  return control("POST", `/tickets/${ticketId}/comments`, { body, public: true, author: "requester" });
}

export async function agentWrites(
  ticketId: number,
  agent: { id: number; name: string },
  body: string,
  isPublic = true,
) {
  return control("POST", `/tickets/${ticketId}/comments`, {
    body,
    public: isPublic,
    author: { id: agent.id, name: agent.name, role: "agent" },
  });
}

export async function api(method: string, path: string, body?: unknown, secret = env.APP_API_SECRET) {
  const res = await exports.default.fetch(`http://worker/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * Waits into the next whole second of the clock: Zendesk's stamps have whole seconds, so
 * a change made after this is one `safe_update` can tell from one made before. (Tests
 * share the stand-in's account and its clock, so they wait rather than move it.)
 */
export async function nextSecond(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1_050 - (Date.now() % 1_000)));
}

/** Polls until `fn` gives a truthy value, and returns it. */
export async function waitUntil<T>(
  fn: () => Promise<T | null | undefined | false>,
  timeout = 10_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const v = await fn();
      if (!v) throw new Error("not yet");
      return v;
    },
    { timeout, interval: 50 },
  );
}

export async function dispositions(ticketId: number): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT disposition FROM messages WHERE ticket_id = ? AND author_kind = 'customer' ORDER BY comment_id",
  )
    .bind(ticketId)
    .all<{ disposition: string }>();
  return results.map((r) => r.disposition);
}

/** Delivers events until the ticket's first `count` customer messages have all settled. */
export async function settled(id: number, count = 1, timeout = 20_000): Promise<string[]> {
  return waitUntil(async () => {
    await deliver(id);
    const d = await dispositions(id);
    return d.length >= count && !d.includes("pending") ? d : null;
  }, timeout);
}
