// One account's in-memory Zendesk state (users, tickets, comments) and the rules Zendesk applies on every change.
// Knows nothing of HTTP; every change goes through `update` so updated_at and change events stay honest.

import {
  type Audit,
  type AuditEvent,
  autoStatus,
  blank,
  type Comment,
  type CommentInput,
  commentText,
  invalid,
  isStatus,
  MAX_COMMENTS,
  mergeFields,
  type NewTicket,
  normalizeTags,
  type Result,
  type Role,
  type SolveRequirement,
  type StampPrecision,
  type StoreChange,
  type StoreError,
  stamp,
  type Ticket,
  type TicketChanges,
  type UpdateContext,
  type User,
  type Via,
} from "./model.ts";

/** Where the ids this store assigns start; each account gets its own range. */
export type IdBase = { ticket: number; user: number; event: number; audit: number };
export const DEFAULT_ID_BASE: IdBase = {
  ticket: 1_000_001,
  user: 1_000_000_001,
  event: 10_000_001,
  audit: 50_000_001,
};

export class ZendeskStore {
  readonly users = new Map<number, User>();
  readonly tickets = new Map<number, Ticket>();
  readonly comments = new Map<number, Comment[]>();
  /** Zendesk's whole seconds unless an account opts into milliseconds. */
  precision: StampPrecision;
  /** Fields that must hold a value before a ticket may be solved (an admin's "required to solve"). */
  solveRequirements: SolveRequirement[] = [];
  private readonly now: () => number;
  private readonly base: IdBase;
  private readonly listeners = new Set<(change: StoreChange) => void>();
  // Ids the stand-in assigns live far above the ids tests pick (below 1,000,000), so parallel test files
  // creating records through the API never take an id another file is about to choose.
  private nextUserId: number;
  private nextTicketId: number;
  private nextEventId: number;
  private nextAuditId: number;

  constructor(options: { now?: () => number; ids?: IdBase; precision?: StampPrecision } = {}) {
    this.now = options.now ?? Date.now;
    this.base = options.ids ?? DEFAULT_ID_BASE;
    this.precision = options.precision ?? "seconds";
    this.nextUserId = this.base.user;
    this.nextTicketId = this.base.ticket;
    this.nextEventId = this.base.event;
    this.nextAuditId = this.base.audit;
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reset(): void {
    this.users.clear();
    this.tickets.clear();
    this.comments.clear();
    this.solveRequirements = [];
    this.nextUserId = this.base.user;
    this.nextTicketId = this.base.ticket;
  }

  stampNow(): string {
    return stamp(this.now(), this.precision);
  }

  /** Upsert: tests re-declare the same agent freely; a suspended or deleted user stays so. */
  putUser(input: { id?: number; name: string; email?: string | null; role?: Role }): User {
    const existing = input.id === undefined ? undefined : this.users.get(input.id);
    const id = input.id ?? this.nextUserId++;
    this.nextUserId = Math.max(this.nextUserId, id + 1);
    const now = this.stampNow();
    const user: User = {
      id,
      name: input.name,
      email: input.email ?? existing?.email ?? null,
      role: input.role ?? existing?.role ?? "end-user",
      active: existing?.active ?? true,
      suspended: existing?.suspended ?? false,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    this.users.set(id, user);
    return user;
  }

  /** An admin suspending (or unsuspending) a user, or deleting one (`active: false`, for good). */
  setUserState(id: number, change: { suspended?: boolean; deleted?: boolean }): User | undefined {
    const user = this.users.get(id);
    if (!user) return undefined;
    if (change.suspended !== undefined) user.suspended = change.suspended;
    if (change.deleted) user.active = false;
    user.updated_at = this.stampNow();
    return { ...user };
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
    const now = this.stampNow();
    const ticket: Ticket = {
      id,
      subject: input.subject,
      description: "",
      status,
      requester_id: input.requester_id,
      submitter_id: first.author_id,
      assignee_id: input.assignee_id ?? null,
      group_id: input.group_id ?? null,
      brand_id: input.brand_id ?? null,
      tags: normalizeTags(input.tags ?? []),
      custom_fields: input.custom_fields ?? [],
      via: ctx.via,
      created_at: now,
      updated_at: now,
      revision: 0,
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
    const refused = this.refuse(changes, comments.length) ?? this.refuseSolve(ticket, changes);
    if (refused) return { ok: false, error: refused };
    const author = changes.comment && this.users.get(changes.comment.author_id);

    const previous = snapshot(ticket);
    const events: AuditEvent[] = [];
    const auditId = this.nextAuditId++;
    const now = this.stampNow();
    if (changes.comment && author) {
      const comment = this.buildComment(changes.comment, auditId, now, ctx.via);
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
    if (changes.custom_fields)
      ticket.custom_fields = mergeFields(ticket.custom_fields, changes.custom_fields);

    for (const field of ["status", "tags", "assignee_id", "custom_fields"] as const) {
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
    // Two changes within one second share a stamp, exactly as on Zendesk.
    if (events.length > 0) {
      ticket.updated_at = now;
      ticket.revision += 1;
    }
    const audit: Audit = {
      id: auditId,
      ticket_id: ticketId,
      created_at: now,
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
    if (changes.assignee_id != null && (!assignee || assignee.role === "end-user" || !assignee.active)) {
      return invalid("assignee_id", "Assignee: is not an agent");
    }
    return undefined;
  }

  /** An account's "required to solve" fields: solving without a value is refused, nothing changes. */
  private refuseSolve(ticket: Ticket, changes: TicketChanges): StoreError | undefined {
    if (changes.status !== "solved" || ticket.status === "solved" || this.solveRequirements.length === 0) {
      return undefined;
    }
    const fields = mergeFields(ticket.custom_fields, changes.custom_fields ?? []);
    const missing = this.solveRequirements.filter((r) => blank(fields.find((f) => f.id === r.id)?.value));
    if (missing.length === 0) return undefined;
    const base = missing.map((r) => ({ description: `${r.title}: needed`, error: null, field_key: r.id }));
    return { kind: "invalid", details: { base } };
  }

  private buildComment(input: CommentInput, auditId: number, at: string, channel: Via): Comment {
    return {
      id: this.nextEventId++,
      type: "Comment",
      ...commentText(input),
      public: input.public ?? true,
      author_id: input.author_id,
      audit_id: auditId,
      created_at: at,
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

function snapshot(ticket: Ticket): Ticket {
  return {
    ...ticket,
    tags: [...ticket.tags],
    custom_fields: ticket.custom_fields.map((f) => ({ ...f })),
  };
}
