// Policy entries in D1. Only `approved` policies apply to drafts.
import * as z from "zod";
import { type Evidence, type PolicyEntry, PolicyConditionsSchema } from "../../../common/api.schema";
import { parseEvidence } from "../kb/kb.repo";
import { type EntryFilter, listPage, updateRow } from "../lib/entries.query";
import { type Query, run } from "../lib/query";
import type { Scope } from "../lib/scope";

const Row = z.object({
  id: z.number(),
  topic: z.string(),
  rule_text: z.string(),
  conditions: z.string(),
  action: z.enum(["escalate", "require_approval", "guideline"]),
  status: z.enum(["approved", "pending_review", "rejected", "archived"]),
  source_type: z.enum(["manual", "learning_loop", "import"]),
  confidence: z.number().nullable(),
  rationale: z.string().nullable(),
  source_ticket_id: z.number().nullable(),
  reject_reason: z.string().nullable(),
  evidence: z.string().nullable(),
  replaces_id: z.number().nullable(),
  created_at: z.number(),
  updated_at: z.number(),
});

const iso = (ms: number) => new Date(ms).toISOString();

export function policyFromRow(row: unknown): PolicyEntry {
  const r = Row.parse(row);
  return {
    id: r.id,
    topic: r.topic,
    ruleText: r.rule_text,
    conditions: PolicyConditionsSchema.catch({}).parse(JSON.parse(r.conditions)),
    action: r.action,
    status: r.status,
    sourceType: r.source_type,
    confidence: r.confidence,
    rationale: r.rationale,
    sourceTicketId: r.source_ticket_id,
    rejectReason: r.reject_reason,
    evidence: parseEvidence(r.evidence),
    replacesId: r.replaces_id,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export type PolicyWrite = Pick<
  PolicyEntry,
  "topic" | "ruleText" | "conditions" | "action" | "status" | "sourceType"
> & {
  confidence?: number | null | undefined;
  rationale?: string | null | undefined;
  sourceTicketId?: number | null | undefined;
  evidence?: Evidence | null | undefined;
  replacesId?: number | null | undefined;
};

export type PolicyPatch = Partial<
  Pick<PolicyWrite, "topic" | "ruleText" | "conditions" | "action" | "status" | "confidence" | "rationale">
> & { rejectReason?: string | null };

export class PolicyRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(private readonly scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  insertStatement(e: PolicyWrite, now: number): D1PreparedStatement {
    return this.db
      .prepare(
        `INSERT INTO policy_entries (installation_id, topic, rule_text, conditions, action, status, source_type, confidence, rationale, source_ticket_id, evidence, replaces_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .bind(
        this.inst,
        e.topic,
        e.ruleText,
        JSON.stringify(e.conditions),
        e.action,
        e.status,
        e.sourceType,
        e.confidence ?? null,
        e.rationale ?? null,
        e.sourceTicketId ?? null,
        e.evidence ? JSON.stringify(e.evidence) : null,
        e.replacesId ?? null,
        now,
        now,
      );
  }

  /** Inserts many entries, a D1 batch per 50 (one transaction each). */
  async insertMany(entries: readonly PolicyWrite[], now: number): Promise<void> {
    for (let i = 0; i < entries.length; i += 50) {
      await this.db.batch(entries.slice(i, i + 50).map((e) => this.insertStatement(e, now)));
    }
  }

  async create(e: PolicyWrite, now: number): Promise<PolicyEntry> {
    return policyFromRow(await this.insertStatement(e, now).first());
  }

  async get(id: number): Promise<PolicyEntry | null> {
    const row = await this.db
      .prepare("SELECT * FROM policy_entries WHERE installation_id = ? AND id = ?")
      .bind(this.inst, id)
      .first();
    return row ? policyFromRow(row) : null;
  }

  async approved(): Promise<PolicyEntry[]> {
    return run(this.approvedQuery());
  }

  approvedQuery(): Query<PolicyEntry[]> {
    return this.statusQuery("approved", 1_000);
  }

  /** Entries in `status`, most recently changed first. */
  statusQuery(status: PolicyEntry["status"], limit: number): Query<PolicyEntry[]> {
    return {
      statement: this.db
        .prepare(
          `SELECT * FROM policy_entries WHERE installation_id = ? AND status = ?
           ORDER BY ${status === "approved" ? "id" : "updated_at DESC"} LIMIT ?`,
        )
        .bind(this.inst, status, limit),
      read: (rows) => rows.map(policyFromRow),
    };
  }

  async setEvidence(id: number, evidence: Evidence): Promise<void> {
    await this.db
      .prepare("UPDATE policy_entries SET evidence = ? WHERE installation_id = ? AND id = ?")
      .bind(JSON.stringify(evidence), this.inst, id)
      .run();
  }

  async list(f: EntryFilter & { limit: number; offset: number }) {
    const { rows, total } = await listPage(this.scope, "policy_entries", f, f);
    return { items: rows.map(policyFromRow), total };
  }

  async update(id: number, p: PolicyPatch, now: number): Promise<PolicyEntry | null> {
    const row = await updateRow(
      this.scope,
      "policy_entries",
      id,
      {
        topic: p.topic,
        rule_text: p.ruleText,
        conditions: p.conditions === undefined ? undefined : JSON.stringify(p.conditions),
        action: p.action,
        status: p.status,
        confidence: p.confidence,
        rationale: p.rationale,
        reject_reason: p.rejectReason,
      },
      now,
    );
    return row ? policyFromRow(row) : null;
  }

  async delete(id: number): Promise<boolean> {
    const res = await this.db
      .prepare("DELETE FROM policy_entries WHERE installation_id = ? AND id = ?")
      .bind(this.inst, id)
      .run();
    return res.meta.changes > 0;
  }
}
