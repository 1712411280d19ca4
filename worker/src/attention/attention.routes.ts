// Attention items: list and resolve. Resolving an item never changes the ticket.
import { Hono } from "hono";
import { z } from "zod";
import { AgentSchema } from "../../../common/api.schema";
import { type AppEnv, jsonBody } from "../http/app";
import { HttpError, notFound } from "../http/errors";
import { runEffects } from "../tickets/ticket.service";

const Query = z.object({
  status: z.enum(["open", "resolved"]).optional(),
  ticketId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const attentionRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const q = Query.safeParse(c.req.query());
    if (!q.success) throw new HttpError(400, "status must be open or resolved; limit 1-500");
    return c.json({ items: await c.get("services").attention.list(q.data) });
  })
  .post("/:id/resolve", async (c) => {
    const s = c.get("services");
    const id = z.coerce.number().int().positive().safeParse(c.req.param("id"));
    if (!id.success) throw new HttpError(400, "The id must be a positive integer");
    const body = z.object({ agent: AgentSchema.optional() }).parse(await jsonBody(c.req.raw));
    const item = await s.attention.resolve(id.data, s.now(), body.agent ?? null);
    if (!item) throw notFound("Attention item");
    await runEffects(s, item.ticketId, [{ type: "sync_zendesk" }], { inlineSync: true });
    return c.json(item);
  });
