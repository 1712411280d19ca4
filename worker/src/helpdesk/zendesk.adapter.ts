// The Zendesk Support API behind the Helpdesk port. Owns auth headers, wire
// formats, pagination, timeouts and failure classification; it never retries
// by itself (the queue does, with backoff), so a failure is always visible.
import { z } from "zod";
import type { ZendeskAuth } from "../config";
import {
  type Helpdesk,
  HelpdeskError,
  type HelpdeskComment,
  type HelpdeskTicket,
  type HelpdeskUser,
  type ReplyInput,
  type TicketUpdate,
} from "./helpdesk.port";

/** Longer than Zendesk normally needs, shorter than the send lease (tickets/send.ts). */
export const ZENDESK_TIMEOUT_MS = 10_000;

const id = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

const TicketWire = z.looseObject({
  id,
  status: z.string().transform((s) => s.toLowerCase()),
  requester_id: id.nullish(),
  subject: z.string().nullish(),
  tags: z.array(z.string()).default([]),
  updated_at: z.string(),
});

const CommentWire = z.looseObject({
  id,
  author_id: id,
  body: z.string().nullish(),
  plain_body: z.string().nullish(),
  public: z.boolean().default(true),
  created_at: z.string(),
});

const CommentsPage = z.looseObject({
  comments: z.array(CommentWire),
  meta: z.looseObject({ has_more: z.boolean(), after_cursor: z.string().nullish() }).optional(),
  links: z.looseObject({ next: z.string().nullish() }).optional(),
});

const MAX_COMMENT_PAGES = 60; // Zendesk holds at most 5000 comments: 50 pages of 100.

export function authorizationHeader(auth: ZendeskAuth): string {
  if (auth.kind === "oauth") return `Bearer ${auth.token}`;
  return `Basic ${btoa(`${auth.email}/token:${auth.token}`)}`;
}

export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const UserWire = z.looseObject({
  id,
  name: z.string(),
  role: z.string(),
  active: z.boolean().default(true),
  suspended: z.boolean().default(false),
});

export class ZendeskHelpdesk implements Helpdesk {
  constructor(
    private readonly origin: string,
    private readonly auth: ZendeskAuth,
    private readonly timeoutMs: number = ZENDESK_TIMEOUT_MS,
  ) {}

  async getUser(userId: number): Promise<HelpdeskUser | null> {
    try {
      const u = z
        .object({ user: UserWire })
        .parse(await this.call("GET", `/api/v2/users/${userId}.json`)).user;
      // Zendesk's custom agent roles still answer `role: "agent"`; anything else is an end user.
      const role = u.role === "admin" || u.role === "agent" ? u.role : "end-user";
      return { id: u.id, name: u.name, role, active: u.active && !u.suspended };
    } catch (e) {
      if (e instanceof HelpdeskError && e.status === 404) return null;
      throw e;
    }
  }

  async getTicket(ticketId: number): Promise<HelpdeskTicket> {
    const body = await this.call("GET", `/api/v2/tickets/${ticketId}.json`);
    const t = z.object({ ticket: TicketWire }).parse(body).ticket;
    return {
      id: t.id,
      status: t.status,
      requesterId: t.requester_id ?? null,
      subject: t.subject ?? null,
      tags: t.tags,
      updatedStamp: t.updated_at,
    };
  }

  async listComments(ticketId: number): Promise<HelpdeskComment[]> {
    const out: HelpdeskComment[] = [];
    let path: string | null = `/api/v2/tickets/${ticketId}/comments.json?page[size]=100&sort_order=asc`;
    for (let page = 0; path && page < MAX_COMMENT_PAGES; page++) {
      const parsed = CommentsPage.parse(await this.call("GET", path));
      for (const c of parsed.comments) {
        out.push({
          id: c.id,
          authorId: c.author_id,
          body: c.plain_body ?? c.body ?? "",
          isPublic: c.public,
          createdAt: c.created_at,
        });
      }
      const cursor = parsed.meta?.has_more ? parsed.meta.after_cursor : null;
      path = cursor
        ? `/api/v2/tickets/${ticketId}/comments.json?page[size]=100&sort_order=asc&page[after]=${encodeURIComponent(cursor)}`
        : null;
    }
    return out;
  }

  async postPublicReply(
    input: ReplyInput,
  ): Promise<{ outcome: "posted"; updatedStamp: string } | { outcome: "conflict" }> {
    const payload = {
      ticket: {
        comment: { body: input.body, public: true, author_id: input.authorId },
        safe_update: true,
        updated_stamp: input.updatedStamp,
      },
    };
    try {
      const body = await this.call("PUT", `/api/v2/tickets/${input.ticketId}.json`, payload);
      const t = z.object({ ticket: TicketWire }).parse(body).ticket;
      return { outcome: "posted", updatedStamp: t.updated_at };
    } catch (e) {
      if (e instanceof HelpdeskError && e.status === 409) return { outcome: "conflict" };
      throw e;
    }
  }

  async updateTicket(ticketId: number, update: TicketUpdate): Promise<void> {
    const ticket: Record<string, unknown> = {};
    if (update.status) ticket.status = update.status;
    if (update.addTags?.length) ticket.additional_tags = update.addTags;
    if (update.removeTags?.length) ticket.remove_tags = update.removeTags;
    if (Object.keys(ticket).length === 0) return;
    await this.call("PUT", `/api/v2/tickets/${ticketId}.json`, { ticket });
  }

  private async call(method: string, path: string, json?: unknown): Promise<unknown> {
    const url = path.startsWith("http") ? path : `${this.origin}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          Authorization: authorizationHeader(this.auth),
          Accept: "application/json",
          ...(json === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: json === undefined ? null : JSON.stringify(json),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
      // A write that timed out may still have been applied by Zendesk.
      throw new HelpdeskError(
        `Zendesk ${method} ${path.split("?")[0]} ${timedOut ? "timed out" : "failed"}`,
        true,
        null,
        null,
        method !== "GET",
      );
    }
    if (res.ok) {
      try {
        return await res.json();
      } catch {
        throw new HelpdeskError(
          `Zendesk ${method} answered ${res.status} with a body that is not JSON`,
          true,
          res.status,
        );
      }
    }
    const text = await res.text().catch(() => "");
    const retryable = res.status === 429 || res.status >= 500;
    throw new HelpdeskError(
      `Zendesk ${method} ${path.split("?")[0]} answered ${res.status}${summary(text)}`,
      retryable,
      res.status,
      retryAfterMs(res.headers.get("Retry-After"), Date.now()),
    );
  }
}

const ErrorWire = z.looseObject({ error: z.unknown().optional(), description: z.unknown().optional() });

/** Zendesk's error name and description, never the request (it may carry customer text). */
function summary(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "";
  }
  const j = ErrorWire.safeParse(parsed);
  if (!j.success) return "";
  const parts = [j.data.error, j.data.description].filter((x): x is string => typeof x === "string");
  return parts.length ? `: ${parts.join(" - ").slice(0, 200)}` : "";
}
