// In-memory Zendesk state (users, tickets, comments) and the rules Zendesk applies on every change.
// Knows nothing of HTTP; every change goes through `update` so updated_at and change events stay honest.

import {
  type Audit,
  type AuditEvent,
  type Comment,
  type CommentInput,
  commentText,
  invalid,
  isStatus,
  MAX_COMMENTS,
  type NewTicket,
  normalizeTags,
  type Result,
  type Role,
  type Status,
  type StoreChange,
  type StoreError,
  type Ticket,
  type TicketChanges,
  type UpdateContext,
  type User,
  type Via,
} from "./model.ts";

const AUTO_TICKET_ID = 1_000_001;
const AUTO_USER_ID = 1_000_000_001;

export class ZendeskStore {
  readonly users = new Map<number, User>();
  readonly tickets = new Map<number, Ticket>();
  readonly comments = new Map<number, Comment[]>();
  private readonly now: () => number;
  private readonly listeners = new Set<(change: StoreChange) => void>();
  // Ids the stand-in assigns live far above the ids tests pick (below 1,000,000), so parallel test files
  // creating records through the API never take an id another file is about to choose.
  private nextUserId = AUTO_USER_ID;
  private nextTicketId = AUTO_TICKET_ID;
  private nextEventId = 10000001;
  private nextAuditId = 50000001;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reset(): void {
    this.users.clear();
    this.tickets.clear();
    this.comments.clear();
    this.nextUserId = AUTO_USER_ID;
    this.nextTicketId = AUTO_TICKET_ID;
  }

  /** Upsert: tests re-declare the same agent freely. */
  putUser(input: { id?: number; name: string; email?: string | null; role?: Role }): User {
    const existing = input.id === undefined ? undefined : this.users.get(input.id);
    const id = input.id ?? this.nextUserId++;
    this.nextUserId = Math.max(this.nextUserId, id + 1);
    const user: User = {
      id,
      name: input.name,
      email: input.email ?? existing?.email ?? null,
      role: input.role ?? existing?.role ?? "end-user",
      created_at: existing?.created_at ?? new Date(this.now()).toISOString(),
    };
    this.users.set(id, user);
    return user;
  }

  findUserByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email?.toLowerCase() === wanted) return user;
    return undefined;
  }

  createTicket(input: NewTicket, ctx: UpdateContext): Result<{ ticket: Ticket; comments: Comment[] }> {
    const [first, ...rest] = input.comments;
    if (input.id !== undefined && this.tickets.has(input.id)) {
      return { ok: false, error: { kind: "conflict", description: `Ticket ${input.id} already exists` } };
    }
    if (!first)
      return { ok: false, error: invalid("description", "Description: cannot be blank", "BlankValue") };
    if (!this.users.has(input.requester_id))
      return { ok: false, error: invalid("requester_id", "Requester: is invalid") };
    // Validate the whole history first, so a bad seed never leaves half a ticket behind.
    for (const [index, comment] of input.comments.entries()) {
      const refused = this.refuse({ comment, assignee_id: input.assignee_id }, index);
      if (refused) return { ok: false, error: refused };
    }
    const status = input.status ?? (input.assignee_id ? "open" : "new");
    if (!isStatus(status)) return { ok: false, error: invalid("status", `Status: ${status} is not valid`) };
    const id = input.id ?? this.nextTicketId;
    this.nextTicketId = Math.max(this.nextTicketId, id + 1);
    const stamp = new Date(this.now()).toISOString();
    const ticket: Ticket = {
      id,
      subject: input.subject,
      description: "",
      status,
      requester_id: input.requester_id,
      submitter_id: first.author_id,
      assignee_id: input.assignee_id ?? null,
      tags: normalizeTags(input.tags ?? []),
      via: ctx.via,
      // One ms before now, so the first comment's bump lands on "now" and stamps stay strictly increasing.
      created_at: stamp,
      updated_at: new Date(Date.parse(stamp) - 1).toISOString(),
    };
    this.tickets.set(id, ticket);
    this.comments.set(id, []);
    const quiet = { ...ctx, notify: false };
    const created = this.update(id, { comment: first }, quiet, true);
    if (!created.ok) {
      this.tickets.delete(id);
      this.comments.delete(id);
      return created;
    }
    ticket.description = this.comments.get(id)?.[0]?.plain_body ?? "";
    ticket.created_at = ticket.updated_at;
    this.emit(ctx, { type: "ticket.created", ticket: snapshot(ticket), actorId: ctx.actorId });
    this.emitComments(ctx, ticket, created.value.audit);
    // Seeded history keeps a status the caller asked for; without one, Zendesk's own moves apply.
    for (const comment of rest) {
      const next = this.update(id, { comment }, ctx, input.status !== undefined);
      if (!next.ok) return next;
    }
    return { ok: true, value: { ticket: snapshot(ticket), comments: [...(this.comments.get(id) ?? [])] } };
  }

  /**
   * Applies one Zendesk ticket update atomically: validate everything first, then change.
   * `keepStatus` skips Zendesk's automatic status moves (used while creating a ticket).
   */
  update(
    ticketId: number,
    changes: TicketChanges,
    ctx: UpdateContext,
    keepStatus = false,
  ): Result<{ ticket: Ticket; audit: Audit }> {
    const ticket = this.tickets.get(ticketId);
    const comments = this.comments.get(ticketId);
    if (!ticket || !comments) return { ok: false, error: { kind: "not_found" } };
    if (ticket.status === "closed") {
      return {
        ok: false,
        error: invalid("status", "Status: closed prevents ticket update", "ClosedPreventsUpdate"),
      };
    }
    const refused = this.refuse(changes, comments.length);
    if (refused) return { ok: false, error: refused };
    const author = changes.comment && this.users.get(changes.comment.author_id);

    const previous = snapshot(ticket);
    const events: AuditEvent[] = [];
    const auditId = this.nextAuditId++;
    const stamp = new Date(Math.max(this.now(), Date.parse(ticket.updated_at) + 1)).toISOString();
    if (changes.comment && author) {
      const comment = this.buildComment(changes.comment, auditId, stamp, ctx.via);
      comments.push(comment);
      events.push({ ...comment, attachments: [] });
    }
    let status = changes.status !== undefined && isStatus(changes.status) ? changes.status : undefined;
    if (status === undefined && author && !keepStatus) status = autoStatus(ticket.status, author.role);
    if (status !== undefined) ticket.status = status;
    let tags = changes.tags === undefined ? ticket.tags : normalizeTags(changes.tags);
    tags = normalizeTags([...tags, ...(changes.additional_tags ?? [])]);
    const removed = new Set(normalizeTags(changes.remove_tags ?? []));
    ticket.tags = tags.filter((t) => !removed.has(t));
    if (changes.assignee_id !== undefined) ticket.assignee_id = changes.assignee_id;

    for (const field of ["status", "tags", "assignee_id"] as const) {
      if (JSON.stringify(previous[field]) !== JSON.stringify(ticket[field])) {
        events.push({
          id: this.nextEventId++,
          type: "Change",
          field_name: field,
          value: ticket[field],
          previous_value: previous[field],
        });
      }
    }
    // A no-op update leaves no audit trail in Zendesk and must not invalidate other writers' stamps.
    if (events.length > 0) ticket.updated_at = stamp;
    const audit: Audit = {
      id: auditId,
      ticket_id: ticketId,
      created_at: stamp,
      author_id: ctx.actorId,
      via: ctx.via,
      events,
    };
    this.emitComments(ctx, ticket, audit);
    if (previous.status !== ticket.status) {
      const change = { previous: previous.status, current: ticket.status };
      this.emit(ctx, { type: "status_changed", ticket: snapshot(ticket), ...change, actorId: ctx.actorId });
    }
    return { ok: true, value: { ticket: snapshot(ticket), audit } };
  }

  /** Why Zendesk would refuse these changes on a ticket holding `commentCount` comments, if it would. */
  private refuse(changes: TicketChanges, commentCount: number): StoreError | undefined {
    if (changes.status !== undefined && !isStatus(changes.status)) {
      return invalid("status", `Status: ${changes.status} is not valid`);
    }
    if (changes.comment) {
      const text = (changes.comment.html_body ?? changes.comment.body ?? "").trim();
      if (text === "") return invalid("base", "Comment: cannot be blank", "BlankValue");
      if (!this.users.has(changes.comment.author_id)) return invalid("author_id", "Author: is invalid");
      if (commentCount >= MAX_COMMENTS) {
        return invalid("base", "Comments: ticket has reached the comment limit", "TooManyComments");
      }
    }
    const assignee = changes.assignee_id == null ? undefined : this.users.get(changes.assignee_id);
    if (changes.assignee_id != null && (!assignee || assignee.role === "end-user")) {
      return invalid("assignee_id", "Assignee: is not an agent");
    }
    return undefined;
  }

  private buildComment(input: CommentInput, auditId: number, stamp: string, channel: Via): Comment {
    return {
      id: this.nextEventId++,
      type: "Comment",
      ...commentText(input),
      public: input.public ?? true,
      author_id: input.author_id,
      audit_id: auditId,
      created_at: stamp,
      via: channel,
    };
  }

  private emitComments(ctx: UpdateContext, ticket: Ticket, audit: Audit): void {
    for (const event of audit.events) {
      if (event.type !== "Comment") continue;
      const comment = this.comments.get(ticket.id)?.find((c) => c.id === event.id);
      const author = comment && this.users.get(comment.author_id);
      if (!comment || !author) continue;
      this.emit(ctx, {
        type: "comment_added",
        ticket: snapshot(ticket),
        comment,
        author,
        actorId: ctx.actorId,
      });
    }
  }

  private emit(ctx: UpdateContext, change: StoreChange): void {
    if (ctx.notify === false) return;
    for (const listener of this.listeners) listener(change);
  }
}

/** Zendesk's own moves: a requester reply reopens a pending or solved ticket; an agent reply opens a new one. */
function autoStatus(current: Status, role: Role): Status | undefined {
  if (role === "end-user" && (current === "pending" || current === "solved")) return "open";
  if (role !== "end-user" && current === "new") return "open";
  return undefined;
}

function snapshot(ticket: Ticket): Ticket {
  return { ...ticket, tags: [...ticket.tags] };
}
