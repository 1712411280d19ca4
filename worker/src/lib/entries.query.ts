// The SQL both entry tables (kb_entries, policy_entries) share: a filtered,
// paged list with its total, and a partial update of the columns given.
// Column and table names come from our code, never from a request.
import { z } from "zod";

type Value = string | number | null;

export async function listPage(
  db: D1Database,
  table: "kb_entries" | "policy_entries",
  filters: [sql: string, value: Value][],
  page: { limit: number; offset: number },
): Promise<{ rows: unknown[]; total: number }> {
  const w = filters.length ? `WHERE ${filters.map(([sql]) => sql).join(" AND ")}` : "";
  const binds = filters.map(([, v]) => v);
  const [rows, count] = await db.batch([
    db
      .prepare(`SELECT * FROM ${table} ${w} ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`)
      .bind(...binds, page.limit, page.offset),
    db.prepare(`SELECT count(*) AS n FROM ${table} ${w}`).bind(...binds),
  ]);
  return { rows: rows?.results ?? [], total: z.object({ n: z.number() }).parse(count?.results[0]).n };
}

/** A case-insensitive "contains" on the given text columns (LIKE, with its wildcards escaped). */
export function containsFilter(columns: readonly string[], text: string): [sql: string, value: string] {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return [`(${columns.join(" || char(10) || ")}) LIKE ? ESCAPE '\\'`, pattern];
}

/** Sets the columns whose value is not `undefined`, and `updated_at`; returns the row or null. */
export async function updateRow(
  db: D1Database,
  table: "kb_entries" | "policy_entries",
  id: number,
  columns: Record<string, Value | undefined>,
  now: number,
): Promise<unknown | null> {
  const all: [string, Value | undefined][] = [...Object.entries(columns), ["updated_at", now]];
  const set = all.filter((e): e is [string, Value] => e[1] !== undefined);
  return db
    .prepare(`UPDATE ${table} SET ${set.map(([c]) => `${c} = ?`).join(", ")} WHERE id = ? RETURNING *`)
    .bind(...set.map(([, v]) => v), id)
    .first();
}
