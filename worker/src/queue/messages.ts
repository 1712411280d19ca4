// Queue messages, versioned `{type, v}`: they outlive deploys, so a consumer
// must read every version still in flight. Version 2 names the installation;
// version 1 (before installations) belongs to the default one. Parsed with zod.
import * as z from "zod";
import { DEFAULT_INSTALLATION } from "../lib/scope";

const Scope = z.object({
  channel: z.string().nullable(),
  brandId: z.number().nullable(),
  groupId: z.number().nullable(),
});

const Comment = z.object({
  id: z.number(),
  body: z.string(),
  isPublic: z.boolean(),
  author: z.object({ id: z.number(), isStaff: z.boolean(), name: z.string().nullable() }),
});

/** A helpdesk event in our words (helpdesk.port.ts HelpdeskEvent). */
const EventSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("comment_added"),
    eventId: z.string(),
    ticketId: z.number(),
    requesterId: z.number().nullable(),
    subject: z.string().nullable(),
    comment: Comment,
    occurredAt: z.number().nullable().optional(),
    scope: Scope.optional(),
  }),
  z.object({
    kind: z.literal("ticket_created"),
    eventId: z.string(),
    ticketId: z.number(),
    requesterId: z.number().nullable(),
    subject: z.string().nullable(),
    scope: Scope.optional(),
  }),
  z.object({
    kind: z.literal("status_changed"),
    eventId: z.string(),
    ticketId: z.number(),
    closed: z.boolean(),
  }),
]);

/** Version 1's Zendesk status change carried the status itself. */
const V1StatusChanged = z
  .object({
    kind: z.literal("status_changed"),
    eventId: z.string(),
    ticketId: z.number(),
    current: z.string(),
  })
  .transform((e) => ({
    kind: "status_changed" as const,
    eventId: e.eventId,
    ticketId: e.ticketId,
    closed: e.current === "solved" || e.current === "closed",
  }));

const inst = { installationId: z.string().min(1) };

const V2 = z.discriminatedUnion("type", [
  /** A webhook delivery accepted by POST /webhooks/zendesk[/{installation}]. */
  z.object({
    type: z.literal("helpdesk_event"),
    v: z.literal(2),
    ...inst,
    event: EventSchema,
    /** Given by the route to each delivery it takes in: the consumer de-duplicates on it (absent before). */
    token: z.string().min(1).max(64).optional(),
  }),
  /** The same, for an event too large for a queue message: its job waits in D1 (job_payloads). */
  z.object({
    type: z.literal("helpdesk_event_ref"),
    v: z.literal(2),
    ...inst,
    ref: z.string().min(1),
    ticketId: z.number(),
  }),
  /** Let the AI look at the ticket's unanswered customer messages. */
  z.object({
    type: z.literal("draft"),
    v: z.literal(2),
    ...inst,
    ticketId: z.number(),
    includeHeld: z.boolean(),
  }),
  /** Mirror our state onto the helpdesk ticket (and solve it when set). */
  z.object({
    type: z.literal("sync_zendesk"),
    v: z.literal(2),
    ...inst,
    ticketId: z.number(),
    status: z.literal("solved").optional(),
  }),
  /** Run the learning loop over a resolved ticket. */
  z.object({ type: z.literal("learn"), v: z.literal(2), ...inst, ticketId: z.number() }),
]);

/** Messages written before installations, still in flight after a deploy: the default installation's. */
const V1 = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("zendesk_event"),
      v: z.literal(1),
      event: z.union([EventSchema, V1StatusChanged]),
    }),
    z.object({
      type: z.literal("zendesk_event_ref"),
      v: z.literal(1),
      ref: z.string().min(1),
      ticketId: z.number(),
    }),
    z.object({ type: z.literal("draft"), v: z.literal(1), ticketId: z.number(), includeHeld: z.boolean() }),
    z.object({
      type: z.literal("sync_zendesk"),
      v: z.literal(1),
      ticketId: z.number(),
      status: z.literal("solved").optional(),
    }),
    z.object({ type: z.literal("learn"), v: z.literal(1), ticketId: z.number() }),
  ])
  .transform((m): z.infer<typeof V2> => {
    const installationId = DEFAULT_INSTALLATION;
    switch (m.type) {
      case "zendesk_event":
        return { type: "helpdesk_event", v: 2, installationId, event: m.event };
      case "zendesk_event_ref":
        return { type: "helpdesk_event_ref", v: 2, installationId, ref: m.ref, ticketId: m.ticketId };
      default:
        return { ...m, v: 2, installationId };
    }
  });

export const JobSchema = z.union([V2, V1]);
export type Job = z.infer<typeof V2>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A job as the code writes it: the installation's queue port adds which one. */
export type JobInput = DistributiveOmit<Job, "installationId">;
