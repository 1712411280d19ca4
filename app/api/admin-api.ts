// The admin area's calls to the Worker, over the same transport as the sidebar's
// (worker-api.ts: Zendesk's proxy, the secret as a placeholder), parsed with the shared schemas.
// Must never call `fetch` or ZAF's request itself.
import {
  type AdminKbEntry,
  AdminKbEntrySchema,
  type AdminPolicyEntry,
  AdminPolicyEntrySchema,
  type AdminSettings,
  type AdminSettingsPatch,
  AdminSettingsSchema,
  type ImportReport,
  ImportReportSchema,
  type Installation,
  InstallationSchema,
  KbListSchema,
  PolicyListSchema,
  type PublishResult,
  PublishResultSchema,
  type Stats,
  StatsSchema,
} from "../../common/admin.schema";
import type { Zaf } from "../zaf/client";
import { type ApiResult, createWorkerCall, type Parser, parseAnswer, type WorkerAnswer } from "./worker-api";

export type EntryKind = "kb" | "policy";
export type EntryStatus = AdminKbEntry["status"];

export interface ListQuery {
  status?: EntryStatus | undefined;
  sourceType?: AdminKbEntry["sourceType"] | undefined;
  topic?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export interface EntriesApi<E> {
  kind: EntryKind;
  list(query: ListQuery): Promise<ApiResult<{ items: E[]; total: number }>>;
  create(input: Record<string, unknown>): Promise<ApiResult<E>>;
  update(id: number, patch: Record<string, unknown>): Promise<ApiResult<E>>;
  remove(id: number): Promise<ApiResult<void>>;
  approve(id: number, edits?: Record<string, unknown>): Promise<ApiResult<E>>;
  reject(id: number, reason?: string): Promise<ApiResult<E>>;
  /** One chunk of rows; a chunk the Worker refused entirely still answers its report (400). */
  importRows(rows: unknown[]): Promise<ApiResult<ImportReport>>;
}

export interface AdminApi {
  kb: EntriesApi<AdminKbEntry>;
  policies: EntriesApi<AdminPolicyEntry>;
  publish(kbId: number): Promise<ApiResult<PublishResult>>;
  stats(from: string, to: string): Promise<ApiResult<Stats>>;
  settings(): Promise<ApiResult<AdminSettings>>;
  saveSettings(patch: AdminSettingsPatch): Promise<ApiResult<AdminSettings>>;
  installation(): Promise<ApiResult<Installation>>;
  disconnect(): Promise<ApiResult<void>>;
  /** All of the installation's data, as the JSON text to save. */
  exportData(): Promise<ApiResult<string>>;
  /** Where "Connect" sends the admin (the Worker's OAuth start); null without a backend URL. */
  connectUrl(subdomain: string): string | null;
}

export function listQueryString(q: ListQuery): string {
  const params = new URLSearchParams();
  for (const key of ["status", "sourceType", "topic", "q"] as const) {
    const value = q[key]?.trim();
    if (value) params.set(key, value);
  }
  params.set("limit", String(q.limit));
  params.set("offset", String(q.offset));
  return params.toString();
}

const done = (answer: WorkerAnswer): ApiResult<void> =>
  answer.ok ? { ok: true, value: undefined } : { ok: false, error: answer.error };

export function createAdminApi(zaf: Zaf, backendUrl: string | null): AdminApi {
  const call = createWorkerCall(zaf, backendUrl);

  function entries<E>(
    kind: EntryKind,
    one: Parser<E>,
    list: Parser<{ items: E[]; total: number }>,
  ): EntriesApi<E> {
    const base = kind === "kb" ? "kb-entries" : "policy-entries";
    return {
      kind,
      list: async (q) => parseAnswer(list, await call("GET", `${base}?${listQueryString(q)}`)),
      create: async (input) => parseAnswer(one, await call("POST", base, input)),
      update: async (id, patch) => parseAnswer(one, await call("PATCH", `${base}/${id}`, patch)),
      remove: async (id) => done(await call("DELETE", `${base}/${id}`)),
      approve: async (id, edits) =>
        parseAnswer(one, await call("POST", `${base}/${id}/approve`, edits ?? {})),
      reject: async (id, reason) =>
        parseAnswer(one, await call("POST", `${base}/${id}/reject`, reason ? { reason } : {})),
      async importRows(rows) {
        const answer = await call("POST", `${base}/import`, rows);
        if (!answer.ok && answer.error.status === 400) {
          const report = ImportReportSchema.safeParse(answer.body);
          if (report.success) return { ok: true, value: report.data };
        }
        return parseAnswer(ImportReportSchema, answer);
      },
    };
  }

  const base = backendUrl?.trim().replace(/\/+$/, "") ?? "";
  return {
    kb: entries("kb", AdminKbEntrySchema, KbListSchema),
    policies: entries("policy", AdminPolicyEntrySchema, PolicyListSchema),
    publish: async (id) =>
      parseAnswer(PublishResultSchema, await call("POST", `kb-entries/${id}/publish`, {})),
    stats: async (from, to) =>
      parseAnswer(StatsSchema, await call("GET", `stats?${new URLSearchParams({ from, to })}`)),
    settings: async () => parseAnswer(AdminSettingsSchema, await call("GET", "settings")),
    saveSettings: async (patch) => parseAnswer(AdminSettingsSchema, await call("PATCH", "settings", patch)),
    installation: async () => parseAnswer(InstallationSchema, await call("GET", "installation")),
    disconnect: async () => done(await call("DELETE", "installation")),
    async exportData() {
      const answer = await call("GET", "installation/export");
      if (!answer.ok) return { ok: false, error: answer.error };
      return { ok: true, value: JSON.stringify(answer.value, null, 2) };
    },
    connectUrl: (subdomain) =>
      base ? `${base}/connect/zendesk?${new URLSearchParams({ subdomain })}` : null,
  };
}
