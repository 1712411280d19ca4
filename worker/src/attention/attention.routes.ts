// Attention items: list and resolve ("Dismiss" in the sidebar). Resolving an
// item never changes the ticket's state; resolving the last item a ticket
// waited on ends the wait, and the AI looks at what it stayed silent on.
import { Hono } from "hono";
import * as z from "zod";
import { ResolveAttentionSchema } from "../../../common/api.schema";
import { type AppEnv, jsonBody } from "../http/app";
import { HttpError, notFound } from "../http/errors";
import { pathId, queryInt } from "../http/ids";
import { applyEvent, runEffects } from "../tickets/ticket.service";
import { WAITING_TYPES } from "./attention.repo";

const Query = z.object({
  status: z.enum(["open", "resolved"]).optional(),
  ticketId: queryInt(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: queryInt(1, 500).default(200),
});

export const attentionRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const q = Query.safeParse(c.req.query());
    if (!q.success)
      throw new HttpError(400, "status must be open or resolved; ticketId and limit (1-500) decimal");
    return c.json({ items: await c.get("services").attention.list(q.data) });
  })
  .post("/:id/resolve", async (c) => {
    const s = c.get("services");
    const id = pathId(c.req.param("id"), "Attention item");
    const body = ResolveAttentionSchema.parse(await jsonBody(c.req.raw));
    const agent = body.agent ? await s.agents.verify(body.agent, s.installation.aiAgentId) : null;
    const item = await s.attention.resolve(id, s.now(), agent);
    if (!item) throw notFound("Attention item");
    if (WAITING_TYPES.includes(item.type) && !(await s.attention.hasOpen(item.ticketId, WAITING_TYPES))) {
      await applyEvent(s, item.ticketId, { type: "wait_ended", agent }, {});
    }
    await runEffects(s, item.ticketId, [{ type: "sync_zendesk" }], { inlineSync: true });
    return c.json(item);
  });
