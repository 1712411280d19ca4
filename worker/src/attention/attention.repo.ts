// Attention items: what the AI could not answer safely, in front of a person
// with the reason. Resolving an item never touches the ticket's state.
import { z } from "zod";
import type { AttentionItem, AttentionType } from "../../../common/api.schema";
import { type Query, run } from "../lib/query";

const Row = z.object({
  id: z.number(),
  ticket_id: z.number(),
  type: z.enum(["validation_failed", "approval_required", "escalation", "human_requested", "ai_error"]),
  reason: z.string(),
  status: z.enum(["open", "resolved"]),
  created_at: z.number(),
  resolved_at: z.number().nullable(),
});

const toItem = (r: z.infer<typeof Row>): AttentionItem => ({
  id: r.id,
  ticketId: r.ticket_id,
  type: r.type,
  reason: r.reason,
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
  resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at).toISOString(),
});

export class AttentionRepo {
  constructor(private readonly db: D1Database) {}

  createStatement(ticketId: number, type: AttentionType, reason: string, now: number, guard = "1 = 1") {
    return this.db
      .prepare(
        `INSERT INTO attention_items (ticket_id, type, reason, status, created_at)
         SELECT ?, ?, ?, 'open', ? WHERE ${guard} RETURNING id`,
      )
      .bind(ticketId, type, reason.slice(0, 2_000), now);
  }

  async get(id: number): Promise<AttentionItem | null> {
    const row = await this.db.prepare("SELECT * FROM attention_items WHERE id = ?").bind(id).first();
    return row ? toItem(Row.parse(row)) : null;
  }

  async list(filter: {
    status?: "open" | "resolved";
    ticketId?: number;
    limit?: number;
  }): Promise<AttentionItem[]> {
    return run(this.listQuery(filter));
  }

  listQuery(filter: {
    status?: "open" | "resolved";
    ticketId?: number;
    limit?: number;
  }): Query<AttentionItem[]> {
    const where: string[] = [];
    const binds: (string | number)[] = [];
    if (filter.status) {
      where.push("status = ?");
      binds.push(filter.status);
    }
    if (filter.ticketId !== undefined) {
      where.push("ticket_id = ?");
      binds.push(filter.ticketId);
    }
    const sql = `SELECT * FROM attention_items ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
                 ORDER BY created_at DESC, id DESC LIMIT ?`;
    return {
      statement: this.db.prepare(sql).bind(...binds, filter.limit ?? 200),
      read: (rows) => rows.map((r) => toItem(Row.parse(r))),
    };
  }

  /** Resolves an open item; returns it, or null when there is no such item. */
  async resolve(
    id: number,
    now: number,
    by: { id: number; name: string } | null,
  ): Promise<AttentionItem | null> {
    await this.db
      .prepare(
        `UPDATE attention_items SET status = 'resolved', resolved_at = ?, resolved_by_id = ?, resolved_by_name = ?
         WHERE id = ? AND status = 'open'`,
      )
      .bind(now, by?.id ?? null, by?.name ?? null, id)
      .run();
    return this.get(id);
  }

  async hasOpen(ticketId: number): Promise<boolean> {
    const row = await this.db
      .prepare("SELECT 1 AS x FROM attention_items WHERE ticket_id = ? AND status = 'open' LIMIT 1")
      .bind(ticketId)
      .first();
    return row !== null;
  }
}
