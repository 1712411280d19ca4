// Bulk import of policies from JSON or CSV, like the KB's (kb.import.ts): every row checked with
// the schema of a single create, valid rows inserted in batches as approved imports unless a
// row says otherwise, and each refused row named with its number and reason.
import Papa from "papaparse";
import { PolicyEntryCreateSchema } from "../../../common/api.schema";
import { ImportError, type ImportReport, MAX_IMPORT_ROWS, parseImport } from "../kb/kb.import";
import type { PolicyRepo, PolicyWrite } from "./policy.repo";

const list = (text: string | undefined) =>
  (text ?? "")
    .split(/[;|]/)
    .map((t) => t.trim())
    .filter(Boolean);

/** CSV columns: topic, rule (or rule_text, ruleText), action, keywords (`;` or `|`), status (optional). */
function csvRows(text: string): unknown[] {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/[\s_-]+/g, ""),
  });
  const fatal = parsed.errors.find((e) => e.type === "Delimiter" || e.type === "Quotes");
  if (fatal) throw new ImportError(`CSV: ${fatal.message} (row ${(fatal.row ?? 0) + 1})`);
  return parsed.data.map((r) => {
    const keywords = list(r.keywords);
    return {
      topic: r.topic,
      ruleText: r.ruletext ?? r.rule,
      action: r.action?.trim().toLowerCase(),
      conditions: keywords.length ? { keywords } : {},
      ...(r.status?.trim() ? { status: r.status.trim() } : {}),
    };
  });
}

export function parsePolicyImport(contentType: string, text: string): unknown[] {
  return /csv/i.test(contentType) ? csvRows(text) : parseImport("application/json", text);
}

export async function importPolicies(repo: PolicyRepo, rows: unknown[], now: number): Promise<ImportReport> {
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportError(`At most ${MAX_IMPORT_ROWS} entries per import`);
  const errors: ImportReport["errors"] = [];
  const valid: PolicyWrite[] = [];
  rows.forEach((row, i) => {
    const r = PolicyEntryCreateSchema.safeParse(row);
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
