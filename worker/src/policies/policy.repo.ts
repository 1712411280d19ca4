// Policy entries in D1. Only `approved` policies apply to drafts.
import { z } from "zod";
import { type PolicyEntry, PolicyConditionsSchema } from "../../../common/api.schema";

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
};

export type PolicyPatch = Partial<
  Pick<PolicyWrite, "topic" | "ruleText" | "conditions" | "action" | "status" | "confidence" | "rationale">
> & { rejectReason?: string | null };

export class PolicyRepo {
  constructor(private readonly db: D1Database) {}

  insertStatement(e: PolicyWrite, now: number): D1PreparedStatement {
    return this.db
      .prepare(
        `INSERT INTO policy_entries (topic, rule_text, conditions, action, status, source_type, confidence, rationale, source_ticket_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .bind(
        e.topic,
        e.ruleText,
        JSON.stringify(e.conditions),
        e.action,
        e.status,
        e.sourceType,
        e.confidence ?? null,
        e.rationale ?? null,
        e.sourceTicketId ?? null,
        now,
        now,
      );
  }

  async create(e: PolicyWrite, now: number): Promise<PolicyEntry> {
    return policyFromRow(await this.insertStatement(e, now).first());
  }

  async get(id: number): Promise<PolicyEntry | null> {
    const row = await this.db.prepare("SELECT * FROM policy_entries WHERE id = ?").bind(id).first();
    return row ? policyFromRow(row) : null;
  }

  async approved(): Promise<PolicyEntry[]> {
    const { results } = await this.db
      .prepare("SELECT * FROM policy_entries WHERE status = 'approved' ORDER BY id")
      .all();
    return results.map(policyFromRow);
  }

  async list(f: { status?: string; topic?: string; limit: number; offset: number }) {
    const where: string[] = [];
    const binds: (string | number)[] = [];
    if (f.status) {
      where.push("status = ?");
      binds.push(f.status);
    }
    if (f.topic) {
      where.push("lower(topic) = lower(?)");
      binds.push(f.topic);
    }
    const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const [rows, count] = await this.db.batch([
      this.db
        .prepare(`SELECT * FROM policy_entries ${w} ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`)
        .bind(...binds, f.limit, f.offset),
      this.db.prepare(`SELECT count(*) AS n FROM policy_entries ${w}`).bind(...binds),
    ]);
    return {
      items: (rows?.results ?? []).map(policyFromRow),
      total: z.object({ n: z.number() }).parse(count?.results[0]).n,
    };
  }

  async update(id: number, p: PolicyPatch, now: number): Promise<PolicyEntry | null> {
    const sets: string[] = [];
    const binds: (string | number | null)[] = [];
    const put = (col: string, v: string | number | null) => {
      sets.push(`${col} = ?`);
      binds.push(v);
    };
    if (p.topic !== undefined) put("topic", p.topic);
    if (p.ruleText !== undefined) put("rule_text", p.ruleText);
    if (p.conditions !== undefined) put("conditions", JSON.stringify(p.conditions));
    if (p.action !== undefined) put("action", p.action);
    if (p.status !== undefined) put("status", p.status);
    if (p.confidence !== undefined) put("confidence", p.confidence);
    if (p.rationale !== undefined) put("rationale", p.rationale);
    if (p.rejectReason !== undefined) put("reject_reason", p.rejectReason);
    put("updated_at", now);
    const row = await this.db
      .prepare(`UPDATE policy_entries SET ${sets.join(", ")} WHERE id = ? RETURNING *`)
      .bind(...binds, id)
      .first();
    return row ? policyFromRow(row) : null;
  }

  async delete(id: number): Promise<boolean> {
    const res = await this.db.prepare("DELETE FROM policy_entries WHERE id = ?").bind(id).run();
    return res.meta.changes > 0;
  }
}
