// The helpdesk port: everything the product needs from a helpdesk, in our words
// (tickets, comments, agents, a mirror of our state), never in a helpdesk's wire
// shapes. Zendesk is one adapter (helpdesk/zendesk/); another helpdesk is another
// adapter, not a rewrite. Adapters translate wire formats and classify failures.
import type { TicketState } from "../../../common/api.schema";
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
