// The helpdesk port: everything the product needs from a helpdesk, in our words
// (tickets, comments, agents, a mirror of our state), never in a helpdesk's wire
// shapes. Zendesk is one adapter (helpdesk/zendesk/); another helpdesk is another
// adapter, not a rewrite. Adapters translate wire formats and classify failures.
import type { TicketState } from "../../../common/api.schema";
import type { Result } from "../lib/result";
import { UpstreamError } from "../lib/upstream";

export interface HelpdeskTicket {
  id: number;
  /** Solved or closed in the helpdesk: the AI may not write on it. */
  closed: boolean;
  requesterId: number | null;
  subject: string | null;
  /** The helpdesk's change stamp, passed back verbatim to refuse a stale write. */
  stamp: string;
}

export interface HelpdeskComment {
  id: number;
  authorId: number;
  body: string;
  isPublic: boolean;
  createdAt: string;
}

export interface HelpdeskUser {
  id: number;
  name: string;
  role: "end-user" | "agent" | "admin";
  /** Not deleted and not suspended. */
  active: boolean;
}

/** Our state as the helpdesk shows it to agents (views, a red dot). */
export interface Mirror {
  state: TicketState;
  attention: boolean;
  aiOff: boolean;
}

export interface ReplyInput {
  ticketId: number;
  body: string;
  authorId: number;
  /** Guard: the helpdesk refuses the write if the ticket changed since this stamp. */
  stamp: string;
  /** The mirror after this reply, written in the same update (one write per reply). */
  mirror?: Mirror;
}

export type ReplyOutcome = { outcome: "posted"; commentId: number | null } | { outcome: "conflict" };

/** An event from the helpdesk, translated by its adapter (queue messages carry these). */
export type HelpdeskEvent =
  | {
      kind: "comment_added";
      eventId: string;
      ticketId: number;
      requesterId: number | null;
      subject: string | null;
      comment: {
        id: number;
        body: string;
        isPublic: boolean;
        author: { id: number; isStaff: boolean; name: string | null };
      };
      /** When it happened in the helpdesk, in ms. */
      occurredAt?: number | null;
      scope?: TicketScope;
    }
  | {
      kind: "ticket_created";
      eventId: string;
      ticketId: number;
      requesterId: number | null;
      subject: string | null;
      scope?: TicketScope;
    }
  | { kind: "status_changed"; eventId: string; ticketId: number; closed: boolean };

/** Where a ticket came from: what an admin can limit the AI to. */
export interface TicketScope {
  channel: string | null;
  brandId: number | null;
  groupId: number | null;
}

/** Where an article goes in the helpdesk's help center. */
export interface ArticlePlacement {
  sectionId: number;
  /** Who may edit and publish it there (not who may read it). */
  permissionGroupId: number;
  locale: string;
}

/** A knowledge-base article to create as an unpublished draft, visible to everyone once someone publishes it. */
export interface ArticleDraft {
  title: string;
  /** HTML, already escaped (kb/article.html.ts). */
  bodyHtml: string;
  labels: string[];
  /** What the admin chose; a null part is the help center's first (section, group) or default (locale). */
  placement: { [K in keyof ArticlePlacement]: ArticlePlacement[K] | null };
}

export interface HelpCenterArticle {
  id: number;
  /** Where a person opens it (a draft: agents signed in to the helpdesk). */
  url: string;
  draft: boolean;
  placement: ArticlePlacement;
}

/** What the adapter chose because the draft's placement named none. */
export type ChosenPart = keyof ArticlePlacement;

/** The help center refused the article for a reason an admin must fix; a retry alone will not help. */
export type ArticleRefusal =
  | { kind: "no_help_center" }
  | { kind: "no_section" }
  | { kind: "no_permission_group" }
  /** The section or permission group named does not exist (or the help center is off). */
  | { kind: "not_found"; placement: ArticlePlacement }
  /** The helpdesk user the installation acts as may not create articles. */
  | { kind: "forbidden" }
  | { kind: "invalid"; detail: string };

export interface Helpdesk {
  /** The user, or null when the account has no such user. */
  getUser(userId: number): Promise<HelpdeskUser | null>;
  getTicket(ticketId: number): Promise<HelpdeskTicket>;
  /** All comments, oldest first. */
  listComments(ticketId: number): Promise<HelpdeskComment[]>;
  /** `conflict` when the helpdesk refused a stale stamp. */
  postReply(input: ReplyInput): Promise<ReplyOutcome>;
  /** Shows `mirror` on the ticket, and solves it when asked. */
  mirror(ticketId: number, mirror: Mirror, opts?: { solve?: boolean }): Promise<void>;
  /** Creates `draft` unpublished in the help center; infrastructure failures throw HelpdeskError. */
  createArticleDraft(
    draft: ArticleDraft,
  ): Promise<Result<{ article: HelpCenterArticle; chosen: ChosenPart[] }, ArticleRefusal>>;
  /** The article, or null when the help center no longer has it (deleted or archived). */
  findArticle(articleId: number): Promise<HelpCenterArticle | null>;
}

/** A failure talking to the helpdesk (see UpstreamError for the fields). */
export class HelpdeskError extends UpstreamError {
  override name = "HelpdeskError";
}

/** The helpdesk refused to solve the ticket (required fields): a person must. */
export class SolveRefused extends HelpdeskError {
  override name = "SolveRefused";
}

/** The installation has no working credentials any more (the grant was revoked). */
export class Disconnected extends HelpdeskError {
  override name = "Disconnected";
  constructor(
    message = "The installation is disconnected from its helpdesk; an admin must connect it again",
  ) {
    super(message, false, 401);
  }
}
