// The SQL both entry tables (kb_entries, policy_entries) share: a filtered,
// paged list with its total, and a partial update of the columns given, always
// inside one installation. Table and column names are this module's constants
// and typed keys, never text from a caller or a request.
import * as z from "zod";
import type { Scope } from "./scope";

type Value = string | number | null;
export type EntryTable = "kb_entries" | "policy_entries";

export interface EntryFilter {
  status?: string | undefined;
  sourceType?: string | undefined;
  topic?: string | undefined;
  /** Case-insensitive "contains" over the entry's text (question and answer; topic and rule). */
  q?: string | undefined;
}

/** Per table: the searched text and the topic condition (bound as ?4). */
const TEXT: Record<EntryTable, string> = {
  kb_entries: "question || char(10) || answer",
  policy_entries: "topic || char(10) || rule_text",
};
const TOPIC: Record<EntryTable, string> = {
  kb_entries: "EXISTS (SELECT 1 FROM json_each(kb_entries.topics) WHERE lower(value) = lower(?4))",
  policy_entries: "lower(topic) = lower(?4)",
};

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listPage(
  scope: Scope,
  table: EntryTable,
  f: EntryFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: unknown[]; total: number }> {
  const where = `installation_id = ?1 AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR source_type = ?3)
    AND (?4 IS NULL OR ${TOPIC[table]}) AND (?5 IS NULL OR (${TEXT[table]}) LIKE ?5 ESCAPE '\\')`;
  const binds: Value[] = [
    scope.installationId,
    f.status ?? null,
    f.sourceType ?? null,
    f.topic ?? null,
    f.q ? likePattern(f.q) : null,
  ];
  const { db } = scope;
  const [rows, count] = await db.batch([
    db
      .prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY updated_at DESC, id DESC LIMIT ?6 OFFSET ?7`)
      .bind(...binds, page.limit, page.offset),
    db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).bind(...binds),
  ]);
  return { rows: rows?.results ?? [], total: z.object({ n: z.number() }).parse(count?.results[0]).n };
}

/** Sets the columns whose value is not `undefined`, and `updated_at`; returns the row or null. */
export async function updateRow<C extends string>(
  scope: Scope,
  table: EntryTable,
  id: number,
  columns: Partial<Record<C, Value>>,
  now: number,
): Promise<unknown | null> {
  const all: [string, Value | undefined][] = [
    ...Object.entries<Value | undefined>(columns),
    ["updated_at", now],
  ];
  const set = all.filter((e): e is [string, Value] => e[1] !== undefined);
  return scope.db
    .prepare(
      `UPDATE ${table} SET ${set.map(([c]) => `${c} = ?`).join(", ")} WHERE installation_id = ? AND id = ? RETURNING *`,
    )
    .bind(...set.map(([, v]) => v), scope.installationId, id)
    .first();
}
