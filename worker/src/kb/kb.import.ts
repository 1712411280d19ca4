// Bulk import of KB entries from JSON or CSV: parse, validate every row with
// the same schema as a single create, insert the valid rows in batches, and
// say exactly which rows were refused and why. Nothing half-imported.
import Papa from "papaparse";
import * as z from "zod";
import { KbEntryCreateSchema } from "../../../common/api.schema";
import type { KbRepo, KbWrite } from "./kb.repo";

export const MAX_IMPORT_ROWS = 5_000;

export interface ImportReport {
  imported: number;
  errors: { row: number; error: string }[];
}

const JsonImport = z.union([
  z.array(z.unknown()),
  z.object({ items: z.array(z.unknown()) }).transform((o) => o.items),
]);

/** CSV columns: question, answer, topics (separated by `;` or `|`), status (optional). */
function csvRows(text: string): { rows: unknown[]; error: string | null } {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fatal = parsed.errors.find((e) => e.type === "Delimiter" || e.type === "Quotes");
  if (fatal) return { rows: [], error: `CSV: ${fatal.message} (row ${(fatal.row ?? 0) + 1})` };
  const rows = parsed.data.map((r) => ({
    question: r.question,
    answer: r.answer,
    topics: (r.topics ?? "")
      .split(/[;|]/)
      .map((t) => t.trim())
      .filter(Boolean),
    ...(r.status?.trim() ? { status: r.status.trim() } : {}),
  }));
  return { rows, error: null };
}

/** Parses the body by its content type; throws a message meant for the admin. */
export function parseImport(contentType: string, text: string): unknown[] {
  if (/csv/i.test(contentType)) {
    const { rows, error } = csvRows(text);
    if (error) throw new ImportError(error);
    return rows;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError("The body is neither valid JSON nor CSV (send CSV as text/csv)");
  }
  const rows = JsonImport.safeParse(json);
  if (!rows.success) throw new ImportError("JSON imports are an array of entries, or {items: [...]}");
  return rows.data;
}

export class ImportError extends Error {}

export async function importKb(repo: KbRepo, rows: unknown[], now: number): Promise<ImportReport> {
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportError(`At most ${MAX_IMPORT_ROWS} entries per import`);
  const errors: ImportReport["errors"] = [];
  const valid: KbWrite[] = [];
  rows.forEach((row, i) => {
    const r = KbEntryCreateSchema.safeParse(row);
    if (!r.success) {
      const issue = r.error.issues[0];
      errors.push({
        row: i + 1,
        error: `${issue?.path.join(".") || "entry"}: ${issue?.message ?? "invalid"}`,
      });
      return;
    }
    valid.push({ ...r.data, status: r.data.status ?? "approved", sourceType: "import" });
  });
  await repo.insertMany(valid, now);
  return { imported: valid.length, errors };
}
