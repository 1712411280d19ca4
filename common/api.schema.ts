// The sidebar and admin API (`/api/...`) as zod schemas: the one source of the
// wire shapes, shared by the Worker (worker/) and the Zendesk app (app/).
// Names follow ../shared/contract.md exactly. No runtime code beyond schemas.
import * as z from "zod";
import {
  AgentSchema,
  AttentionTypeSchema,
  AutonomySchema,
  IdSchema,
  ReasonParamsSchema,
} from "./ticket.schema";

// The ticket view and the error body (what the sidebar parses) live in ticket.schema.ts.
export * from "./ticket.schema";

/** Body of every state-changing ticket call. */
export const AgentActionSchema = z.object({
  agent: AgentSchema,
  force: z.boolean().optional(),
});
export type AgentAction = z.infer<typeof AgentActionSchema>;

export const ApproveDraftSchema = z.object({
  agent: AgentSchema,
  body: z.string().trim().min(1).max(20_000).optional(),
});

export const DiscardDraftSchema = z.object({ agent: AgentSchema });

/** Dismissing an attention item from the sidebar (the admin API may leave the agent out). */
export const ResolveAttentionSchema = z.object({ agent: AgentSchema.optional() });

export const AutonomyRequestSchema = z.object({
  mode: AutonomySchema,
  agent: AgentSchema,
});

export const AutoReleaseRequestSchema = z.object({
  hours: z
    .number()
    .positive()
    .max(24 * 90)
    .nullable(),
  agent: AgentSchema,
});

export const EntryStatusSchema = z.enum(["approved", "pending_review", "rejected", "archived"]);
export type EntryStatus = z.infer<typeof EntryStatusSchema>;
export const SourceTypeSchema = z.enum(["manual", "learning_loop", "import"]);

/** One line of the conversation a proposal was learned from. */
export const ExcerptLineSchema = z.object({
  role: z.enum(["customer", "agent", "ai"]),
  text: z.string(),
});

/**
 * Replaying the ticket with the proposal approved. A KB entry: would the AI have answered
 * (`would_answer`) or still handed it to a person (`still_flagged`)? A policy: would it have
 * caught the message (`would_flag`) or not (`not_caught`)? `not_run` when it could not be replayed.
 */
export const ReplaySchema = z.object({
  verdict: z.enum(["would_answer", "still_flagged", "would_flag", "not_caught", "not_run"]),
  detail: z.string().nullable(),
  /** The step by a person the proposal would have spared (or caught earlier). */
  spared: z
    .object({ kind: z.enum(["take_over", "attention"]), id: z.number().int() })
    .nullable()
    .optional(),
});

/**
 * One moment a person stepped in, as data the admin area says in the reviewer's language: a take over
 * (its reason's code: implicit_reply, forced_from…) or an attention item (its type, and its reason's
 * code and parameters, the sidebar's `reason.*` sentences).
 */
export const EvidenceStepSchema = z.object({
  kind: z.enum(["take_over", "attention"]),
  type: AttentionTypeSchema.nullable(),
  code: z.string().nullable(),
  params: ReasonParamsSchema,
  /** The agent's name on a take over, when known. */
  by: z.string().nullable(),
});
export type EvidenceStep = z.infer<typeof EvidenceStepSchema>;

export const EvidenceSchema = z.object({
  ticketId: z.number().int(),
  excerpt: z.array(ExcerptLineSchema),
  /** Why a person stepped in (the take over or the attention item's reason), in English. */
  whyHuman: z.string().nullable(),
  /** The same, step by step as data (records written before it have none). */
  steps: z.array(EvidenceStepSchema).optional(),
  replay: ReplaySchema.nullable(),
  /** Other tickets that showed the same thing (a suggested policy waits for it to recur). */
  tickets: z.array(z.number().int()).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** What the learning loop's proposals carry besides the entry's own fields. */
const reviewFields = {
  /** The reason given at rejection, or null. */
  rejectReason: z.string().nullable(),
  evidence: EvidenceSchema.nullable(),
  /** The approved entry this proposal would replace (archived when it is approved). */
  replacesId: z.number().int().nullable(),
};

export const KbEntrySchema = z.object({
  id: z.number().int(),
  question: z.string(),
  answer: z.string(),
  topics: z.array(z.string()),
  status: EntryStatusSchema,
  sourceType: SourceTypeSchema,
  confidence: z.number().nullable(),
  motivation: z.string().nullable(),
  sourceTicketId: z.number().int().nullable(),
  usageCount: z.number().int(),
  lastUsedAt: z.string().nullable(),
  ...reviewFields,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KbEntry = z.infer<typeof KbEntrySchema>;

const topicsInput = z.array(z.string().trim().min(1).max(60)).max(20);

const kbFields = {
  question: z.string().trim().min(3).max(2_000),
  answer: z.string().trim().min(1).max(20_000),
  topics: topicsInput,
  status: EntryStatusSchema,
  confidence: z.number().min(0).max(1).nullable(),
  motivation: z.string().max(4_000).nullable(),
};
export const KbEntryCreateSchema = z.object({
  ...kbFields,
  topics: kbFields.topics.default([]),
  status: kbFields.status.optional(),
  confidence: kbFields.confidence.optional(),
  motivation: kbFields.motivation.optional(),
});
/** No defaults here: a field left out of a PATCH stays as it is. */
export const KbEntryPatchSchema = z.object(kbFields).partial();

export const PolicyActionSchema = z.enum(["escalate", "require_approval", "guideline"]);
export type PolicyAction = z.infer<typeof PolicyActionSchema>;

export const PolicyConditionsSchema = z.object({
  keywords: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
});
export type PolicyConditions = z.infer<typeof PolicyConditionsSchema>;

export const PolicyEntrySchema = z.object({
  id: z.number().int(),
  topic: z.string(),
  ruleText: z.string(),
  conditions: PolicyConditionsSchema,
  action: PolicyActionSchema,
  status: EntryStatusSchema,
  sourceType: SourceTypeSchema,
  confidence: z.number().nullable(),
  rationale: z.string().nullable(),
  sourceTicketId: z.number().int().nullable(),
  ...reviewFields,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PolicyEntry = z.infer<typeof PolicyEntrySchema>;

const policyFields = {
  topic: z.string().trim().min(1).max(200),
  ruleText: z.string().trim().min(1).max(4_000),
  conditions: PolicyConditionsSchema,
  action: PolicyActionSchema,
  status: EntryStatusSchema,
  confidence: z.number().min(0).max(1).nullable(),
  rationale: z.string().max(4_000).nullable(),
};
export const PolicyEntryCreateSchema = z.object({
  ...policyFields,
  conditions: policyFields.conditions.default({}),
  status: policyFields.status.optional(),
  confidence: policyFields.confidence.optional(),
  rationale: policyFields.rationale.optional(),
});
/** No defaults here: a field left out of a PATCH stays as it is. */
export const PolicyEntryPatchSchema = z.object(policyFields).partial();

export const RejectSchema = z.object({ reason: z.string().trim().max(2_000).optional() });

export const ScopeSchema = z.object({
  channels: z.array(z.string().trim().min(1).max(60)).max(50),
  brandIds: z.array(IdSchema).max(200),
  groupIds: z.array(IdSchema).max(200),
});
export type Scope = z.infer<typeof ScopeSchema>;

export const SettingsSchema = z.object({
  learning: z.object({ enabled: z.boolean(), humanManagedOnly: z.boolean() }),
  defaultAutonomy: AutonomySchema,
  autoReleaseHours: z
    .number()
    .positive()
    .max(24 * 90)
    .nullable(),
  brandTone: z.string().max(2_000),
  /** When a ticket starts waiting for a person, the AI tells the customer so, once. */
  handoffAcknowledgement: z.boolean(),
  /** Public AI replies per ticket in any hour; a customer message beyond it raises an escalation. */
  maxAiRepliesPerHour: z.number().int().min(1).max(100),
  /** Connected installations: the agent AI replies are posted as (null: the admin who connected it). */
  aiAgentId: IdSchema.nullable(),
  /** The tickets the AI touches: channels, brands, groups (an empty list: all). */
  scope: ScopeSchema,
  /** Message and draft texts are erased after this many days (the audit trail stays). */
  retentionDays: z.number().int().min(7).max(3_650),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = z.object({
  learning: SettingsSchema.shape.learning.partial().optional(),
  defaultAutonomy: AutonomySchema.optional(),
  autoReleaseHours: SettingsSchema.shape.autoReleaseHours.optional(),
  brandTone: SettingsSchema.shape.brandTone.optional(),
  handoffAcknowledgement: SettingsSchema.shape.handoffAcknowledgement.optional(),
  maxAiRepliesPerHour: SettingsSchema.shape.maxAiRepliesPerHour.optional(),
  aiAgentId: SettingsSchema.shape.aiAgentId.optional(),
  /** Replaced whole (all three lists). */
  scope: ScopeSchema.optional(),
  retentionDays: SettingsSchema.shape.retentionDays.optional(),
});
