// The sidebar's ticket calls: read a ticket, take over, release, resolve,
// autonomy and auto release. Answers follow ../shared/contract.md.
import { Hono } from "hono";
import { z } from "zod";
import {
  AgentActionSchema,
  AutoReleaseRequestSchema,
  AutonomyRequestSchema,
  type TicketView,
} from "../../../common/api.schema";
import { type AppEnv, jsonBody } from "../http/app";
import { HttpError } from "../http/errors";
import { runAll } from "../lib/query";
import type { Services } from "../services";
import type { Rejection } from "./ticket.machine";
import { applyEvent, runEffects } from "./ticket.service";
import { draftRoutes } from "../drafting/draft.routes";

const TicketId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export function ticketIdParam(raw: string | undefined): number {
  const id = TicketId.safeParse(raw);
  if (!id.success) throw new HttpError(400, "The ticket id must be a positive integer");
  return id.data;
}

export async function ticketView(s: Services, ticketId: number): Promise<TicketView> {
  // One D1 round trip: the sidebar reads this on every ticket an agent opens.
  const [stored, attention, held, events, settings] = await runAll(s.db, [
    s.tickets.getQuery(ticketId),
    s.attention.listQuery({ status: "open", ticketId }),
    s.drafts.heldQuery(ticketId),
    s.tickets.eventsQuery(ticketId),
    s.settings.getQuery(),
  ] as const);
  return {
    ticketId,
    state: stored.record.state,
    owner: stored.record.state === "in_progress" ? stored.record.owner : null,
    autonomy: stored.autonomy ?? settings.defaultAutonomy,
    autoReleaseHours: stored.autoReleaseHours,
    attention: attention.reverse(),
    pendingDraft: held
      ? { id: held.id, body: held.body, createdAt: new Date(held.createdAt).toISOString() }
      : null,
    events,
  };
}

function rejected(r: Rejection): never {
  throw new HttpError(409, r.message, r.code === "conflict" && r.owner ? { owner: r.owner } : {});
}

export const ticketRoutes = new Hono<AppEnv>()
  .get("/:id", async (c) => c.json(await ticketView(c.get("services"), ticketIdParam(c.req.param("id")))))
  .post("/:id/takeover", async (c) => {
    const s = c.get("services");
    const id = ticketIdParam(c.req.param("id"));
    const body = AgentActionSchema.parse(await jsonBody(c.req.raw));
    const r = await applyEvent(
      s,
      id,
      { type: "take_over", agent: body.agent, force: body.force ?? false },
      { inlineSync: true },
    );
    if (!r.ok) rejected(r.error);
    return c.json(await ticketView(s, id));
  })
  .post("/:id/release", async (c) => {
    const s = c.get("services");
    const id = ticketIdParam(c.req.param("id"));
    const body = AgentActionSchema.parse(await jsonBody(c.req.raw));
    const r = await applyEvent(
      s,
      id,
      { type: "release", agent: body.agent, force: body.force ?? false },
      { inlineSync: true },
    );
    if (!r.ok) rejected(r.error);
    return c.json(await ticketView(s, id));
  })
  .post("/:id/resolve", async (c) => {
    const s = c.get("services");
    const id = ticketIdParam(c.req.param("id"));
    const body = AgentActionSchema.parse(await jsonBody(c.req.raw));
    const r = await applyEvent(
      s,
      id,
      { type: "resolve", agent: body.agent, source: "agent" },
      { inlineSync: true },
    );
    if (!r.ok) rejected(r.error);
    return c.json(await ticketView(s, id));
  })
  .post("/:id/autonomy", async (c) => {
    const s = c.get("services");
    const id = ticketIdParam(c.req.param("id"));
    const body = AutonomyRequestSchema.parse(await jsonBody(c.req.raw));
    const now = s.now();
    await s.tickets.ensure(id, now);
    await s.tickets.setAutonomy(id, body.mode, now);
    await s.tickets.log(
      id,
      {
        type: "autonomy_changed",
        actor: body.agent ? { kind: "agent", ...body.agent } : { kind: "system" },
        from: null,
        to: null,
        reason: `autonomy: ${body.mode}`,
      },
      now,
    );
    // Back on: the AI looks at what it stayed silent on.
    if (body.mode !== "off") await runEffects(s, id, [{ type: "draft", includeHeld: true }], {});
    return c.json(await ticketView(s, id));
  })
  .post("/:id/auto-release", async (c) => {
    const s = c.get("services");
    const id = ticketIdParam(c.req.param("id"));
    const body = AutoReleaseRequestSchema.parse(await jsonBody(c.req.raw));
    const now = s.now();
    await s.tickets.ensure(id, now);
    await s.tickets.setAutoRelease(id, body.hours, now);
    return c.json(await ticketView(s, id));
  })
  .route("/:id/drafts", draftRoutes);
