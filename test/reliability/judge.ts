// What became of each customer message, judged from two independent records: the Zendesk stand-in's
// comments (what the customer saw) and the Worker's D1 rows (its messages and drafts, read back through
// GET /api/installation/export). Pure: no I/O, no clock.

/** A comment as the stand-in stores it. */
export interface ZComment {
  id: number;
  authorId: number;
  isPublic: boolean;
  body: string;
}

/** The Worker's row for a comment (`messages`). */
export interface DMessage {
  commentId: number;
  ticketId: number;
  authorKind: string;
  disposition: string;
}

/** The Worker's row for a reply or acknowledgement (`drafts`), its meta read. */
export interface DDraft {
  id: number;
  ticketId: number;
  kind: string;
  status: string;
  commentId: number | null;
  replyTo: number[];
  /** A person approved it (a held draft): its messages' outcome is the attention item they answered. */
  approved: boolean;
}

export interface TicketInput {
  ticketId: number;
  requesterId: number;
  aiAgentId: number;
  /** The stand-in's comments, in order. */
  comments: ZComment[];
  /** The Worker's ticket state (open, in_progress, resolved), waiting flag and autonomy. */
  state: string | null;
  waiting: boolean;
}

export type Outcome =
  | "ai_reply"
  | "attention"
  | "held_by_human"
  | "held_resolved"
  | "held_waiting_for_person"
  | "held_ai_off"
  | "pending"
  | "never_recorded";

export type ViolationKind =
  /** A customer message that two landed AI replies answer. */
  | "answered_twice"
  /** More AI replies on a ticket than customer messages. */
  | "more_replies_than_messages"
  /** An AI comment in Zendesk the Worker has no sent draft for (a send it lost track of). */
  | "unrecorded_ai_comment"
  /** A message the Worker says was replied to, with no reply of its in Zendesk. */
  | "replied_without_reply"
  /** A message answered in Zendesk that the Worker also recorded as something else. */
  | "answered_but_recorded_otherwise"
  /** Never settled, or never seen by the Worker. */
  | "lost";

export interface Violation {
  kind: ViolationKind;
  ticketId: number;
  commentId?: number;
  detail: string;
}

export interface Judged {
  messages: number;
  outcomes: Record<Outcome, number>;
  aiReplies: number;
  /** Of those, held drafts a person approved. */
  approvedReplies: number;
  acknowledgements: number;
  violations: Violation[];
}

export function emptyOutcomes(): Record<Outcome, number> {
  return {
    ai_reply: 0,
    attention: 0,
    held_by_human: 0,
    held_resolved: 0,
    held_waiting_for_person: 0,
    held_ai_off: 0,
    pending: 0,
    never_recorded: 0,
  };
}

function heldOutcome(state: string | null, waiting: boolean): Outcome {
  if (state === "in_progress") return "held_by_human";
  if (state === "resolved") return "held_resolved";
  return waiting ? "held_waiting_for_person" : "held_ai_off";
}

/** One ticket: its customer messages' outcomes and every way a message could have been answered twice. */
export function judgeTicket(t: TicketInput, messages: Map<number, DMessage>, drafts: DDraft[]): Judged {
  const out = emptyJudged();
  const v = (kind: ViolationKind, detail: string, commentId?: number) =>
    out.violations.push({ kind, ticketId: t.ticketId, detail, ...(commentId ? { commentId } : {}) });
  const sentByComment = new Map<number, DDraft>();
  for (const d of drafts) if (d.status === "sent" && d.commentId !== null) sentByComment.set(d.commentId, d);

  const customer = t.comments.filter((c) => c.isPublic && c.authorId === t.requesterId);
  /** Customer message → the landed replies that answer it, and whether a person approved one. */
  const answeredBy = new Map<number, number[]>();
  const approvedFor = new Set<number>();
  for (const c of t.comments) {
    if (!c.isPublic || c.authorId !== t.aiAgentId) continue;
    const draft = sentByComment.get(c.id);
    if (!draft) {
      // Also a reply the customer saw: it counts against the messages it could have answered.
      out.aiReplies++;
      v("unrecorded_ai_comment", `AI comment ${c.id} has no sent draft in D1`, c.id);
      continue;
    }
    if (draft.kind === "ack") {
      out.acknowledgements++;
      continue;
    }
    out.aiReplies++;
    if (draft.approved) out.approvedReplies++;
    for (const m of draft.replyTo) {
      answeredBy.set(m, [...(answeredBy.get(m) ?? []), c.id]);
      if (draft.approved) approvedFor.add(m);
    }
  }
  if (out.aiReplies > customer.length)
    v("more_replies_than_messages", `${out.aiReplies} AI replies for ${customer.length} customer messages`);

  for (const c of customer) {
    out.messages++;
    const row = messages.get(c.id);
    const replies = answeredBy.get(c.id) ?? [];
    if (replies.length > 1) v("answered_twice", `answered by AI comments ${replies.join(", ")}`, c.id);
    let outcome: Outcome;
    if (!row) outcome = "never_recorded";
    else if (row.disposition === "replied") outcome = "ai_reply";
    else if (row.disposition === "attention") outcome = "attention";
    else if (row.disposition === "held") outcome = heldOutcome(t.state, t.waiting);
    else outcome = "pending";
    out.outcomes[outcome]++;
    if (outcome === "pending" || outcome === "never_recorded")
      v("lost", `customer message ${c.id} is ${outcome === "pending" ? "still pending" : "not in D1"}`, c.id);
    if (outcome === "ai_reply" && replies.length === 0)
      v("replied_without_reply", `D1 says replied, Zendesk shows no AI reply answering it`, c.id);
    // A held draft a person approved answers messages whose outcome was the approval item: one outcome.
    const approvedAttention = outcome === "attention" && approvedFor.has(c.id);
    if (
      outcome !== "ai_reply" &&
      outcome !== "pending" &&
      outcome !== "never_recorded" &&
      !approvedAttention &&
      replies.length > 0
    )
      v(
        "answered_but_recorded_otherwise",
        `answered by AI comment ${replies.join(", ")} but recorded as ${outcome}`,
        c.id,
      );
  }
  return out;
}

/** Adds `b` into `a`. */
export function addJudged(a: Judged, b: Judged): Judged {
  const outcomes = emptyOutcomes();
  for (const k of Object.keys(outcomes) as Outcome[]) outcomes[k] = a.outcomes[k] + b.outcomes[k];
  return {
    messages: a.messages + b.messages,
    outcomes,
    aiReplies: a.aiReplies + b.aiReplies,
    approvedReplies: a.approvedReplies + b.approvedReplies,
    acknowledgements: a.acknowledgements + b.acknowledgements,
    violations: [...a.violations, ...b.violations],
  };
}

export function emptyJudged(): Judged {
  return {
    messages: 0,
    outcomes: emptyOutcomes(),
    aiReplies: 0,
    approvedReplies: 0,
    acknowledgements: 0,
    violations: [],
  };
}
