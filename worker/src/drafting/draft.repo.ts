// AI drafts: every reply the AI meant to send, held for approval or on its way.
// A draft in `sending` whose lease expired is in doubt: it is reconciled
// against Zendesk before anything is sent again (a retry never sends twice).
import { z } from "zod";
import { type Query, run } from "../lib/query";

export type DraftStatus = "held" | "sending" | "sent" | "discarded" | "refused";

export interface Draft {
  id: number;
  ticketId: number;
  body: string;
  status: DraftStatus;
  citations: number[];
  attentionId: number | null;
  replyTo: number[];
  /** The send lease this draft went out under (auto sends only). */
  leaseId: string | null;
  createdAt: number;
}

const Row = z.object({
  id: z.number(),
  ticket_id: z.number(),
  body: z.string(),
  status: z.enum(["held", "sending", "sent", "discarded", "refused"]),
  meta: z.string(),
  attention_id: z.number().nullable(),
  created_at: z.number(),
});

const Meta = z.object({
  kb: z.array(z.number()).default([]),
  replyTo: z.array(z.number()).default([]),
  leaseId: z.string().nullable().default(null),
});

const toDraft = (r: z.infer<typeof Row>): Draft => {
  const meta = Meta.parse(JSON.parse(r.meta));
  return {
    id: r.id,
    ticketId: r.ticket_id,
    body: r.body,
    status: r.status,
    citations: meta.kb,
    attentionId: r.attention_id,
    replyTo: meta.replyTo,
    leaseId: meta.leaseId,
    createdAt: r.created_at,
  };
};

export class DraftRepo {
  constructor(private readonly db: D1Database) {}

  async create(d: {
    ticketId: number;
    body: string;
    status: "held" | "sending";
    citations: number[];
    replyTo: number[];
    leaseId?: string | null;
    attentionId?: number | null;
    now: number;
  }): Promise<Draft> {
    const row = await this.db
      .prepare(
        `INSERT INTO drafts (ticket_id, body, status, meta, attention_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .bind(
        d.ticketId,
        d.body,
        d.status,
        JSON.stringify({ kb: d.citations, replyTo: d.replyTo, leaseId: d.leaseId ?? null }),
        d.attentionId ?? null,
        d.now,
      )
      .first();
    return toDraft(Row.parse(row));
  }

  async get(id: number): Promise<Draft | null> {
    const row = await this.db.prepare("SELECT * FROM drafts WHERE id = ?").bind(id).first();
    return row ? toDraft(Row.parse(row)) : null;
  }

  async held(ticketId: number): Promise<Draft | null> {
    return run(this.heldQuery(ticketId));
  }

  heldQuery(ticketId: number): Query<Draft | null> {
    return {
      statement: this.db
        .prepare("SELECT * FROM drafts WHERE ticket_id = ? AND status = 'held' ORDER BY id DESC LIMIT 1")
        .bind(ticketId),
      read: ([row]) => (row ? toDraft(Row.parse(row)) : null),
    };
  }

  async inDoubt(ticketId: number): Promise<Draft[]> {
    const { results } = await this.db
      .prepare("SELECT * FROM drafts WHERE ticket_id = ? AND status = 'sending' ORDER BY id")
      .bind(ticketId)
      .all();
    return results.map((r) => toDraft(Row.parse(r)));
  }

  /** Moves a draft on, only from the given status; returns whether it moved. */
  async move(id: number, from: DraftStatus[], to: DraftStatus, now: number, body?: string): Promise<boolean> {
    const fromList = from.map((s) => `'${s}'`).join(",");
    const res = await this.db
      .prepare(
        `UPDATE drafts SET status = ?, settled_at = ?, body = COALESCE(?, body) WHERE id = ? AND status IN (${fromList})`,
      )
      .bind(to, now, body ?? null, id)
      .run();
    return res.meta.changes === 1;
  }
}
