// /api/policy-entries: the shared entry routes over the policy repository.
import { PolicyEntryCreateSchema, PolicyEntryPatchSchema } from "../../../common/api.schema";
import { entryRoutes } from "../http/entries.routes";

export const policyRoutes = entryRoutes({
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
