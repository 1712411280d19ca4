// The Settings form as plain values: which settings this Worker offers (a setting it does not
// send yet shows as "not available yet"), and the form checked into a patch of what changed.
// Pure: no DOM, no I/O.
import type { AdminSettings, AdminSettingsPatch, GuideSettings, Scope } from "../../../common/admin.schema";
import { AutonomySchema } from "../../../common/api.schema";
import { splitList } from "../entries/entry-form";
import { type FieldErrors, type Fields, checked, field } from "../store";

export const AUTONOMY_MODES = AutonomySchema.options;

/** Zendesk's `via.channel` values the scope offers; others the Worker sends are kept. */
export const CHANNELS = ["email", "web", "api", "native_messaging", "mobile_sdk"] as const;

export type Optional = "handoffAcknowledgement" | "maxAiRepliesPerHour" | "aiAgentId" | "scope" | "guide";

export const available = (s: AdminSettings, key: Optional): boolean => s[key] !== undefined;

export function channelsFor(scope: Scope | undefined): string[] {
  const extra = (scope?.channels ?? []).filter((c) => !(CHANNELS as readonly string[]).includes(c));
  return [...CHANNELS, ...extra];
}

function number(text: string): number | null {
  const n = Number(text.replace(",", "."));
  return text !== "" && Number.isFinite(n) ? n : null;
}

function ids(text: string): number[] | null {
  const parts = splitList(text);
  const out = parts.map(Number);
  return out.every((n) => Number.isSafeInteger(n) && n > 0) ? out : null;
}

/** One optional ID: empty is null, anything but a whole number is refused (undefined). */
function optionalId(text: string): number | null | undefined {
  if (text === "") return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Zendesk's locale codes as Guide writes them: `en-us`, `de`, `pt-br`. */
const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

/** Where Guide articles go: each field that changed, or the errors. */
function guidePatch(current: GuideSettings, fields: Fields, errors: Record<string, string>) {
  const patch: Partial<GuideSettings> = {};
  const sectionId = optionalId(field(fields, "guideSectionId"));
  const groupId = optionalId(field(fields, "guidePermissionGroupId"));
  const localeText = field(fields, "guideLocale").toLowerCase();
  if (sectionId === undefined) errors.guideSectionId = "form.guide_id";
  else if (sectionId !== current.sectionId) patch.sectionId = sectionId;
  if (groupId === undefined) errors.guidePermissionGroupId = "form.guide_id";
  else if (groupId !== current.permissionGroupId) patch.permissionGroupId = groupId;
  const locale = localeText === "" ? null : localeText;
  if (locale !== null && !LOCALE.test(locale)) errors.guideLocale = "form.locale";
  else if (locale !== current.locale) patch.locale = locale;
  return patch;
}

const same = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export type SettingsCheck = { ok: true; patch: AdminSettingsPatch } | { ok: false; errors: FieldErrors };

/** What the admin changed, checked; only settings this Worker sends are ever patched. */
export function settingsPatch(current: AdminSettings, fields: Fields): SettingsCheck {
  const errors: Record<string, string> = {};
  const patch: AdminSettingsPatch = {};

  const enabled = checked(fields, "learningEnabled");
  const humanOnly = checked(fields, "humanManagedOnly");
  if (enabled !== current.learning.enabled || humanOnly !== current.learning.humanManagedOnly)
    patch.learning = { enabled, humanManagedOnly: humanOnly };

  const mode = AutonomySchema.safeParse(field(fields, "defaultAutonomy"));
  if (mode.success && mode.data !== current.defaultAutonomy) patch.defaultAutonomy = mode.data;

  const hoursText = field(fields, "autoReleaseHours");
  const hours = hoursText === "" ? null : number(hoursText);
  if (hoursText !== "" && (hours === null || hours <= 0 || hours > 24 * 90))
    errors.autoReleaseHours = "form.hours";
  else if (hours !== current.autoReleaseHours) patch.autoReleaseHours = hours;

  const tone = field(fields, "brandTone");
  if (tone.length > 2_000) errors.brandTone = "form.too_long";
  else if (tone !== current.brandTone.trim()) patch.brandTone = tone;

  if (available(current, "handoffAcknowledgement")) {
    const ack = checked(fields, "handoffAcknowledgement");
    if (ack !== current.handoffAcknowledgement) patch.handoffAcknowledgement = ack;
  }
  if (available(current, "maxAiRepliesPerHour")) {
    const cap = number(field(fields, "maxAiRepliesPerHour"));
    if (cap === null || !Number.isInteger(cap) || cap < 1 || cap > 1_000)
      errors.maxAiRepliesPerHour = "form.cap";
    else if (cap !== current.maxAiRepliesPerHour) patch.maxAiRepliesPerHour = cap;
  }
  if (available(current, "aiAgentId")) {
    const text = field(fields, "aiAgentId");
    const id = text === "" ? null : number(text);
    if (text !== "" && (id === null || !Number.isSafeInteger(id) || id <= 0)) errors.aiAgentId = "form.id";
    else if (id !== current.aiAgentId) patch.aiAgentId = id;
  }
  if (current.scope) {
    const brandIds = ids(field(fields, "brandIds"));
    const groupIds = ids(field(fields, "groupIds"));
    if (brandIds === null) errors.brandIds = "form.ids";
    if (groupIds === null) errors.groupIds = "form.ids";
    const scope: Scope = {
      channels: [...(fields.channels ?? [])],
      brandIds: brandIds ?? [],
      groupIds: groupIds ?? [],
    };
    const was = current.scope;
    if (
      !same(scope.channels, was.channels) ||
      !same(scope.brandIds, was.brandIds) ||
      !same(scope.groupIds, was.groupIds)
    )
      patch.scope = scope;
  }
  if (current.guide) {
    const guide = guidePatch(current.guide, fields, errors);
    if (Object.keys(guide).length > 0) patch.guide = guide;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, patch };
}
