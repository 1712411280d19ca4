// The Zendesk Support API behind the Helpdesk port: tickets, comments (cursor
// pagination), users, replies with safe_update, and our state mirrored as tags,
// in the same update as a reply when there is one (Update Ticket is limited per
// account and per ticket). Statuses, stamps and tags stay in this folder. Guide's articles: zendesk.articles.ts.
import * as z from "zod";
import type { Result } from "../../lib/result";
import {
  type ArticleDraft,
  type ArticleRefusal,
  type ChosenPart,
  type HelpCenterArticle,
  type Helpdesk,
  HelpdeskError,
  type HelpdeskComment,
  type HelpdeskTicket,
  type HelpdeskUser,
  type Mirror,
  type ReplyInput,
  type ReplyOutcome,
  SolveRefused,
} from "../helpdesk.port";
import { createArticleDraft, findArticle } from "./zendesk.articles";
import type { ZendeskClient } from "./zendesk.client";
import { mirrorTags } from "./zendesk.mirror";

export { ZENDESK_TIMEOUT_MS } from "./zendesk.client";

const id = z
  .union([z.number(), z.string().regex(/^\d+$/)])
  .transform(Number)
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

const CLOSED = new Set(["solved", "closed"]);

const TicketWire = z.looseObject({
  id,
  status: z.string().transform((s) => s.toLowerCase()),
  requester_id: id.nullish(),
  subject: z.string().nullish(),
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
});

const UserWire = z.looseObject({
  id,
  name: z.string(),
  role: z.string(),
  active: z.boolean().default(true),
  suspended: z.boolean().default(false),
});

/** The update's audit: the new comment's id is how we later know a comment as ours. */
const UpdateAnswer = z.looseObject({
  audit: z.looseObject({ events: z.array(z.looseObject({ id, type: z.string() })).default([]) }).optional(),
});

const MAX_COMMENT_PAGES = 60; // Zendesk holds at most 5000 comments: 50 pages of 100.

export class ZendeskHelpdesk implements Helpdesk {
  constructor(private readonly zd: ZendeskClient) {}

  async getUser(userId: number): Promise<HelpdeskUser | null> {
    try {
      const u = z
        .object({ user: UserWire })
        .parse(await this.zd.request("GET", `/api/v2/users/${userId}.json`)).user;
      // Custom agent roles still answer `role: "agent"`; suspended users stay `active: true`.
      const role = u.role === "admin" || u.role === "agent" ? u.role : "end-user";
      return { id: u.id, name: u.name, role, active: u.active && !u.suspended };
    } catch (e) {
      if (e instanceof HelpdeskError && e.status === 404) return null;
      throw e;
    }
  }

  async getTicket(ticketId: number): Promise<HelpdeskTicket> {
    const t = z
      .object({ ticket: TicketWire })
      .parse(await this.zd.request("GET", `/api/v2/tickets/${ticketId}.json`)).ticket;
    return {
      id: t.id,
      closed: CLOSED.has(t.status),
      requesterId: t.requester_id ?? null,
      subject: t.subject ?? null,
      stamp: t.updated_at,
    };
  }

  async listComments(ticketId: number): Promise<HelpdeskComment[]> {
    const out: HelpdeskComment[] = [];
    const base = `/api/v2/tickets/${ticketId}/comments.json?page[size]=100&sort_order=asc`;
    let path: string | null = base;
    for (let page = 0; path && page < MAX_COMMENT_PAGES; page++) {
      const parsed = CommentsPage.parse(await this.zd.request("GET", path));
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
      path = cursor ? `${base}&page[after]=${encodeURIComponent(cursor)}` : null;
    }
    return out;
  }

  async postReply(input: ReplyInput): Promise<ReplyOutcome> {
    const tags = input.mirror ? mirrorTags(input.mirror) : null;
    const payload = {
      ticket: {
        comment: { body: input.body, public: true, author_id: input.authorId },
        ...(tags ? { additional_tags: tags.add, remove_tags: tags.remove } : {}),
        safe_update: true,
        updated_stamp: input.stamp,
      },
    };
    try {
      const answer = UpdateAnswer.parse(
        await this.zd.request("PUT", `/api/v2/tickets/${input.ticketId}.json`, payload),
      );
      const comment = answer.audit?.events.find((e) => e.type === "Comment");
      return { outcome: "posted", commentId: comment?.id ?? null };
    } catch (e) {
      if (e instanceof HelpdeskError && e.status === 409) return { outcome: "conflict" };
      throw e;
    }
  }

  async mirror(ticketId: number, mirror: Mirror, opts: { solve?: boolean } = {}): Promise<void> {
    const tags = mirrorTags(mirror);
    const ticket = {
      ...(opts.solve ? { status: "solved" } : {}),
      additional_tags: tags.add,
      remove_tags: tags.remove,
    };
    try {
      await this.zd.request("PUT", `/api/v2/tickets/${ticketId}.json`, { ticket });
    } catch (e) {
      // The account requires fields to solve: Zendesk refuses, and a person must solve it there.
      if (opts.solve && e instanceof HelpdeskError && e.status === 422) {
        throw new SolveRefused(`Zendesk refused to solve ticket ${ticketId}: ${e.message}`, false, 422);
      }
      throw e;
    }
  }

  createArticleDraft(
    draft: ArticleDraft,
  ): Promise<Result<{ article: HelpCenterArticle; chosen: ChosenPart[] }, ArticleRefusal>> {
    return createArticleDraft(this.zd, draft);
  }

  findArticle(articleId: number): Promise<HelpCenterArticle | null> {
    return findArticle(this.zd, articleId);
  }
}
