// Attention items: what the AI could not answer safely, in front of a person
// with the reason. At most one open item per ticket and type (a repeat updates
// it). Resolving an item never touches the ticket's state.
import * as z from "zod";
import {
  type Agent,
  type AttentionItem,
  type AttentionType,
  AttentionTypeSchema,
  ReasonParamsSchema,
} from "../../../common/api.schema";
import { type WriteGuard, guardSql } from "../lib/guard";
import { type Query, run } from "../lib/query";
import type { Scope } from "../lib/scope";
import type { Reason } from "../tickets/ticket.record";

const Row = z.object({
  id: z.number(),
  ticket_id: z.number(),
  type: AttentionTypeSchema,
  reason: z.string(),
  code: z.string().nullable(),
  params: z.string().nullable(),
  status: z.enum(["open", "resolved"]),
  created_at: z.number(),
  resolved_at: z.number().nullable(),
});

const params = (raw: string | null) => {
  if (!raw) return {};
  const parsed = ReasonParamsSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : {};
};

const toItem = (r: z.infer<typeof Row>): AttentionItem => ({
  id: r.id,
  ticketId: r.ticket_id,
  type: r.type,
  reason: r.reason,
  code: r.code,
  params: params(r.params),
  status: r.status,
  createdAt: new Date(r.created_at).toISOString(),
  resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at).toISOString(),
});

export const WAITING_TYPES: readonly AttentionType[] = ["human_requested", "escalation"];

export class AttentionRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  /** Opens an item, or updates the ticket's open item of that type (one open item per ticket and type). */
  raiseStatement(ticketId: number, type: AttentionType, reason: Reason, now: number, g: WriteGuard | null) {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `INSERT INTO attention_items (installation_id, ticket_id, type, reason, code, params, status, created_at, updated_at)
         SELECT ?, ?, ?, ?, ?, ?, 'open', ?, ? WHERE ${guard.sql}
         ON CONFLICT (installation_id, ticket_id, type) WHERE status = 'open' DO UPDATE SET
           reason = excluded.reason, code = excluded.code, params = excluded.params,
           raised_count = raised_count + 1, updated_at = excluded.updated_at`,
      )
      .bind(
        this.inst,
        ticketId,
        type,
        reason.text.slice(0, 2_000),
        reason.code,
        JSON.stringify(reason.params),
        now,
        now,
        ...guard.binds,
      );
  }

  /** Closes the ticket's open items (all, or of the given types). */
  closeStatement(
    ticketId: number,
    by: Agent | null,
    now: number,
    g: WriteGuard | null,
    types: readonly AttentionType[] = AttentionTypeSchema.options,
  ) {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `UPDATE attention_items SET status = 'resolved', resolved_at = ?, resolved_by_id = ?, resolved_by_name = ?
         WHERE installation_id = ? AND ticket_id = ? AND status = 'open'
           AND type IN (SELECT value FROM json_each(?)) AND ${guard.sql}`,
      )
      .bind(
        now,
        by?.id ?? null,
        by?.name ?? null,
        this.inst,
        ticketId,
        JSON.stringify(types),
        ...guard.binds,
      );
  }

  /** Closes the approval item a draft was held under. */
  closeForDraftStatement(draftId: number, by: Agent | null, now: number, g: WriteGuard | null) {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `UPDATE attention_items SET status = 'resolved', resolved_at = ?, resolved_by_id = ?, resolved_by_name = ?
         WHERE installation_id = ? AND id = (SELECT attention_id FROM drafts WHERE installation_id = ? AND id = ?)
           AND status = 'open' AND ${guard.sql}`,
      )
      .bind(now, by?.id ?? null, by?.name ?? null, this.inst, this.inst, draftId, ...guard.binds);
  }

  async get(id: number): Promise<AttentionItem | null> {
    const row = await this.db
      .prepare("SELECT * FROM attention_items WHERE installation_id = ? AND id = ?")
      .bind(this.inst, id)
      .first();
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
    return {
      statement: this.db
        .prepare(
          `SELECT * FROM attention_items WHERE installation_id = ?4 AND (?1 IS NULL OR status = ?1)
             AND (?2 IS NULL OR ticket_id = ?2)
           ORDER BY created_at DESC, id DESC LIMIT ?3`,
        )
        .bind(filter.status ?? null, filter.ticketId ?? null, filter.limit ?? 200, this.inst),
      read: (rows) => rows.map((r) => toItem(Row.parse(r))),
    };
  }

  /** Resolves an open item; returns it as it is now, or null when there is no such item. */
  async resolve(id: number, now: number, by: Agent | null): Promise<AttentionItem | null> {
    await this.db
      .prepare(
        `UPDATE attention_items SET status = 'resolved', resolved_at = ?, resolved_by_id = ?, resolved_by_name = ?
         WHERE installation_id = ? AND id = ? AND status = 'open'`,
      )
      .bind(now, by?.id ?? null, by?.name ?? null, this.inst, id)
      .run();
    return this.get(id);
  }

  async hasOpen(ticketId: number, types: readonly AttentionType[] = AttentionTypeSchema.options) {
    const row = await this.db
      .prepare(
        `SELECT 1 AS x FROM attention_items WHERE installation_id = ? AND ticket_id = ? AND status = 'open'
         AND type IN (SELECT value FROM json_each(?)) LIMIT 1`,
      )
      .bind(this.inst, ticketId, JSON.stringify(types))
      .first();
    return row !== null;
  }
}
