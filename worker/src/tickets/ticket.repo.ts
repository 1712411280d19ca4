// Ticket records and their audit log in D1: reads, and the statements the
// ticket store commits. Every record write is a compare-and-set on `version`
// (ticket.store.ts); the audit entries commit in the same batch or not at all.
import * as z from "zod";
import { type Autonomy, ReasonParamsSchema, type TimelineEvent } from "../../../common/api.schema";
import { type WriteGuard, guardSql } from "../lib/guard";
import { type Query, run } from "../lib/query";
import type { Scope } from "../lib/scope";
import type { TicketScope } from "../helpdesk/helpdesk.port";
import { type AuditEntry, type TicketRecord, newTicket } from "./ticket.record";

const Row = z.object({
  ticket_id: z.number(),
  state: z.enum(["open", "in_progress", "resolved"]),
  owner_id: z.number().nullable(),
  owner_name: z.string().nullable(),
  autonomy: z.enum(["auto", "draft_only", "off"]).nullable(),
  auto_release_hours: z.number().nullable(),
  version: z.number(),
  send_lease_id: z.string().nullable(),
  send_lease_until: z.number().nullable(),
  held_since: z.number().nullable(),
  last_human_at: z.number().nullable(),
  released_at: z.number().nullable().default(null),
  held_draft_id: z.number().nullable().default(null),
  waiting: z.number().default(0),
  mirrored: z.string().nullable().default(null),
  channel: z.string().nullable().default(null),
  brand_id: z.number().nullable().default(null),
  group_id: z.number().nullable().default(null),
});

export interface StoredTicket {
  record: TicketRecord;
  autonomy: Autonomy | null;
  autoReleaseHours: number | null;
  exists: boolean;
  /** Where the ticket came from, as the helpdesk last said. */
  scope: TicketScope;
  /** The mirror last written onto the helpdesk ticket (a key of Mirror), or null. */
  mirrored: string | null;
}

function toRecord(r: z.infer<typeof Row>): TicketRecord {
  return {
    ticketId: r.ticket_id,
    state: r.state,
    owner: r.owner_id !== null ? { id: r.owner_id, name: r.owner_name ?? String(r.owner_id) } : null,
    version: r.version,
    sendLease:
      r.send_lease_id !== null && r.send_lease_until !== null
        ? { id: r.send_lease_id, until: r.send_lease_until }
        : null,
    heldSince: r.held_since,
    lastHumanAt: r.last_human_at,
    releasedAt: r.released_at,
    heldDraftId: r.held_draft_id,
    waiting: r.waiting === 1,
  };
}

const EventRow = z.object({
  id: z.number(),
  at: z.number(),
  type: z.string(),
  actor_kind: z.enum(["agent", "ai", "customer", "system"]),
  actor_id: z.number().nullable(),
  actor_name: z.string().nullable(),
  from_state: z.enum(["open", "in_progress", "resolved"]).nullable(),
  to_state: z.enum(["open", "in_progress", "resolved"]).nullable(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
});

const Detail = z.object({ code: z.string(), params: ReasonParamsSchema });

function detailOf(raw: string | null): { code: string | null; params: Record<string, string> } {
  if (!raw) return { code: null, params: {} };
  const d = Detail.safeParse(JSON.parse(raw));
  return d.success ? d.data : { code: null, params: {} };
}

export class TicketRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  async get(ticketId: number): Promise<StoredTicket> {
    return run(this.getQuery(ticketId));
  }

  getQuery(ticketId: number): Query<StoredTicket> {
    return {
      statement: this.db
        .prepare("SELECT * FROM tickets WHERE installation_id = ? AND ticket_id = ?")
        .bind(this.inst, ticketId),
      read: ([row]) => {
        if (!row) {
          return {
            record: newTicket(ticketId),
            autonomy: null,
            autoReleaseHours: null,
            exists: false,
            scope: { channel: null, brandId: null, groupId: null },
            mirrored: null,
          };
        }
        const r = Row.parse(row);
        return {
          record: toRecord(r),
          autonomy: r.autonomy,
          autoReleaseHours: r.auto_release_hours,
          exists: true,
          scope: { channel: r.channel, brandId: r.brand_id, groupId: r.group_id },
          mirrored: r.mirrored,
        };
      },
    };
  }

  /** Creates the row of a ticket seen for the first time, and keeps where it came from up to date. */
  async ensure(
    ticketId: number,
    now: number,
    info: { requesterId?: number | null; subject?: string | null; scope?: TicketScope } = {},
  ): Promise<void> {
    await this.ensureStatement(ticketId, now, info).run();
  }

  /** The ticket's row, created if new (open, version 0), with what the helpdesk says of it. */
  ensureStatement(
    ticketId: number,
    now: number,
    info: { requesterId?: number | null; subject?: string | null; scope?: TicketScope } = {},
  ): D1PreparedStatement {
    const scope = info.scope;
    return this.db
      .prepare(
        `INSERT INTO tickets (installation_id, ticket_id, state, version, requester_id, subject, channel, brand_id,
           group_id, created_at, updated_at)
         VALUES (?1, ?2, 'open', 0, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (installation_id, ticket_id) DO UPDATE SET
           requester_id = COALESCE(requester_id, excluded.requester_id),
           subject = COALESCE(subject, excluded.subject),
           channel = CASE WHEN ?9 THEN excluded.channel ELSE channel END,
           brand_id = CASE WHEN ?9 THEN excluded.brand_id ELSE brand_id END,
           group_id = CASE WHEN ?9 THEN excluded.group_id ELSE group_id END`,
      )
      .bind(
        this.inst,
        ticketId,
        info.requesterId ?? null,
        info.subject ?? null,
        scope?.channel ?? null,
        scope?.brandId ?? null,
        scope?.groupId ?? null,
        now,
        scope ? 1 : 0,
      );
  }

  /** Remembers the mirror just written, so an unchanged one is not written again. */
  mirroredStatement(ticketId: number, mirrored: string): D1PreparedStatement {
    return this.db
      .prepare("UPDATE tickets SET mirrored = ? WHERE installation_id = ? AND ticket_id = ?")
      .bind(mirrored, this.inst, ticketId);
  }

  /** The compare-and-set of one record write; later statements carry `g` so they run only if it won. */
  updateStatement(prev: TicketRecord, next: TicketRecord, now: number, g: WriteGuard): D1PreparedStatement {
    return this.db
      .prepare(
        `UPDATE tickets SET state = ?, owner_id = ?, owner_name = ?, version = ?, send_lease_id = ?,
           send_lease_until = ?, held_since = ?, last_human_at = ?, released_at = ?, held_draft_id = ?,
           waiting = ?, updated_at = ?, write_token = ?
         WHERE installation_id = ? AND ticket_id = ? AND version = ?`,
      )
      .bind(
        next.state,
        next.owner?.id ?? null,
        next.owner?.name ?? null,
        next.version,
        next.sendLease?.id ?? null,
        next.sendLease?.until ?? null,
        next.heldSince,
        next.lastHumanAt,
        next.releasedAt,
        next.heldDraftId,
        next.waiting ? 1 : 0,
        now,
        g.token,
        this.inst,
        next.ticketId,
        prev.version,
      );
  }

  auditStatement(ticketId: number, a: AuditEntry, now: number, g: WriteGuard | null): D1PreparedStatement {
    const actorId = a.actor.kind === "agent" ? a.actor.id : null;
    const actorName = a.actor.kind === "agent" ? a.actor.name : null;
    const guard = guardSql(g);
    return this.db
      .prepare(
        `INSERT INTO ticket_events (installation_id, ticket_id, at, type, actor_kind, actor_id, actor_name, from_state, to_state, reason, detail)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql}`,
      )
      .bind(
        this.inst,
        ticketId,
        now,
        a.type,
        a.actor.kind,
        actorId,
        actorName,
        a.from,
        a.to,
        a.reason,
        a.detail ? JSON.stringify(a.detail) : null,
        ...guard.binds,
      );
  }

  /** Records an AI decision or other event that changes no state. */
  async log(ticketId: number, a: AuditEntry, now: number): Promise<void> {
    await this.auditStatement(ticketId, a, now, null).run();
  }

  async setAutonomy(ticketId: number, mode: Autonomy, now: number): Promise<void> {
    await this.db
      .prepare("UPDATE tickets SET autonomy = ?, updated_at = ? WHERE installation_id = ? AND ticket_id = ?")
      .bind(mode, now, this.inst, ticketId)
      .run();
  }

  async setAutoRelease(ticketId: number, hours: number | null, now: number): Promise<void> {
    await this.db
      .prepare(
        "UPDATE tickets SET auto_release_hours = ?, updated_at = ? WHERE installation_id = ? AND ticket_id = ?",
      )
      .bind(hours, now, this.inst, ticketId)
      .run();
  }

  async events(ticketId: number, limit = 100): Promise<TimelineEvent[]> {
    return run(this.eventsQuery(ticketId, limit));
  }

  eventsQuery(ticketId: number, limit = 100): Query<TimelineEvent[]> {
    return {
      statement: this.db
        .prepare(
          "SELECT * FROM ticket_events WHERE installation_id = ? AND ticket_id = ? ORDER BY id DESC LIMIT ?",
        )
        .bind(this.inst, ticketId, limit),
      read: (rows) =>
        rows
          .map((r) => EventRow.parse(r))
          .reverse()
          .map((e) => ({
            id: e.id,
            at: new Date(e.at).toISOString(),
            type: e.type,
            actor: { kind: e.actor_kind, id: e.actor_id, name: e.actor_name },
            from: e.from_state,
            to: e.to_state,
            reason: e.reason,
            ...detailOf(e.detail),
          })),
    };
  }

  /** Tickets held by a human whose last human activity is older than their auto-release window. */
  async dueForAutoRelease(now: number, defaultHours: number | null, limit = 100): Promise<number[]> {
    const { results } = await this.db
      .prepare(
        `SELECT ticket_id FROM tickets
         WHERE installation_id = ? AND state = 'in_progress'
           AND COALESCE(auto_release_hours, ?) IS NOT NULL
           AND COALESCE(last_human_at, held_since, updated_at) + COALESCE(auto_release_hours, ?) * 3600000 <= ?
         LIMIT ?`,
      )
      .bind(this.inst, defaultHours, defaultHours, now, limit)
      .all();
    return results.map((r) => z.object({ ticket_id: z.number() }).parse(r).ticket_id);
  }
}
