// Entries as the Worker sends them, and a strict fake of the admin API for controller tests:
// a call a test did not provide throws, naming it.
import type { AdminKbEntry, AdminPolicyEntry } from "../../../../common/admin.schema";
import type { AdminApi, EntriesApi } from "../../../../app/api/admin-api";
import type { ApiError } from "../../../../app/api/errors";
import type { ApiResult } from "../../../../app/api/worker-api";
import { strictFake } from "../support/fake-zaf";

const at = "2026-11-20T10:00:00.000Z";

export function kbEntry(patch: Partial<AdminKbEntry> = {}): AdminKbEntry {
  return {
    id: 1,
    question: "Do you gift wrap?",
    answer: "Yes, for EUR 3.95.",
    topics: [],
    status: "pending_review",
    sourceType: "learning_loop",
    confidence: 0.6,
    motivation: "Ana answered it on ticket #12.",
    sourceTicketId: 12,
    usageCount: 0,
    lastUsedAt: null,
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}

export function policyEntry(patch: Partial<AdminPolicyEntry> = {}): AdminPolicyEntry {
  return {
    id: 1,
    topic: "Chargebacks",
    ruleText: "Hand chargebacks to a person.",
    conditions: { keywords: ["chargeback"] },
    action: "escalate",
    status: "pending_review",
    sourceType: "learning_loop",
    confidence: 0.9,
    rationale: "Bo took over two chargeback tickets.",
    sourceTicketId: 14,
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const failed = (
  kind: ApiError["kind"],
  status: number,
  detail: string | null = null,
): ApiResult<never> => ({
  ok: false,
  error: { kind, status, detail },
});

export function fakeEntries<E>(kind: "kb" | "policy", impl: Partial<EntriesApi<E>>): EntriesApi<E> {
  return strictFake<EntriesApi<E>>({ kind, ...impl }, `fake ${kind} API`);
}

export function fakeApi(impl: Partial<AdminApi>): AdminApi {
  return strictFake<AdminApi>(impl, "fake admin API");
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
