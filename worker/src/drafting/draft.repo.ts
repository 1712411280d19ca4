// AI drafts: every reply the AI meant to send (held for approval or on its
// way) and every acknowledgement that a person will answer. A draft in
// `sending` whose lease expired is in doubt: it is reconciled against Zendesk
// before anything is sent again (a retry never sends twice).
import * as z from "zod";
import type { Agent } from "../../../common/api.schema";
import { type WriteGuard, guardSql, idList } from "../lib/guard";
import { type Query, run } from "../lib/query";
import type { Scope } from "../lib/scope";

export const DRAFT_STATUSES = [
  "queued",
  "held",
  "sending",
  "sent",
  "discarded",
  "refused",
  "withdrawn",
  "superseded",
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
export type DraftKind = "reply" | "ack";

export interface Draft {
  id: number;
  ticketId: number;
  kind: DraftKind;
  body: string;
  status: DraftStatus;
  citations: number[];
  attentionId: number | null;
  replyTo: number[];
  /** The send lease this draft went out under. */
  leaseId: string | null;
  /** The person who approved it (held drafts), and their text when they edited the AI's. */
  approvedBy: Agent | null;
  edited: string | null;
  createdAt: number;
  /** When it last changed status (`settled_at`): for a `sending` draft, when its send began. */
  statusAt: number | null;
}

const Row = z.object({
  id: z.number(),
  ticket_id: z.number(),
  kind: z.enum(["reply", "ack"]),
  body: z.string(),
  status: z.enum(DRAFT_STATUSES),
  meta: z.string(),
  attention_id: z.number().nullable(),
  created_at: z.number(),
  settled_at: z.number().nullish(),
});

const Meta = z.object({
  kb: z.array(z.number()).default([]),
  replyTo: z.array(z.number()).default([]),
  leaseId: z.string().nullable().default(null),
  approvedBy: z.object({ id: z.number(), name: z.string() }).nullable().default(null),
  edited: z.string().nullable().default(null),
});

export const toDraft = (row: unknown): Draft => {
  const r = Row.parse(row);
  const meta = Meta.parse(JSON.parse(r.meta));
  return {
    id: r.id,
    ticketId: r.ticket_id,
    kind: r.kind,
    body: r.body,
    status: r.status,
    citations: meta.kb,
    attentionId: r.attention_id,
    replyTo: meta.replyTo,
    leaseId: meta.leaseId,
    approvedBy: meta.approvedBy,
    edited: meta.edited,
    createdAt: r.created_at,
    statusAt: r.settled_at ?? null,
  };
};

export class DraftRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  /** Writes a draft to be held for approval, before the hold commits (a reply is written by its claim). */
  async createHeld(d: {
    ticketId: number;
    body: string;
    citations: number[];
    replyTo: number[];
    now: number;
  }): Promise<Draft> {
    const meta = JSON.stringify({ kb: d.citations, replyTo: d.replyTo, leaseId: null });
    const row = await this.db
      .prepare(
        `INSERT INTO drafts (installation_id, ticket_id, kind, body, status, meta, created_at)
         VALUES (?, ?, 'reply', ?, 'held', ?, ?) RETURNING *`,
      )
      .bind(this.inst, d.ticketId, d.body, meta, d.now)
      .first();
    return toDraft(row);
  }

  async get(id: number): Promise<Draft | null> {
    const row = await this.db
      .prepare("SELECT * FROM drafts WHERE installation_id = ? AND id = ?")
      .bind(this.inst, id)
      .first();
    return row ? toDraft(row) : null;
  }

  /** The ticket's current held draft (the one the ticket record points to), if any. */
  currentHeldQuery(ticketId: number): Query<Draft | null> {
    return {
      statement: this.db
        .prepare(
          `SELECT d.* FROM drafts d
           JOIN tickets t ON t.installation_id = d.installation_id AND t.held_draft_id = d.id
           WHERE t.installation_id = ? AND t.ticket_id = ? AND d.status = 'held'`,
        )
        .bind(this.inst, ticketId),
      read: ([row]) => (row ? toDraft(row) : null),
    };
  }

  /** Drafts that still need the send protocol: in doubt (`sending`) or acknowledgements not yet sent. */
  unsettledQuery(ticketId: number): Query<Draft[]> {
    return {
      statement: this.db
        .prepare(
          `SELECT * FROM drafts WHERE installation_id = ? AND ticket_id = ? AND status IN ('sending', 'queued')
           ORDER BY id`,
        )
        .bind(this.inst, ticketId),
      read: (rows) => rows.map(toDraft),
    };
  }

  async unsettled(ticketId: number): Promise<Draft[]> {
    return run(this.unsettledQuery(ticketId));
  }

  /** Public AI replies (not acknowledgements) sent on the ticket since `since`: the reply cap counts these. */
  sentSinceQuery(ticketId: number, since: number): Query<number> {
    return {
      statement: this.db
        .prepare(
          `SELECT count(*) AS n FROM drafts WHERE installation_id = ? AND ticket_id = ? AND kind = 'reply'
             AND status = 'sent' AND settled_at > ?`,
        )
        .bind(this.inst, ticketId, since),
      read: ([row]) => z.object({ n: z.number() }).parse(row).n,
    };
  }

  /** Moves a draft on, only from the given statuses (and only if the guard holds). */
  moveStatement(
    id: number,
    from: readonly DraftStatus[],
    to: DraftStatus,
    now: number,
    g: WriteGuard | null,
  ): D1PreparedStatement {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `UPDATE drafts SET status = ?, settled_at = ?
         WHERE installation_id = ? AND id = ? AND status IN (SELECT value FROM json_each(?)) AND ${guard.sql}`,
      )
      .bind(to, now, this.inst, id, JSON.stringify(from), ...guard.binds);
  }

  /** Sent: the helpdesk took it as comment `commentId`. */
  sentStatement(
    id: number,
    commentId: number | null,
    now: number,
    g: WriteGuard | null,
  ): D1PreparedStatement {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `UPDATE drafts SET status = 'sent', settled_at = ?, meta = json_set(meta, '$.commentId', ?)
         WHERE installation_id = ? AND id = ? AND status = 'sending' AND ${guard.sql}`,
      )
      .bind(now, commentId, this.inst, id, ...guard.binds);
  }

  async move(id: number, from: readonly DraftStatus[], to: DraftStatus, now: number): Promise<boolean> {
    const res = await this.moveStatement(id, from, to, now, null).run();
    return res.meta.changes === 1;
  }

  /** A queued acknowledgement or held draft goes out under `leaseId`, with a person's edits and name. */
  sendingStatement(
    id: number,
    leaseId: string,
    body: string | null,
    approvedBy: Agent | null,
    now: number,
    g: WriteGuard | null,
  ) {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `UPDATE drafts SET status = 'sending', settled_at = ?,
           meta = json_set(meta, '$.leaseId', ?, '$.approvedBy', json(?),
             '$.edited', CASE WHEN ? IS NULL OR ? = body THEN NULL ELSE ? END)
         WHERE installation_id = ? AND id = ? AND status IN ('queued', 'held', 'sending') AND ${guard.sql}`,
      )
      .bind(now, leaseId, JSON.stringify(approvedBy), body, body, body, this.inst, id, ...guard.binds);
  }

  /** Held replies and queued acknowledgements of a ticket will never be sent. */
  withdrawStatement(ticketId: number, now: number, g: WriteGuard | null) {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `UPDATE drafts SET status = 'withdrawn', settled_at = ?
         WHERE installation_id = ? AND ticket_id = ? AND status IN ('held', 'queued') AND ${guard.sql}`,
      )
      .bind(now, this.inst, ticketId, ...guard.binds);
  }

  /** Links a freshly written draft to the ticket's open approval item and the messages it answers. */
  holdStatement(draftId: number, ticketId: number, replyTo: number[], g: WriteGuard | null) {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `UPDATE drafts SET status = 'held', meta = json_set(meta, '$.replyTo', json(?)),
           attention_id = (SELECT id FROM attention_items WHERE installation_id = ? AND ticket_id = ?
             AND type = 'approval_required' AND status = 'open')
         WHERE installation_id = ? AND id = ? AND status = 'held' AND ${guard.sql}`,
      )
      .bind(idList(replyTo), this.inst, ticketId, this.inst, draftId, ...guard.binds);
  }

  queueAckStatement(ticketId: number, body: string, now: number, g: WriteGuard | null) {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `INSERT INTO drafts (installation_id, ticket_id, kind, body, status, meta, created_at)
         SELECT ?, ?, 'ack', ?, 'queued', '{}', ? WHERE ${guard.sql}`,
      )
      .bind(this.inst, ticketId, body, now, ...guard.binds);
  }

  /** A reply written by the claim that sends it: born `sending` under its lease, only if the claim won. */
  bornStatement(
    ticketId: number,
    d: { leaseId: string; body: string; citations: number[]; replyTo: number[] },
    now: number,
    g: WriteGuard | null,
  ) {
    const guard = guardSql(g);
    const meta = JSON.stringify({ kb: d.citations, replyTo: d.replyTo, leaseId: d.leaseId });
    return this.db
      .prepare(
        `INSERT INTO drafts (installation_id, ticket_id, kind, body, status, meta, created_at, settled_at)
         SELECT ?, ?, 'reply', ?, 'sending', ?, ?, ? WHERE ${guard.sql} RETURNING *`,
      )
      .bind(this.inst, ticketId, d.body, meta, now, now, ...guard.binds);
  }

  /** A draft as a statement's RETURNING row gives it. */
  static fromRow(row: unknown): Draft {
    return toDraft(row);
  }

  /** The messages a superseded draft answered go back to waiting for the next draft. */
  reopenMessagesStatement(draftId: number, g: WriteGuard | null) {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `UPDATE messages SET disposition = 'pending', outcome_ref = NULL, settled_at = NULL
         WHERE installation_id = ? AND comment_id IN (SELECT value FROM json_each(
             (SELECT meta FROM drafts WHERE installation_id = ? AND id = ?), '$.replyTo'))
           AND disposition = 'attention' AND ${guard.sql}`,
      )
      .bind(this.inst, this.inst, draftId, ...guard.binds);
  }
}
