// KB entries in D1 (the FTS5 index follows by trigger). Only `approved`
// entries reach the AI; that filter lives in kb.search.ts.
import { z } from "zod";
import type { KbEntry } from "../../../common/api.schema";
import { type EntryFilter, listPage, updateRow } from "../lib/entries.query";
import type { Scope } from "../lib/scope";
import { type WriteGuard, guardSql, idList } from "../lib/guard";

const Row = z.object({
  id: z.number(),
  question: z.string(),
  answer: z.string(),
  topics: z.string(),
  status: z.enum(["approved", "pending_review", "rejected", "archived"]),
  source_type: z.enum(["manual", "learning_loop", "import"]),
  confidence: z.number().nullable(),
  motivation: z.string().nullable(),
  source_ticket_id: z.number().nullable(),
  usage_count: z.number(),
  last_used_at: z.number().nullable(),
  created_at: z.number(),
  updated_at: z.number(),
});

const iso = (ms: number) => new Date(ms).toISOString();

export function kbFromRow(row: unknown): KbEntry {
  const r = Row.parse(row);
  return {
    id: r.id,
    question: r.question,
    answer: r.answer,
    topics: z.array(z.string()).catch([]).parse(JSON.parse(r.topics)),
    status: r.status,
    sourceType: r.source_type,
    confidence: r.confidence,
    motivation: r.motivation,
    sourceTicketId: r.source_ticket_id,
    usageCount: r.usage_count,
    lastUsedAt: r.last_used_at === null ? null : iso(r.last_used_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export interface KbWrite {
  question: string;
  answer: string;
  topics: string[];
  status: KbEntry["status"];
  sourceType: KbEntry["sourceType"];
  confidence?: number | null | undefined;
  motivation?: string | null | undefined;
  sourceTicketId?: number | null | undefined;
}

export type KbPatch = Partial<
  Pick<KbWrite, "question" | "answer" | "topics" | "status" | "confidence" | "motivation">
> & {
  rejectReason?: string | null;
};

export class KbRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(private readonly scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  insertStatement(e: KbWrite, now: number): D1PreparedStatement {
    return this.db
      .prepare(
        `INSERT INTO kb_entries (installation_id, question, answer, topics, status, source_type, confidence, motivation, source_ticket_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .bind(
        this.inst,
        e.question,
        e.answer,
        JSON.stringify(e.topics),
        e.status,
        e.sourceType,
        e.confidence ?? null,
        e.motivation ?? null,
        e.sourceTicketId ?? null,
        now,
        now,
      );
  }

  /** Inserts many entries, a D1 batch per 50 (one transaction each). */
  async insertMany(entries: readonly KbWrite[], now: number): Promise<void> {
    for (let i = 0; i < entries.length; i += 50) {
      await this.db.batch(entries.slice(i, i + 50).map((e) => this.insertStatement(e, now)));
    }
  }

  async create(e: KbWrite, now: number): Promise<KbEntry> {
    return kbFromRow(await this.insertStatement(e, now).first());
  }

  async get(id: number): Promise<KbEntry | null> {
    const row = await this.db
      .prepare("SELECT * FROM kb_entries WHERE installation_id = ? AND id = ?")
      .bind(this.inst, id)
      .first();
    return row ? kbFromRow(row) : null;
  }

  async list(f: EntryFilter & { limit: number; offset: number }) {
    const { rows, total } = await listPage(this.scope, "kb_entries", f, f);
    return { items: rows.map(kbFromRow), total };
  }

  async update(id: number, p: KbPatch, now: number): Promise<KbEntry | null> {
    const row = await updateRow(
      this.scope,
      "kb_entries",
      id,
      {
        question: p.question,
        answer: p.answer,
        topics: p.topics === undefined ? undefined : JSON.stringify(p.topics),
        status: p.status,
        confidence: p.confidence,
        motivation: p.motivation,
        reject_reason: p.rejectReason,
      },
      now,
    );
    return row ? kbFromRow(row) : null;
  }

  async delete(id: number): Promise<boolean> {
    // meta.changes counts the FTS trigger's writes too: any change means deleted.
    const res = await this.db
      .prepare("DELETE FROM kb_entries WHERE installation_id = ? AND id = ?")
      .bind(this.inst, id)
      .run();
    return res.meta.changes > 0;
  }

  usageStatement(ids: readonly number[], now: number, g: WriteGuard | null = null): D1PreparedStatement {
    const guard = guardSql(g);
    return this.db
      .prepare(
        `UPDATE kb_entries SET usage_count = usage_count + 1, last_used_at = ?
         WHERE installation_id = ? AND id IN (SELECT value FROM json_each(?)) AND ${guard.sql}`,
      )
      .bind(now, this.inst, idList(ids), ...guard.binds);
  }
}
