// The KB and policy forms as plain values: an entry's fields for the form, and the form's
// fields checked into what the Worker accepts (the shared schemas' limits). Pure: no DOM, no I/O.
import type { AdminKbEntry, AdminPolicyEntry } from "../../../common/admin.schema";
import { EntryStatusSchema, PolicyActionSchema } from "../../../common/api.schema";
import { type FieldErrors, type Fields, field } from "../store";

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const POLICY_ACTIONS = PolicyActionSchema.options;
export const ENTRY_STATUSES = EntryStatusSchema.options;

/** "shipping, returns; EU" → ["shipping", "returns", "EU"]: commas, semicolons or bars. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[,;|\n]/)) {
    const item = part.trim();
    if (item && !seen.has(item.toLowerCase())) {
      seen.add(item.toLowerCase());
      out.push(item);
    }
  }
  return out;
}

export interface KbForm {
  question: string;
  answer: string;
  topics: string;
  status: AdminKbEntry["status"];
}

export interface PolicyForm {
  topic: string;
  ruleText: string;
  action: AdminPolicyEntry["action"];
  keywords: string;
  status: AdminPolicyEntry["status"];
}

export const kbForm = (e: AdminKbEntry | null): KbForm => ({
  question: e?.question ?? "",
  answer: e?.answer ?? "",
  topics: e?.topics.join(", ") ?? "",
  status: e?.status ?? "approved",
});

export const policyForm = (e: AdminPolicyEntry | null): PolicyForm => ({
  topic: e?.topic ?? "",
  ruleText: e?.ruleText ?? "",
  action: e?.action ?? "guideline",
  keywords: e?.conditions.keywords?.join(", ") ?? "",
  status: e?.status ?? "approved",
});

function text(fields: Fields, name: string, min: number, max: number, errors: Record<string, string>) {
  const value = field(fields, name);
  if (value.length < min) errors[name] = value.length === 0 ? "form.required" : "form.too_short";
  else if (value.length > max) errors[name] = "form.too_long";
  return value;
}

function list(
  fields: Fields,
  name: string,
  maxItems: number,
  maxLength: number,
  errors: Record<string, string>,
) {
  const items = splitList(field(fields, name));
  if (items.length > maxItems || items.some((i) => i.length > maxLength)) errors[name] = "form.too_long";
  return items;
}

function status(fields: Fields): AdminKbEntry["status"] | undefined {
  const parsed = EntryStatusSchema.safeParse(field(fields, "status"));
  return parsed.success ? parsed.data : undefined;
}

export interface KbInput {
  question: string;
  answer: string;
  topics: string[];
  status?: AdminKbEntry["status"];
}

/** The KB form checked; `status` only when the form has one (a proposal's edit form has none). */
export function kbInput(fields: Fields): Checked<KbInput> {
  const errors: Record<string, string> = {};
  const value: KbInput = {
    question: text(fields, "question", 3, 2_000, errors),
    answer: text(fields, "answer", 1, 20_000, errors),
    topics: list(fields, "topics", 20, 60, errors),
  };
  const s = status(fields);
  if (s) value.status = s;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

export interface PolicyInput {
  topic: string;
  ruleText: string;
  action: AdminPolicyEntry["action"];
  conditions: { keywords?: string[] };
  status?: AdminPolicyEntry["status"];
}

export function policyInput(fields: Fields): Checked<PolicyInput> {
  const errors: Record<string, string> = {};
  const action = PolicyActionSchema.safeParse(field(fields, "action"));
  if (!action.success) errors.action = "form.required";
  const keywords = list(fields, "keywords", 200, 100, errors);
  const value: PolicyInput = {
    topic: text(fields, "topic", 1, 200, errors),
    ruleText: text(fields, "ruleText", 1, 4_000, errors),
    action: action.success ? action.data : "guideline",
    conditions: keywords.length ? { keywords } : {},
  };
  const s = status(fields);
  if (s) value.status = s;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}
