// The helpdesk port: everything the Worker needs from Zendesk, in our words.
// Adapters translate wire formats and classify failures; services never see HTTP.
import { UpstreamError } from "../lib/upstream";

export interface HelpdeskTicket {
  id: number;
  status: string;
  requesterId: number | null;
  subject: string | null;
  tags: string[];
  /** Zendesk's `updated_at`, passed back verbatim as `updated_stamp`. */
  updatedStamp: string;
}

export interface HelpdeskComment {
  id: number;
  authorId: number;
  body: string;
  isPublic: boolean;
  createdAt: string;
}

export interface ReplyInput {
  ticketId: number;
  body: string;
  authorId: number;
  /** Guard: Zendesk refuses the update if the ticket changed since this stamp. */
  updatedStamp: string;
}

export interface TicketUpdate {
  status?: "solved";
  addTags?: string[];
  removeTags?: string[];
}

export interface HelpdeskUser {
  id: number;
  name: string;
  role: "end-user" | "agent" | "admin";
  active: boolean;
}

export interface Helpdesk {
  /** The user, or null when the account has no such user. */
  getUser(userId: number): Promise<HelpdeskUser | null>;
  getTicket(ticketId: number): Promise<HelpdeskTicket>;
  /** All comments, oldest first (follows pagination). */
  listComments(ticketId: number): Promise<HelpdeskComment[]>;
  /** `conflict` when Zendesk's safe_update refused a stale stamp (409). */
  postPublicReply(
    input: ReplyInput,
  ): Promise<{ outcome: "posted"; updatedStamp: string } | { outcome: "conflict" }>;
  updateTicket(ticketId: number, update: TicketUpdate): Promise<void>;
}

/** A failure talking to the helpdesk (see UpstreamError for the fields). */
export class HelpdeskError extends UpstreamError {
  override name = "HelpdeskError";
}
