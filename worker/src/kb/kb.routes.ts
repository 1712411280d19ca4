// /api/kb-entries: the shared entry routes over the KB repository, bulk import, and publishing an
// entry to the help center (kb.publish.routes.ts).
import { Hono } from "hono";
import { KbEntryCreateSchema, KbEntryPatchSchema } from "../../../common/api.schema";
import type { AppEnv } from "../http/app";
import { entryRoutes } from "../http/entries.routes";
import { HttpError } from "../http/errors";
import { ImportError, importKb, parseImport } from "./kb.import";
import { publishRoutes } from "./kb.publish.routes";

const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/** POST /api/kb-entries/import: JSON (array or {items}) or CSV (text/csv). */
const importRoute = new Hono<AppEnv>().post("/import", async (c) => {
  const s = c.get("services");
  const text = await c.req.text();
  if (text.length > MAX_IMPORT_BYTES) throw new HttpError(413, "An import is at most 4 MiB");
  try {
    const rows = parseImport(c.req.header("Content-Type") ?? "", text);
    const report = await importKb(s.kb, rows, s.now());
    return c.json(report, report.imported > 0 ? 201 : 400);
  } catch (e) {
    if (e instanceof ImportError) throw new HttpError(400, e.message);
    throw e;
  }
});

const crud = entryRoutes({
  name: "KB entry",
  createSchema: KbEntryCreateSchema,
  patchSchema: KbEntryPatchSchema,
  list: (s, q) => s.kb.list(q),
  create: (s, input) =>
    s.kb.create(
      {
        question: input.question,
        answer: input.answer,
        topics: input.topics,
        status: input.status ?? "approved",
        sourceType: "manual",
        confidence: input.confidence,
        motivation: input.motivation,
      },
      s.now(),
    ),
  update: (s, id, patch) => s.kb.update(id, patch, s.now()),
  remove: (s, id) => s.kb.delete(id),
});

export const kbRoutes = new Hono<AppEnv>().route("/", importRoute).route("/", publishRoutes).route("/", crud);
