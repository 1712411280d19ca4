// The demo shop's policies as approved entries (ids from 1, in the order of demo/policies.json), for
// tests that match messages against them without a database.
import type { PolicyEntry } from "../../common/api.schema";
import policiesJson from "../../demo/policies.json";

export const demoPolicies: PolicyEntry[] = policiesJson.map((p, i) => ({
  id: i + 1,
  topic: p.topic,
  ruleText: p.ruleText,
  conditions: p.conditions,
  action: p.action as PolicyEntry["action"],
  status: "approved",
  sourceType: "import",
  confidence: null,
  rationale: null,
  sourceTicketId: null,
  rejectReason: null,
  evidence: null,
  replacesId: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
}));
