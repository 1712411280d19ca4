// KB entries in D1 (the FTS5 index follows by trigger). Only `approved`
// entries reach the AI; that filter lives in kb.search.ts.
import * as z from "zod";
import { type Evidence, EvidenceSchema, type KbEntry } from "../../../common/api.schema";
import { type EntryFilter, listPage, updateRow } from "../lib/entries.query";
import type { Query } from "../lib/query";
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
  reject_reason: z.string().nullable(),
  evidence: z.string().nullable(),
  replaces_id: z.number().nullable(),
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
    rejectReason: r.reject_reason,
    evidence: parseEvidence(r.evidence),
    replacesId: r.replaces_id,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** Stored evidence, or null when there is none or it no longer parses (never fails a read). */
export function parseEvidence(raw: string | null): Evidence | null {
  if (raw === null) return null;
  try {
    const parsed = EvidenceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
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
  evidence?: Evidence | null | undefined;
  replacesId?: number | null | undefined;
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
        `INSERT INTO kb_entries (installation_id, question, answer, topics, status, source_type, confidence, motivation, source_ticket_id, evidence, replaces_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
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
        e.evidence ? JSON.stringify(e.evidence) : null,
        e.replacesId ?? null,
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

  /** Approved entries the AI cited in the replies it sent on a ticket. */
  citedOnTicketQuery(ticketId: number): Query<KbEntry[]> {
    return {
      statement: this.db
        .prepare(
          `SELECT * FROM kb_entries WHERE installation_id = ?1 AND status = 'approved' AND id IN (
             SELECT c.value FROM drafts d, json_each(d.meta, '$.kb') c
             WHERE d.installation_id = ?1 AND d.ticket_id = ?2 AND d.status = 'sent')`,
        )
        .bind(this.inst, ticketId),
      read: (rows) => rows.map(kbFromRow),
    };
  }

  /** The most recently decided learning-loop proposals in `status` (rejected ones: never again). */
  proposalsQuery(status: "rejected" | "pending_review", limit = 200): Query<KbEntry[]> {
    return {
      statement: this.db
        .prepare(
          `SELECT * FROM kb_entries WHERE installation_id = ? AND status = ? AND source_type = 'learning_loop'
           ORDER BY updated_at DESC LIMIT ?`,
        )
        .bind(this.inst, status, limit),
      read: (rows) => rows.map(kbFromRow),
    };
  }

  /** Sets a proposal's evidence (the replay's verdict arrives after the proposal is stored). */
  async setEvidence(id: number, evidence: Evidence): Promise<void> {
    await this.db
      .prepare("UPDATE kb_entries SET evidence = ? WHERE installation_id = ? AND id = ?")
      .bind(JSON.stringify(evidence), this.inst, id)
      .run();
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
    if (row && p.status === "approved") await this.archiveReplaced(id, now);
    return row ? kbFromRow(row) : null;
  }

  /** An approved correction retires the entry it replaces. */
  private async archiveReplaced(id: number, now: number): Promise<void> {
    await this.db
      .prepare(
        `UPDATE kb_entries SET status = 'archived', updated_at = ?1
         WHERE installation_id = ?2 AND status = 'approved'
           AND id = (SELECT replaces_id FROM kb_entries WHERE installation_id = ?2 AND id = ?3)`,
      )
      .bind(now, this.inst, id)
      .run();
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
