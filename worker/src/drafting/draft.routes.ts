// Approve (optionally edited) or discard an AI draft held for approval.
// Approving is a person's decision: it sends even on a ticket in progress,
// never on a resolved one, and never twice.
import { Hono } from "hono";
import { z } from "zod";
import { ApproveDraftSchema } from "../../../common/api.schema";
import { HelpdeskError } from "../helpdesk/helpdesk.port";
import { type AppEnv, jsonBody } from "../http/app";
import { HttpError, notFound } from "../http/errors";
import type { Services } from "../services";
import { runEffects } from "../tickets/ticket.service";
import type { Draft } from "./draft.repo";
import { recordSent } from "./send.records";

const Params = z.object({
  id: z.coerce.number().int().positive(),
  draftId: z.coerce.number().int().positive(),
});

async function heldDraft(s: Services, params: unknown): Promise<Draft> {
  const p = Params.safeParse(params);
  if (!p.success) throw new HttpError(400, "Ticket and draft ids must be positive integers");
  const draft = await s.drafts.get(p.data.draftId);
  if (!draft || draft.ticketId !== p.data.id) throw notFound("Draft");
  if (draft.status !== "held") throw new HttpError(409, `The draft is already ${draft.status}`);
  return draft;
}

/** Posts an approved reply; a 409 only means the ticket moved on, so re-read the stamp and try again. */
async function postApproved(s: Services, draft: Draft, body: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const t = await s.helpdesk.getTicket(draft.ticketId);
    const r = await s.helpdesk.postPublicReply({
      ticketId: draft.ticketId,
      body,
      authorId: s.config.zendesk.aiAgentId,
      updatedStamp: t.updatedStamp,
    });
    if (r.outcome === "posted") return;
  }
  throw new HelpdeskError("the ticket kept changing in Zendesk; try again", true, 409);
}

export const draftRoutes = new Hono<AppEnv>()
  .post("/:draftId/approve", async (c) => {
    const s = c.get("services");
    const draft = await heldDraft(s, c.req.param());
    const input = ApproveDraftSchema.parse(await jsonBody(c.req.raw));
    if ((await s.tickets.stateOf(draft.ticketId)) === "resolved") {
      throw new HttpError(409, "The ticket is resolved; reopen it before sending");
    }
    // Claim the draft first so two approvals can't both send it.
    if (!(await s.drafts.move(draft.id, ["held"], "sending", s.now()))) {
      throw new HttpError(409, "The draft is already being sent");
    }
    const body = input.body ?? draft.body;
    try {
      await postApproved(s, draft, body);
    } catch (e) {
      await s.drafts.move(draft.id, ["sending"], "held", s.now());
      throw e;
    }
    await recordSent(s, draft, input.agent ?? null, body);
    if (draft.attentionId !== null)
      await s.attention.resolve(draft.attentionId, s.now(), input.agent ?? null);
    await runEffects(s, draft.ticketId, [{ type: "sync_zendesk" }], { inlineSync: true });
    return c.json({ ok: true, draftId: draft.id, status: "sent" });
  })
  .post("/:draftId/discard", async (c) => {
    const s = c.get("services");
    const draft = await heldDraft(s, c.req.param());
    const input = ApproveDraftSchema.parse(await jsonBody(c.req.raw));
    if (!(await s.drafts.move(draft.id, ["held"], "discarded", s.now()))) {
      throw new HttpError(409, "The draft was settled meanwhile");
    }
    if (draft.attentionId !== null)
      await s.attention.resolve(draft.attentionId, s.now(), input.agent ?? null);
    await s.tickets.log(
      draft.ticketId,
      {
        type: "draft_discarded",
        actor: input.agent ? { kind: "agent", ...input.agent } : { kind: "system" },
        from: null,
        to: null,
        reason: null,
      },
      s.now(),
    );
    await runEffects(s, draft.ticketId, [{ type: "sync_zendesk" }], { inlineSync: true });
    return c.json({ ok: true, draftId: draft.id, status: "discarded" });
  });
