// The admin area's wire shapes (nav_bar): entries with their evidence, lists, import reports,
// statistics, settings (with where Guide articles go), publishing to Guide and the installation.
// Fields the Worker does not send yet are optional or nullable, so today's answers still parse and
// the admin area says "not available yet".
import * as z from "zod";
import {
  EvidenceSchema,
  IdSchema,
  KbEntrySchema,
  PolicyEntrySchema,
  ScopeSchema,
  SettingsPatchSchema,
  SettingsSchema,
} from "./api.schema";

// The entries carry their evidence, rejection reason and replaced entry (api.schema.ts); the
// admin area reads them tolerantly, so an older Worker that sends none still parses.
const reviewFields = {
  evidence: EvidenceSchema.nullable().optional(),
  rejectReason: z.string().nullable().optional(),
  replacesId: z.number().int().nullable().optional(),
};

export const AdminKbEntrySchema = z.object({ ...KbEntrySchema.shape, ...reviewFields });
export type AdminKbEntry = z.infer<typeof AdminKbEntrySchema>;

export const AdminPolicyEntrySchema = z.object({ ...PolicyEntrySchema.shape, ...reviewFields });
export type AdminPolicyEntry = z.infer<typeof AdminPolicyEntrySchema>;

export const KbListSchema = z.object({ items: z.array(AdminKbEntrySchema), total: z.number().int() });
export const PolicyListSchema = z.object({ items: z.array(AdminPolicyEntrySchema), total: z.number().int() });

/** POST /api/{kb,policy}-entries/import: rows are counted from 1 within the body sent. */
export const ImportReportSchema = z.object({
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), error: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** Where a draft article sits in Guide: section, management permission group (who may edit and publish it), locale. */
export const GuidePlacementSchema = z.object({
  sectionId: z.number().int(),
  permissionGroupId: z.number().int(),
  locale: z.string(),
});

/**
 * POST /api/kb-entries/{id}/publish: the entry's draft article in Zendesk Guide (docs/guide-publishing.md).
 * Everything past `articleId` and `url` is optional: an older Worker sent only those two.
 */
export const PublishResultSchema = z.object({
  articleId: z.number().int(),
  url: z.string(),
  /** false: the entry had been published before, and this is that article, left as it is. */
  created: z.boolean().optional(),
  publishedAt: z.string().optional(),
  /** The entry's question, answer or topics changed since: the article still has the earlier text. */
  stale: z.boolean().optional(),
  placement: GuidePlacementSchema.optional(),
  /** What the Worker picked because Settings name none: Guide's first section or group, its default locale. */
  chosen: z.array(z.enum(["sectionId", "permissionGroupId", "locale"])).optional(),
});
export type PublishResult = z.infer<typeof PublishResultSchema>;

const Counts = z.record(z.string(), z.number());

/** One UTC day: the resolves made that day, by what became of them (see StatsSchema). */
export const StatsDaySchema = z.object({
  date: z.string(),
  aiResolved: z.number(),
  humanResolved: z.number(),
  reopened: z.number(),
  aiPending: z.number().optional(),
  humanPending: z.number().optional(),
});
export type StatsDay = z.infer<typeof StatsDaySchema>;

/**
 * GET /api/stats. The period is whole UTC days: `from` is the first day's 00:00Z, `to` the last
 * day's 23:59:59.999Z. Resolves are judged `settleDays` (7) after they were made: stayed solved →
 * `aiResolved` (no person took the ticket over since it was opened or last reopened) or
 * `humanResolved`; reopened sooner → `reopened`; younger and not reopened → `aiPending` /
 * `humanPending`. docs/admin-area.md says what each figure counts.
 */
export const StatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  settleDays: z.number().optional(),
  resolutions: z.object({
    aiResolved: z.number(),
    humanResolved: z.number(),
    reopened: z.number().optional(),
    aiPending: z.number().optional(),
    humanPending: z.number().optional(),
  }),
  takeovers: z.object({
    total: z.number(),
    /** By reason code: `button`, `implicit_reply`, `forced_from` (older Workers: English sentences). */
    byReason: Counts,
    /** Take overs of tickets that had been released to the AI before. */
    afterRelease: z.number().optional(),
    /** Of the period's releases, the share taken over again; null without releases. */
    retakeoverRate: z.number().nullable().optional(),
  }),
  releases: z.number(),
  attention: Counts,
  proposals: z.object({
    approved: z.number(),
    rejected: z.number(),
    pending: z.number().optional(),
    /** approved / (approved + rejected); null when nothing was decided. */
    approvalRate: z.number().nullable().optional(),
  }),
  series: z.array(StatsDaySchema).optional(),
  /** How long people held tickets (take over → release or resolve); null when nobody did. */
  held: z
    .object({ count: z.number(), medianMinutes: z.number(), p90Minutes: z.number() })
    .nullable()
    .optional(),
});
export type Stats = z.infer<typeof StatsSchema>;

export type { Evidence, Scope } from "./api.schema";
export { EvidenceSchema, ExcerptLineSchema, ReplaySchema } from "./api.schema";

/**
 * `guide` in GET/PATCH /api/settings: where "Publish to Guide" puts a draft article. Each null: Guide's
 * first section, its first management permission group, its default locale. Kept apart from the
 * sidebar's settings schema (api.schema.ts), which the sidebar bundle carries; only the admin area shows it.
 */
export const GuideSettingsSchema = z.object({
  sectionId: IdSchema.nullable(),
  permissionGroupId: IdSchema.nullable(),
  /** A Guide locale as Zendesk writes it (`en-us`, `de`); the Worker checks the form. */
  locale: z.string().trim().min(2).max(20).nullable(),
});
export type GuideSettings = z.infer<typeof GuideSettingsSchema>;

/** GET /api/settings, read tolerantly: a Worker older than the newer settings still parses. */
export const AdminSettingsSchema = z.object({
  ...SettingsSchema.shape,
  handoffAcknowledgement: SettingsSchema.shape.handoffAcknowledgement.optional(),
  maxAiRepliesPerHour: SettingsSchema.shape.maxAiRepliesPerHour.optional(),
  aiAgentId: SettingsSchema.shape.aiAgentId.optional(),
  scope: ScopeSchema.optional(),
  retentionDays: SettingsSchema.shape.retentionDays.optional(),
  guide: GuideSettingsSchema.optional(),
});
export type AdminSettings = z.infer<typeof AdminSettingsSchema>;

/** A PATCH: the scope goes whole (the three lists together whenever one changes); `guide` by field. */
export const AdminSettingsPatchSchema = z.object({
  ...SettingsPatchSchema.shape,
  guide: GuideSettingsSchema.partial().optional(),
});
export type AdminSettingsPatch = z.infer<typeof AdminSettingsPatchSchema>;

export const InstallationCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string().nullable().optional(),
});

/** GET /api/installation: the caller's installation and what works. */
export const InstallationSchema = z.object({
  subdomain: z.string(),
  connected: z.boolean(),
  checks: z.array(InstallationCheckSchema),
});
export type Installation = z.infer<typeof InstallationSchema>;
