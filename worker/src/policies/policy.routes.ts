// /api/policy-entries: the shared entry routes over the policy repository, plus bulk import.
import { Hono } from "hono";
import { PolicyEntryCreateSchema, PolicyEntryPatchSchema } from "../../../common/api.schema";
import type { AppEnv } from "../http/app";
import { entryRoutes } from "../http/entries.routes";
import { HttpError } from "../http/errors";
import { ImportError } from "../kb/kb.import";
import { importPolicies, parsePolicyImport } from "./policy.import";

const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/** POST /api/policy-entries/import: JSON (array or {items}) or CSV (text/csv). */
const importRoute = new Hono<AppEnv>().post("/import", async (c) => {
  const s = c.get("services");
  const text = await c.req.text();
  if (text.length > MAX_IMPORT_BYTES) throw new HttpError(413, "An import is at most 4 MiB");
  try {
    const rows = parsePolicyImport(c.req.header("Content-Type") ?? "", text);
    const report = await importPolicies(s.policies, rows, s.now());
    return c.json(report, report.imported > 0 ? 201 : 400);
  } catch (e) {
    if (e instanceof ImportError) throw new HttpError(400, e.message);
    throw e;
  }
});

const crud = entryRoutes({
  name: "Policy entry",
  createSchema: PolicyEntryCreateSchema,
  patchSchema: PolicyEntryPatchSchema,
  list: (s, q) => s.policies.list(q),
  create: (s, input) =>
    s.policies.create(
      {
        topic: input.topic,
        ruleText: input.ruleText,
        conditions: input.conditions,
        action: input.action,
        status: input.status ?? "approved",
        sourceType: "manual",
        confidence: input.confidence,
        rationale: input.rationale,
      },
      s.now(),
    ),
  update: (s, id, patch) => s.policies.update(id, patch, s.now()),
  remove: (s, id) => s.policies.delete(id),
});

export const policyRoutes = new Hono<AppEnv>().route("/", importRoute).route("/", crud);
