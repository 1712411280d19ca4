// Queue messages, versioned `{type, v}`: they outlive deploys, so a consumer
// must read every version still in flight. Parsed with zod on the way in.
import { z } from "zod";

const ZendeskEventSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("comment_added"),
    eventId: z.string(),
    ticketId: z.number(),
    requesterId: z.number().nullable(),
    subject: z.string().nullable(),
    comment: z.object({
      id: z.number(),
      body: z.string(),
      isPublic: z.boolean(),
      author: z.object({ id: z.number(), isStaff: z.boolean(), name: z.string().nullable() }),
    }),
    occurredAt: z.number().nullable().optional(),
  }),
  z.object({
    kind: z.literal("ticket_created"),
    eventId: z.string(),
    ticketId: z.number(),
    requesterId: z.number().nullable(),
    subject: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("status_changed"),
    eventId: z.string(),
    ticketId: z.number(),
    previous: z.string().nullable(),
    current: z.string(),
  }),
]);

export const JobSchema = z.discriminatedUnion("type", [
  /** A webhook delivery accepted by POST /webhooks/zendesk. */
  z.object({ type: z.literal("zendesk_event"), v: z.literal(1), event: ZendeskEventSchema }),
  /** The same, for an event too large for a queue message: its job waits in D1 (job_payloads). */
  z.object({
    type: z.literal("zendesk_event_ref"),
    v: z.literal(1),
    ref: z.string().min(1),
    ticketId: z.number(),
  }),
  /** Let the AI look at the ticket's unanswered customer messages. */
  z.object({ type: z.literal("draft"), v: z.literal(1), ticketId: z.number(), includeHeld: z.boolean() }),
  /** Mirror our state onto the Zendesk ticket (tags, and status when set). */
  z.object({
    type: z.literal("sync_zendesk"),
    v: z.literal(1),
    ticketId: z.number(),
    status: z.literal("solved").optional(),
  }),
  /** Run the learning loop over a resolved ticket. */
  z.object({ type: z.literal("learn"), v: z.literal(1), ticketId: z.number() }),
]);
export type Job = z.infer<typeof JobSchema>;
