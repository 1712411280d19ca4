// Zendesk event-subscription webhook bodies, parsed defensively: ids come as
// strings, statuses in upper case, unknown fields anywhere. The result is a
// helpdesk event in our words (helpdesk.port.ts) that the queue consumer applies.
import * as z from "zod";
import type { HelpdeskEvent, TicketScope } from "../helpdesk.port";

/** Positive whole numbers below 2^53, as numbers or decimal strings: never `-1`, `1.5`, `1e20` or `0x10`. */
const id = z
  .union([z.number(), z.string().regex(/^[1-9][0-9]{0,15}$/, "must be a decimal id")])
  .transform((v) => Number(v))
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));
const status = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(["new", "open", "pending", "hold", "solved", "closed", "deleted", "archived"]));

export const HANDLED_TYPES = [
  "zen:event-type:ticket.comment_added",
  "zen:event-type:ticket.created",
  "zen:event-type:ticket.status_changed",
] as const;

const Envelope = z.object({
  type: z.string().min(1).max(200),
  id: z.union([z.string().min(1).max(200), z.number()]).transform(String),
  account_id: z.union([z.number(), z.string()]).optional(),
  time: z.string().optional(),
  subject: z.string().optional(),
  detail: z.unknown().optional(),
  event: z.unknown().optional(),
});

const Detail = z.looseObject({
  id,
  status: status.optional(),
  requester_id: id.nullish(),
  subject: z.string().nullish(),
  brand_id: id.nullish().catch(null),
  group_id: id.nullish().catch(null),
  via: z.looseObject({ channel: z.string().nullish() }).nullish().catch(null),
});

const Author = z.looseObject({
  id,
  is_staff: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).default(false),
  name: z.string().nullish(),
});

const CommentEvent = z.looseObject({
  comment: z.looseObject({
    id,
    body: z
      .string()
      .max(256 * 1024)
      .default(""),
    is_public: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).default(true),
    author: Author,
  }),
});

const StatusEvent = z.looseObject({ previous: status.nullish(), current: status });

export type ZendeskEvent = HelpdeskEvent | { kind: "ignored"; eventId: string; type: string };

/** Turns an already JSON-parsed body into a normalised event, or says why it can't. */
export function parseZendeskEvent(
  body: unknown,
): { ok: true; event: ZendeskEvent } | { ok: false; error: string } {
  const env = Envelope.safeParse(body);
  if (!env.success) return { ok: false, error: describe(env.error) };
  const { type, id: eventId } = env.data;
  if (!(HANDLED_TYPES as readonly string[]).includes(type)) {
    return { ok: true, event: { kind: "ignored", eventId, type } };
  }
  const detail = Detail.safeParse(env.data.detail);
  if (!detail.success) return { ok: false, error: `detail: ${describe(detail.error)}` };
  const ticketId = detail.data.id;
  const requesterId = detail.data.requester_id ?? null;
  const subject = detail.data.subject ?? null;
  const scope: TicketScope = {
    channel: detail.data.via?.channel?.toLowerCase() ?? null,
    brandId: detail.data.brand_id ?? null,
    groupId: detail.data.group_id ?? null,
  };

  if (type === "zen:event-type:ticket.created") {
    return { ok: true, event: { kind: "ticket_created", eventId, ticketId, requesterId, subject, scope } };
  }
  if (type === "zen:event-type:ticket.status_changed") {
    const ev = StatusEvent.safeParse(env.data.event);
    if (!ev.success) return { ok: false, error: `event: ${describe(ev.error)}` };
    return {
      ok: true,
      event: {
        kind: "status_changed",
        eventId,
        ticketId,
        closed: ev.data.current === "solved" || ev.data.current === "closed",
      },
    };
  }
  const ev = CommentEvent.safeParse(env.data.event);
  if (!ev.success) return { ok: false, error: `event: ${describe(ev.error)}` };
  const c = ev.data.comment;
  const at = env.data.time ? Date.parse(env.data.time) : Number.NaN;
  return {
    ok: true,
    event: {
      kind: "comment_added",
      occurredAt: Number.isNaN(at) ? null : at,
      eventId,
      ticketId,
      requesterId,
      subject,
      scope,
      comment: {
        id: c.id,
        body: c.body,
        isPublic: c.is_public,
        author: { id: c.author.id, isStaff: c.author.is_staff, name: c.author.name ?? null },
      },
    },
  };
}

function describe(e: z.ZodError): string {
  return e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
    .join("; ");
}
