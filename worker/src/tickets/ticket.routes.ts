// The sidebar's ticket calls: read a ticket, take over, release, resolve,
// autonomy and auto release. Every state-changing call names its agent, whom
// Zendesk must know as an active agent (tickets/agents.ts).
import { Hono } from "hono";
import {
  type Agent,
  AgentActionSchema,
  AutoReleaseRequestSchema,
  AutonomyRequestSchema,
  type TicketView,
} from "../../../common/api.schema";
import { draftRoutes } from "../drafting/draft.routes";
import { type AppEnv, jsonBody } from "../http/app";
import { HttpError } from "../http/errors";
import { pathId } from "../http/ids";
import type { Services } from "../services";
import type { MachineEvent, Rejection } from "./ticket.machine";
import { applyEvent, runEffects } from "./ticket.service";

export const ticketIdParam = (raw: string | undefined) => pathId(raw, "Ticket");

export async function ticketView(s: Services, ticketId: number): Promise<TicketView> {
  // One D1 round trip: the sidebar reads this on every ticket an agent opens.
  const [stored, attention, held, events, settings] = await s.reads.all([
    s.tickets.getQuery(ticketId),
    s.attention.listQuery({ status: "open", ticketId }),
    s.drafts.currentHeldQuery(ticketId),
    s.tickets.eventsQuery(ticketId),
    s.settings.getQuery(),
  ] as const);
  const { record } = stored;
  return {
    ticketId,
    state: record.state,
    owner: record.state === "in_progress" ? record.owner : null,
    autonomy: stored.autonomy ?? settings.defaultAutonomy,
    autoReleaseHours: stored.autoReleaseHours,
    waiting: record.state === "open" && record.waiting,
    attention: attention.reverse(),
    pendingDraft:
      held && record.state === "open"
        ? { id: held.id, body: held.body, createdAt: new Date(held.createdAt).toISOString() }
        : null,
    events,
  };
}

export function rejected(r: Rejection): never {
  throw new HttpError(409, r.message, r.code === "conflict" && r.owner ? { owner: r.owner } : {});
}

/** The acting agent of a state-changing call, as Zendesk knows them. */
export async function actingAgent(s: Services, body: { agent: Agent }): Promise<Agent> {
  return s.agents.verify(body.agent, s.installation.aiAgentId);
}

async function apply(s: Services, id: number, event: MachineEvent) {
  const r = await applyEvent(s, id, event, { inlineSync: true });
  if (!r.ok) rejected(r.error);
  return ticketView(s, id);
}

export const ticketRoutes = new Hono<AppEnv>()
  .get("/:id", async (c) => c.json(await ticketView(c.get("services"), ticketIdParam(c.req.param("id")))))
  .post("/:id/takeover", async (c) => {
    const s = c.get("services");
    const id = ticketIdParam(c.req.param("id"));
    const body = AgentActionSchema.parse(await jsonBody(c.req.raw));
    const agent = await actingAgent(s, body);
    return c.json(await apply(s, id, { type: "take_over", agent, force: body.force ?? false }));
  })
  .post("/:id/release", async (c) => {
    const s = c.get("services");
    const id = ticketIdParam(c.req.param("id"));
    const body = AgentActionSchema.parse(await jsonBody(c.req.raw));
    const agent = await actingAgent(s, body);
    return c.json(await apply(s, id, { type: "release", agent, force: body.force ?? false }));
  })
  .post("/:id/resolve", async (c) => {
    const s = c.get("services");
    const id = ticketIdParam(c.req.param("id"));
    const body = AgentActionSchema.parse(await jsonBody(c.req.raw));
    const agent = await actingAgent(s, body);
    return c.json(await apply(s, id, { type: "resolve", agent, source: "agent" }));
  })
  .post("/:id/autonomy", async (c) => {
    const s = c.get("services");
    const id = ticketIdParam(c.req.param("id"));
    const body = AutonomyRequestSchema.parse(await jsonBody(c.req.raw));
    const agent = await actingAgent(s, body);
    const now = s.now();
    await s.tickets.ensure(id, now);
    await s.tickets.setAutonomy(id, body.mode, now);
    await s.tickets.log(
      id,
      {
        type: "autonomy_changed",
        actor: { kind: "agent", ...agent },
        from: null,
        to: null,
        reason: `autonomy: ${body.mode}`,
        detail: { code: `autonomy_${body.mode}`, params: {} },
      },
      now,
    );
    // The `ohallo_ai_off` tag follows; back on, the AI looks at what it stayed silent on.
    await runEffects(s, id, [{ type: "sync_zendesk" }], { inlineSync: true });
    if (body.mode !== "off") await runEffects(s, id, [{ type: "draft", includeHeld: true }], {});
    return c.json(await ticketView(s, id));
  })
  .post("/:id/auto-release", async (c) => {
    const s = c.get("services");
    const id = ticketIdParam(c.req.param("id"));
    const body = AutoReleaseRequestSchema.parse(await jsonBody(c.req.raw));
    await actingAgent(s, body);
    const now = s.now();
    await s.tickets.ensure(id, now);
    await s.tickets.setAutoRelease(id, body.hours, now);
    return c.json(await ticketView(s, id));
  })
  .route("/:id/drafts", draftRoutes);
