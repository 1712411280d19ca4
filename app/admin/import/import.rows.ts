// What an import file holds, as the rows the Worker's import takes: JSON (an array, or
// {items}) as is, CSV mapped by its header the way the Worker maps a CSV body. Pure: no DOM.
// The Worker checks every row; here only the file as a whole is judged.
import type { EntryKind } from "../../api/admin-api";
import { parseCsv } from "./csv";

/** The Worker's limit per import; the admin area sends it in chunks but keeps the same limit. */
export const MAX_ROWS = 5_000;

export type RowsResult =
  | { ok: true; rows: unknown[] }
  | { ok: false; error: string; params?: Record<string, string | number> };

/** Columns by kind, as the help names them; a header is matched lower-case, without spaces,
 * dashes or underscores ("Rule text", "rule_text" and "rule" are all the rule). */
const REQUIRED: Record<EntryKind, string[]> = {
  kb: ["question", "answer"],
  policy: ["topic", "rule", "action"],
};

const normal = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
const list = (text: string | undefined) =>
  (text ?? "")
    .split(/[;|]/)
    .map((t) => t.trim())
    .filter(Boolean);

function kbRow(r: Record<string, string>): Record<string, unknown> {
  const status = r.status?.trim();
  return { question: r.question, answer: r.answer, topics: list(r.topics), ...(status ? { status } : {}) };
}

function policyRow(r: Record<string, string>): Record<string, unknown> {
  const status = r.status?.trim();
  const keywords = list(r.keywords);
  return {
    topic: r.topic,
    ruleText: r.ruletext,
    action: r.action?.trim().toLowerCase(),
    conditions: keywords.length ? { keywords } : {},
    ...(status ? { status } : {}),
  };
}

function fromCsv(kind: EntryKind, text: string): RowsResult {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, error: "import.error.csv_quote", params: { line: parsed.line } };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, error: "import.error.empty" };
  const names = header.map((h) => (normal(h) === "rule" ? "ruletext" : normal(h)));
  const missing = REQUIRED[kind].filter((c) => !names.includes(c === "rule" ? "ruletext" : c));
  if (missing.length)
    return { ok: false, error: "import.error.columns", params: { columns: missing.join(", ") } };
  const rows = records.map((record) => {
    const r: Record<string, string> = {};
    names.forEach((name, i) => {
      if (name && record[i] !== undefined) r[name] = record[i] ?? "";
    });
    return kind === "kb" ? kbRow(r) : policyRow(r);
  });
  return { ok: true, rows };
}

function fromJson(text: string): RowsResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "import.error.json" };
  }
  if (Array.isArray(json)) return { ok: true, rows: json };
  const items = (json as { items?: unknown } | null)?.items;
  if (Array.isArray(items)) return { ok: true, rows: items };
  return { ok: false, error: "import.error.json_shape" };
}

/** Reads a file by its name (.json, else CSV) or, failing that, by its first character. */
export function rowsFromFile(kind: EntryKind, name: string, text: string): RowsResult {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) return { ok: false, error: "import.error.empty" };
  const json = /\.json$/i.test(name) || (!/\.(csv|tsv|txt)$/i.test(name) && /^[[{]/.test(trimmed));
  const result = json ? fromJson(trimmed) : fromCsv(kind, trimmed);
  if (!result.ok) return result;
  if (result.rows.length === 0) return { ok: false, error: "import.error.empty" };
  if (result.rows.length > MAX_ROWS)
    return { ok: false, error: "import.error.too_many", params: { max: MAX_ROWS } };
  return result;
}

export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
