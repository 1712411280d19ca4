// Comments seen on tickets. Each customer message ends with exactly one
// disposition: replied (by the AI), attention (an item was raised), held (a
// human owns the ticket, or the AI is off on it). `pending` is the only open one.
import * as z from "zod";
import { type WriteGuard, guardSql, idList } from "../lib/guard";
import { type Query, run } from "../lib/query";
import type { Scope } from "../lib/scope";

export type AuthorKind = "customer" | "agent" | "ai";
export type Disposition = "pending" | "replied" | "attention" | "held" | "none";

export interface StoredMessage {
  commentId: number;
  ticketId: number;
  authorKind: AuthorKind;
  authorId: number | null;
  authorName: string | null;
  isPublic: boolean;
  body: string;
  disposition: Disposition;
  createdAt: number;
}

const Row = z.object({
  comment_id: z.number(),
  ticket_id: z.number(),
  author_kind: z.enum(["customer", "agent", "ai"]),
  author_id: z.number().nullable(),
  author_name: z.string().nullable(),
  is_public: z.number(),
  body: z.string(),
  disposition: z.enum(["pending", "replied", "attention", "held", "none"]),
  created_at: z.number(),
});

const toMessage = (r: z.infer<typeof Row>): StoredMessage => ({
  commentId: r.comment_id,
  ticketId: r.ticket_id,
  authorKind: r.author_kind,
  authorId: r.author_id,
  authorName: r.author_name,
  isPublic: r.is_public === 1,
  body: r.body,
  disposition: r.disposition,
  createdAt: r.created_at,
});

export class MessageRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  /**
   * Records a comment once, as a read for a batch: the kind it was recorded as, or null when it was
   * already known. `aiIfPosted`: a comment by the AI's user is the AI's only if the Worker posted it
   * (a draft carries its comment id, or one being sent or sent has its text); otherwise a person's.
   */
  recordQuery(
    m: Omit<StoredMessage, "disposition"> & { disposition: Disposition },
    aiIfPosted: boolean,
  ): Query<AuthorKind | null> {
    return {
      statement: this.db
        .prepare(
          `INSERT INTO messages (installation_id, comment_id, ticket_id, author_kind, author_id, author_name, is_public, body, disposition, created_at)
           VALUES (?1, ?2, ?3,
             CASE WHEN ?11 AND EXISTS (
               SELECT 1 FROM drafts WHERE installation_id = ?1 AND ticket_id = ?3 AND (
                 json_extract(meta, '$.commentId') = ?2
                 OR (status IN ('sending', 'sent') AND json_extract(meta, '$.commentId') IS NULL
                     AND trim(COALESCE(json_extract(meta, '$.edited'), body)) = trim(?8))))
             THEN 'ai' ELSE ?4 END,
             ?5, ?6, ?7, ?8, ?9, ?10)
           ON CONFLICT (installation_id, comment_id) DO NOTHING
           RETURNING author_kind`,
        )
        .bind(
          this.inst,
          m.commentId,
          m.ticketId,
          m.authorKind,
          m.authorId,
          m.authorName,
          m.isPublic ? 1 : 0,
          m.body,
          m.disposition,
          m.createdAt,
          aiIfPosted ? 1 : 0,
        ),
      read: ([row]) =>
        row ? Row.shape.author_kind.parse((row as { author_kind: unknown }).author_kind) : null,
    };
  }

  async forTicket(ticketId: number): Promise<StoredMessage[]> {
    return run(this.forTicketQuery(ticketId));
  }

  forTicketQuery(ticketId: number): Query<StoredMessage[]> {
    return {
      statement: this.db
        .prepare(
          "SELECT * FROM messages WHERE installation_id = ? AND ticket_id = ? ORDER BY created_at, comment_id",
        )
        .bind(this.inst, ticketId),
      read: (rows) => rows.map((r) => toMessage(Row.parse(r))),
    };
  }

  /** Settles messages, only those still in one of `from` (so a settled message never moves twice). */
  settleStatement(
    commentIds: readonly number[],
    to: Disposition,
    ref: string | null,
    now: number,
    from: readonly Disposition[] = ["pending"],
    g: WriteGuard | null = null,
  ): D1PreparedStatement {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `UPDATE messages SET disposition = ?, outcome_ref = ?, settled_at = ?
         WHERE installation_id = ? AND comment_id IN (SELECT value FROM json_each(?))
           AND disposition IN (SELECT value FROM json_each(?)) AND ${guard.sql}`,
      )
      .bind(to, ref, now, this.inst, idList(commentIds), JSON.stringify(from), ...guard.binds);
  }

  async settle(
    commentIds: readonly number[],
    to: Disposition,
    ref: string | null,
    now: number,
    from?: readonly Disposition[],
  ) {
    if (commentIds.length === 0) return;
    await this.settleStatement(commentIds, to, ref, now, from).run();
  }
}
