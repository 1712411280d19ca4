// The ticket's oHallo state as GET /api/tickets/{id} answers it, and the error body of every
// answer: what the sidebar parses. Its own file so that the sidebar's bundle holds these schemas
// and no others (a schema is a call, so a bundler keeps every one in a file it imports;
// docs/decisions/008-bundles.md). api.schema.ts re-exports all of it. No runtime code beyond schemas.
import * as z from "zod";

export const TicketStateSchema = z.enum(["open", "in_progress", "resolved"]);
export type TicketState = z.infer<typeof TicketStateSchema>;

export const AutonomySchema = z.enum(["auto", "draft_only", "off"]);
export type Autonomy = z.infer<typeof AutonomySchema>;

/** A Zendesk id: a positive whole number below 2^53, never a string to coerce ("0x10" is not 16). */
export const IdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const AgentSchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(200),
});
export type Agent = z.infer<typeof AgentSchema>;

export const AttentionTypeSchema = z.enum([
  "validation_failed",
  "approval_required",
  "escalation",
  "human_requested",
  "ai_error",
]);
export type AttentionType = z.infer<typeof AttentionTypeSchema>;

/**
 * Why something happened, as data: `code` names a sentence the sidebar translates and
 * `params` fills it in (policy names, counts, entry questions). `reason` stays English.
 */
export const ReasonParamsSchema = z.record(z.string(), z.string());
export type ReasonParams = z.infer<typeof ReasonParamsSchema>;

export const AttentionItemSchema = z.object({
  id: z.number().int(),
  ticketId: z.number().int(),
  type: AttentionTypeSchema,
  reason: z.string(),
  code: z.string().nullable(),
  params: ReasonParamsSchema,
  status: z.enum(["open", "resolved"]),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type AttentionItem = z.infer<typeof AttentionItemSchema>;

export const TimelineEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  actor: z.object({
    kind: z.enum(["agent", "ai", "customer", "system"]),
    id: z.number().int().nullable(),
    name: z.string().nullable(),
  }),
  from: TicketStateSchema.nullable(),
  to: TicketStateSchema.nullable(),
  reason: z.string().nullable(),
  code: z.string().nullable(),
  params: ReasonParamsSchema,
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const PendingDraftSchema = z.object({
  id: z.number().int(),
  body: z.string(),
  createdAt: z.string(),
});

export const TicketViewSchema = z.object({
  ticketId: z.number().int(),
  state: TicketStateSchema,
  owner: AgentSchema.nullable(),
  autonomy: AutonomySchema,
  autoReleaseHours: z.number().nullable(),
  /** An open human_requested or escalation item: the AI is silent until a person acts. */
  waiting: z.boolean(),
  attention: z.array(AttentionItemSchema),
  pendingDraft: PendingDraftSchema.nullable(),
  events: z.array(TimelineEventSchema),
});
export type TicketView = z.infer<typeof TicketViewSchema>;

/** The body of every error answer. */
export const ErrorBodySchema = z.object({ error: z.string() });
