// What the workspace shows, as plain values: which views a ticket sits in (from the tags the
// Worker mirrors onto Zendesk tickets, as Zendesk's own views would), list rows and the
// conversation. Pure functions of the stand-in's records; no I/O, no clock, no HTML.
import type { Comment, Ticket, User } from "../zendesk/model.ts";

export type ViewKey = "ai" | "attention" | "human" | "resolved";
export type OhalloState = "ai" | "human" | "resolved";

export interface ViewSpec {
  key: ViewKey;
  title: string;
  /** One line under the title: what puts a ticket in this view. */
  hint: string;
}

export const VIEWS: readonly ViewSpec[] = [
  { key: "ai", title: "AI handling", hint: "oHallo answers these (tag ohallo_ai)" },
  { key: "attention", title: "Needs attention", hint: "the AI flagged these (tag ohallo_attention)" },
  { key: "human", title: "In progress", hint: "an agent took these over (tag ohallo_human)" },
  { key: "resolved", title: "Resolved", hint: "solved tickets" },
];

const solved = (t: Ticket) => t.status === "solved" || t.status === "closed";

/**
 * A resolved ticket carries neither ohallo_ai nor ohallo_human; a ticket the Worker has not
 * tagged yet is the AI's, as the contract says of a ticket never seen.
 */
export function ohalloState(t: Ticket): OhalloState {
  if (solved(t)) return "resolved";
  return t.tags.includes("ohallo_human") ? "human" : "ai";
}

export const needsAttention = (t: Ticket) => !solved(t) && t.tags.includes("ohallo_attention");

export function inView(t: Ticket, view: ViewKey): boolean {
  switch (view) {
    case "ai":
      return ohalloState(t) === "ai";
    case "attention":
      return needsAttention(t);
    case "human":
      return ohalloState(t) === "human";
    case "resolved":
      return ohalloState(t) === "resolved";
  }
}

export function isViewKey(value: string): value is ViewKey {
  return VIEWS.some((v) => v.key === value);
}

export function viewCounts(tickets: readonly Ticket[]): Record<ViewKey, number> {
  const counts = { ai: 0, attention: 0, human: 0, resolved: 0 };
  for (const t of tickets) for (const v of VIEWS) if (inView(t, v.key)) counts[v.key]++;
  return counts;
}

export interface Row {
  id: number;
  subject: string;
  requester: string;
  status: Ticket["status"];
  state: OhalloState;
  attention: boolean;
  updatedAt: string;
}

/** A view's rows, most recently updated first (Zendesk's default for these views). */
export function rows(
  tickets: readonly Ticket[],
  view: ViewKey,
  users: (id: number) => User | undefined,
): Row[] {
  return tickets
    .filter((t) => inView(t, view))
    .sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id)
    .map((t) => ({
      id: t.id,
      subject: t.subject,
      requester: users(t.requester_id)?.name ?? `User ${t.requester_id}`,
      status: t.status,
      state: ohalloState(t),
      attention: needsAttention(t),
      updatedAt: t.updated_at,
    }));
}

export type AuthorKind = "customer" | "agent" | "ai";

export interface Entry {
  id: number;
  author: { id: number; name: string; kind: AuthorKind };
  body: string;
  public: boolean;
  at: string;
}

export function conversation(
  comments: readonly Comment[],
  users: (id: number) => User | undefined,
  aiAgentId: number,
): Entry[] {
  return comments.map((c) => {
    const user = users(c.author_id);
    const kind: AuthorKind =
      c.author_id === aiAgentId ? "ai" : user?.role === "end-user" || !user ? "customer" : "agent";
    return {
      id: c.id,
      author: { id: c.author_id, name: user?.name ?? `User ${c.author_id}`, kind },
      body: c.plain_body,
      public: c.public,
      at: c.created_at,
    };
  });
}

/** Changes whenever anything a page shows changes (a comment, a status, a tag, a new ticket). */
export function versionOf(tickets: readonly Ticket[]): string {
  let hash = 2166136261;
  // `revision`, not updated_at: Zendesk's stamps are whole seconds, and two changes may share one.
  const text = tickets.map((t) => `${t.id}:${t.revision}:${t.status}:${t.tags.join(",")}`).join("|");
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return `${tickets.length}-${(hash >>> 0).toString(36)}`;
}
