// What the KB and policy lists show, as plain values: topics to suggest, a short preview of
// long text, which row actions apply, and whether a 404 means "this Worker lacks the call".
// Pure: no DOM, no I/O.
import type { AdminKbEntry, AdminPolicyEntry, PublishResult } from "../../../common/admin.schema";
import { EntryStatusSchema } from "../../../common/api.schema";
import type { EntryStatus } from "../../api/admin-api";
import type { ApiError } from "../../api/errors";

export type AnyEntry = AdminKbEntry | AdminPolicyEntry;

export const isKb = (e: AnyEntry): e is AdminKbEntry => "question" in e;

/** Every topic on the page, once, sorted: suggestions for the topic filter. */
export function topicsOf(items: readonly AnyEntry[]): string[] {
  const all = items.flatMap((e) => (isKb(e) ? e.topics : [e.topic]));
  const byLower = new Map(all.map((t) => [t.toLowerCase(), t]));
  return [...byLower.values()].sort((a, b) => a.localeCompare(b));
}

export function preview(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export interface RowActions {
  archive: boolean;
  restore: boolean;
  publish: boolean;
}

export function rowActions(e: AnyEntry, canPublish: boolean): RowActions {
  return {
    archive: e.status !== "archived",
    restore: e.status === "archived",
    publish: canPublish && isKb(e) && e.status === "approved",
  };
}

/** The Worker answers an unknown route with a bare "Not found": the call is not there yet. */
export const missingCall = (error: ApiError): boolean =>
  error.kind === "not_found" && (error.detail === null || error.detail === "Not found");

/** What a publication says, as translation keys: created or found again, behind the entry, placed by default. */
export function publishNotes(r: PublishResult): string[] {
  return [
    r.created === false ? "publish.existing" : "publish.done",
    ...(r.stale ? ["publish.stale"] : []),
    ...((r.chosen?.length ?? 0) > 0 ? ["publish.chosen"] : []),
  ];
}

/** The status filter's value: a status, or "" for all. */
export function statusFilter(value: string): EntryStatus | "" {
  const parsed = EntryStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : "";
}
