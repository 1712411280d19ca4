// Approve (optionally edited) or discard the AI draft held for approval. Only
// the ticket's current held draft, only while the ticket is `open`; approving
// sends through the same send protocol as any AI reply (lease, safe_update,
// re-check), so it can never land after an acknowledged take over.
import { Hono } from "hono";
import { ApproveDraftSchema, DiscardDraftSchema } from "../../../common/api.schema";
import { type AppEnv, jsonBody } from "../http/app";
import { HttpError, notFound } from "../http/errors";
import { pathId } from "../http/ids";
import { matchPolicies } from "../policies/policy.match";
import type { Services } from "../services";
import { transition } from "../tickets/ticket.machine";
import { applyEvent } from "../tickets/ticket.service";
import { actingAgent, rejected, ticketIdParam, ticketView } from "../tickets/ticket.routes";
import type { Draft } from "./draft.repo";
import { unsafeForCustomer } from "./public-guard";
import { sendDraft } from "./send.protocol";

const APPROVE_ROUNDS = 3;

async function draftOf(s: Services, ticketId: number, raw: string | undefined): Promise<Draft> {
  const draft = await s.drafts.get(pathId(raw, "Draft"));
  if (!draft || draft.ticketId !== ticketId || draft.kind !== "reply") throw notFound("Draft");
  return draft;
}

/** A person's text goes out as the AI's reply: it must obey what every AI reply obeys. */
async function checkEdit(s: Services, body: string): Promise<void> {
  const unsafe = unsafeForCustomer(body, s.secrets);
  if (unsafe === "placeholder") {
    throw new HttpError(
      422,
      "The reply contains a {{placeholder}}; placeholders are never sent to customers.",
    );
  }
  if (unsafe === "secret") throw new HttpError(422, "The reply contains a secret of this installation.");
  const escalate = matchPolicies(body, await s.policies.approved()).find(
    (m) => m.policy.action === "escalate",
  );
  if (escalate) {
    throw new HttpError(
      422,
      `The reply touches "${escalate.keyword}", which policy "${escalate.policy.topic}" reserves for a person: take the ticket over and answer yourself.`,
    );
  }
}

/**
 * The customer wrote in Zendesk after the messages this draft answers (its
 * webhook may not have reached us yet): the draft is stale. Zendesk's stamps
 * have whole-second precision, so this is checked on the comments themselves.
 */
async function customerWroteSince(s: Services, draft: Draft, requesterId: number | null): Promise<boolean> {
  const comments = await s.helpdesk.listComments(draft.ticketId);
  const answered = new Set(draft.replyTo);
  const lastAnswered = comments.findLastIndex((c) => answered.has(c.id));
  return comments.some(
    (c, i) => i > lastAnswered && c.isPublic && c.authorId === requesterId && !answered.has(c.id),
  );
}

export const draftRoutes = new Hono<AppEnv>()
  .post("/:draftId/approve", async (c) => {
    const s = c.get("services");
    const ticketId = ticketIdParam(c.req.param("id"));
    const input = ApproveDraftSchema.parse(await jsonBody(c.req.raw));
    const draft = await draftOf(s, ticketId, c.req.param("draftId"));
    const agent = await actingAgent(s, input);
    const edited = input.body !== undefined && input.body !== draft.body ? input.body : null;
    if (edited !== null) await checkEdit(s, edited);
    const purpose = { kind: "approve", draftId: draft.id, body: edited, agent } as const;
    for (let round = 0; round < APPROVE_ROUNDS; round++) {
      const { record } = await s.tickets.get(ticketId);
      // Not the current draft of an open ticket: refused before anything is asked of Zendesk.
      const check = transition(record, { type: "send_claim", leaseId: "", ttlMs: 0, purpose }, s.now());
      if (!check.ok && check.error.code === "not_current") rejected(check.error);
      const zt = await s.helpdesk.getTicket(ticketId);
      if (zt.closed) {
        throw new HttpError(409, "The ticket is solved in Zendesk; the draft was not sent.");
      }
      if (await customerWroteSince(s, draft, zt.requesterId)) {
        throw new HttpError(409, "The customer wrote again; this draft is out of date and was not sent.");
      }
      const sent = await sendDraft(s, record, draft, purpose, zt.stamp);
      if (sent.kind === "sent")
        return c.json({ ...(await ticketView(s, ticketId)), draftId: draft.id, status: "sent" });
      if (sent.kind === "refused") rejected(sent.rejection);
      if (sent.kind === "unsafe") throw new HttpError(422, "The reply contains a placeholder or a secret.");
    }
    throw new HttpError(409, "The ticket kept changing in Zendesk; look at it again and retry.");
  })
  .post("/:draftId/discard", async (c) => {
    const s = c.get("services");
    const ticketId = ticketIdParam(c.req.param("id"));
    const input = DiscardDraftSchema.parse(await jsonBody(c.req.raw));
    const draft = await draftOf(s, ticketId, c.req.param("draftId"));
    const agent = await actingAgent(s, input);
    const r = await applyEvent(
      s,
      ticketId,
      { type: "discard", draftId: draft.id, agent },
      { inlineSync: true },
    );
    if (!r.ok) rejected(r.error);
    return c.json({ ...(await ticketView(s, ticketId)), draftId: draft.id, status: "discarded" });
  });
