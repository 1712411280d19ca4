// Zendesk's records as the stand-in keeps them, and the pure rules on them (statuses, tags, comment text).
// No state and no I/O here.

export const STATUSES = ["new", "open", "pending", "hold", "solved", "closed"] as const;
export type Status = (typeof STATUSES)[number];
export type Role = "end-user" | "agent" | "admin";
export const MAX_COMMENTS = 5000;

export type Via = {
  channel: string;
  source: { from: Record<string, never>; to: Record<string, never>; rel: null };
};
/** `active` is false once deleted; a suspended user stays active (Zendesk's users API). */
export type User = {
  id: number;
  name: string;
  email: string | null;
  role: Role;
  active: boolean;
  suspended: boolean;
  created_at: string;
  updated_at: string;
};
export type CustomField = { id: number; value: unknown };
/** A ticket field an account requires before a ticket may be solved. */
export type SolveRequirement = { id: number; title: string };
export type Ticket = {
  id: number;
  subject: string;
  description: string;
  status: Status;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  group_id: number | null;
  brand_id: number | null;
  tags: string[];
  custom_fields: CustomField[];
  via: Via;
  created_at: string;
  updated_at: string;
  /** Not on the wire: bumps on every change, so a page can tell two changes within one second apart. */
  revision: number;
};
export type Comment = {
  id: number;
  type: "Comment";
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  author_id: number;
  audit_id: number;
  created_at: string;
  via: Via;
};
export type CommentInput = { body?: string; html_body?: string; public?: boolean; author_id: number };
export type TicketChanges = {
  comment?: CommentInput;
  status?: string;
  tags?: string[];
  additional_tags?: string[];
  remove_tags?: string[];
  assignee_id?: number | null;
  custom_fields?: CustomField[];
};
export type AuditEvent = Record<string, unknown> & { id: number; type: string };
export type Audit = {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  via: Via;
  events: AuditEvent[];
};
export type FieldError = { description: string; error: string | null; field_key?: number };
export type StoreError =
  | { kind: "not_found" }
  | { kind: "conflict"; description: string }
  | { kind: "invalid"; details: Record<string, FieldError[]> };
export type Result<T> = { ok: true; value: T } | { ok: false; error: StoreError };
// Snapshots (not live objects) so a listener never sees a later change.
export type StoreChange =
  | { type: "ticket.created"; ticket: Ticket; actorId: number }
  | { type: "comment_added"; ticket: Ticket; comment: Comment; author: User; actorId: number }
  | { type: "status_changed"; ticket: Ticket; previous: Status; current: Status; actorId: number };
export type UpdateContext = { actorId: number; via: Via; notify?: boolean };
export type NewTicket = {
  id?: number;
  subject: string;
  requester_id: number;
  assignee_id?: number | null;
  status?: string;
  tags?: string[];
  group_id?: number | null;
  brand_id?: number | null;
  custom_fields?: CustomField[];
  comments: CommentInput[];
};

/** Zendesk's timestamps carry whole seconds (`2026-12-07T04:25:37Z`); `milliseconds` is an opt-in. */
export type StampPrecision = "seconds" | "milliseconds";

export function stamp(ms: number, precision: StampPrecision): string {
  const iso = new Date(ms).toISOString();
  return precision === "seconds" ? iso.replace(/\.\d{3}Z$/, "Z") : iso;
}

/** Whether two stamps name the same instant as Zendesk compares them (to the second by default). */
export function sameStamp(a: string, b: string, precision: StampPrecision): boolean {
  const unit = precision === "seconds" ? 1000 : 1;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return !Number.isNaN(x) && Math.floor(x / unit) === Math.floor(y / unit);
}

export function via(channel: string): Via {
  return { channel, source: { from: {}, to: {}, rel: null } };
}

export const invalid = (field: string, description: string, error = "InvalidValue"): StoreError => ({
  kind: "invalid",
  details: { [field]: [{ description, error }] },
});

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

/** Zendesk lower-cases tags and treats whitespace as a separator. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out = tags.flatMap((t) => t.toLowerCase().split(/\s+/)).filter((t) => t.length > 0);
  return [...new Set(out)];
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const stripHtml = (s: string) =>
  s
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();

/** Zendesk derives the three bodies from whichever the caller sent; html_body wins when both are given. */
export function commentText(input: { body?: string; html_body?: string }): {
  body: string;
  html_body: string;
  plain_body: string;
} {
  const html = input.html_body;
  const plain = html !== undefined ? stripHtml(html) : (input.body ?? "").trim();
  const htmlBody =
    html ??
    `<div class="zd-comment" dir="auto"><p dir="auto">${escapeHtml(plain).replace(/\n/g, "<br>")}</p></div>`;
  return { body: plain, html_body: htmlBody, plain_body: plain };
}

/** Zendesk's own moves: a requester reply reopens a pending or solved ticket; an agent reply opens a new one. */
export function autoStatus(current: Status, role: Role): Status | undefined {
  if (role === "end-user" && (current === "pending" || current === "solved")) return "open";
  if (role !== "end-user" && current === "new") return "open";
  return undefined;
}

export function mergeFields(current: readonly CustomField[], changes: readonly CustomField[]): CustomField[] {
  const out = current.map((f) => ({ ...f }));
  for (const change of changes) {
    const existing = out.find((f) => f.id === change.id);
    if (existing) existing.value = change.value;
    else out.push({ ...change });
  }
  return out;
}

export const blank = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
