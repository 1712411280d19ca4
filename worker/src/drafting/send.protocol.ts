// The send protocol, the one way any public comment of the AI reaches Zendesk
// (a reply, the acknowledgement that a person will answer, a draft a person
// approved): claim a send lease by compare-and-set while the ticket is `open`,
// post with Zendesk's safe_update and the stamp read before deciding, then
// settle the lease and the draft's outcome in one commit. It never forces a
// reply past a 409, and a write left in doubt is reconciled before any other.
import { Disconnected, HelpdeskError, type Mirror, type ReplyOutcome } from "../helpdesk/helpdesk.port";
import type { Services } from "../services";
import type { SendPurpose, SendResult } from "../tickets/ticket.outcomes";
import { type Rejection, type TicketRecord, leaseActive, transition } from "../tickets/ticket.machine";
import { runEffects } from "../tickets/ticket.service";
import { type Draft, DraftRepo } from "./draft.repo";
import { unsafeForCustomer } from "./public-guard";

/** Longer than the Zendesk adapter's timeout, so a live lease always outlasts its request. */
export const SEND_LEASE_MS = 25_000;
const SETTLE_ATTEMPTS = 10;

export type SendOutcome =
  | { kind: "sent" }
  /** The record moved since it was read, or Zendesk refused a stale stamp: read again and decide again. */
  | { kind: "stale" }
  /** The machine refused the claim (not open, another send live, not the current draft). */
  | { kind: "refused"; rejection: Rejection }
  | { kind: "unsafe"; why: "placeholder" | "secret" };

/** The text that goes out: a person's edit wins over the AI's draft. */
export const textOf = (d: Draft) => d.edited ?? d.body;

/**
 * Sends `draft` for `purpose` from the record `rec` was read as, with Zendesk's
 * `stamp` read no later than that. Throws the helpdesk's error when Zendesk
 * fails (after settling the lease), so the caller's retry logic applies.
 */
export async function sendDraft(
  s: Services,
  rec: TicketRecord,
  /** The draft to send; null for a reply drafted just now (`new_reply`), which the claim writes. */
  given: Draft | null,
  purpose: SendPurpose,
  stamp: string,
  mirror?: Mirror,
): Promise<SendOutcome> {
  const body =
    purpose.kind === "new_reply"
      ? purpose.body
      : purpose.kind === "approve" && purpose.body !== null
        ? purpose.body
        : given
          ? textOf(given)
          : "";
  const unsafe = unsafeForCustomer(body, s.secrets);
  if (unsafe) return { kind: "unsafe", why: unsafe };
  const leaseId = crypto.randomUUID();
  const now = s.now();
  const claim = transition(rec, { type: "send_claim", leaseId, ttlMs: SEND_LEASE_MS, purpose }, now);
  if (!claim.ok) {
    if (claim.error.code === "in_doubt") {
      // An earlier send never settled: find out from Zendesk what became of it, then decide again.
      await reconcileInDoubt(s, rec.ticketId);
      return { kind: "stale" };
    }
    if (claim.error.code === "send_refused" && leaseActive(rec, now)) {
      // Another reply is on its way: let it settle rather than spin.
      await s.sleep(200);
      return { kind: "stale" };
    }
    return { kind: "refused", rejection: claim.error };
  }
  const committed = await s.store.commitReturning(rec, claim.value, now);
  if (!committed.won) return { kind: "stale" };
  const claimed = claim.value.next;
  const born = committed.returned[0];
  const draft = purpose.kind === "new_reply" && born ? DraftRepo.fromRow(born) : given;
  if (!draft) throw new Error("a send claim without its draft");

  const unsent: SendResult = {
    kind: "unsent",
    draftId: draft.id,
    to: purpose.kind === "ack" ? "queued" : purpose.kind === "approve" ? "held" : "refused",
  };
  const authorId = s.installation.aiAgentId;
  if (authorId === null) throw new Disconnected("The installation has no user to post the AI's replies as");
  let posted: ReplyOutcome;
  try {
    posted = await s.helpdesk.postReply({
      ticketId: rec.ticketId,
      body,
      authorId,
      stamp,
      ...(mirror ? { mirror } : {}),
    });
  } catch (e) {
    // A write that timed out stays `sending`: the next run reconciles it with Zendesk first.
    const inDoubt = e instanceof HelpdeskError && e.uncertain;
    await settle(s, rec.ticketId, leaseId, inDoubt ? { kind: "in_doubt" } : unsent, undefined, claimed);
    throw e;
  }
  if (posted.outcome === "conflict") {
    await settle(
      s,
      rec.ticketId,
      leaseId,
      purpose.kind === "reply" || purpose.kind === "new_reply"
        ? { kind: "stale", draftId: draft.id }
        : unsent,
      undefined,
      claimed,
    );
    return { kind: "stale" };
  }
  await settle(s, rec.ticketId, leaseId, sentResult(draft, purpose, body, posted.commentId), mirror, claimed);
  return { kind: "sent" };
}

function sentResult(draft: Draft, purpose: SendPurpose, body: string, commentId: number | null): SendResult {
  const approvedBy = purpose.kind === "approve" ? purpose.agent : draft.approvedBy;
  return {
    kind: "sent",
    draftId: draft.id,
    commentId,
    replyTo: draft.replyTo,
    citations: draft.citations,
    approvedBy,
    edited: body !== draft.body,
    ack: purpose.kind === "ack" || draft.kind === "ack",
  };
}

/**
 * Ends the send under `leaseId`: a compare-and-set loop, since other writers may move the
 * record. `mirror`: what the reply's own update wrote onto the ticket, remembered with it.
 */
async function settle(
  s: Services,
  ticketId: number,
  leaseId: string,
  result: SendResult,
  mirror?: Mirror,
  /** The record as this send last wrote it (its claim): the first attempt starts from it, unread. */
  claimed?: TicketRecord,
): Promise<void> {
  for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
    const record = attempt === 0 && claimed ? claimed : (await s.tickets.get(ticketId)).record;
    const t = transition(record, { type: "send_settled", leaseId, result }, s.now());
    if (!t.ok) return;
    const writes = mirror ? [...t.value.writes, { type: "mirrored" as const, mirror }] : t.value.writes;
    if (await s.store.commit(record, { ...t.value, writes }, s.now())) {
      if (t.value.effects.length) await runEffects(s, ticketId, t.value.effects, { inlineSync: true });
      return;
    }
  }
  // Losing ten races in a row is not expected; the lease then simply expires,
  // and a draft left `sending` is reconciled by the next run.
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Before anything is sent on a ticket: drafts left `sending` by a crash or a
 * timed-out write are reconciled with Zendesk, then queued acknowledgements go out.
 */
export async function settleUnsettled(s: Services, ticketId: number, known?: Known): Promise<boolean> {
  const { drafts, moved } = await reconcileInDoubt(s, ticketId, known);
  const acks = drafts.filter((d) => d.kind === "ack" && d.status === "queued");
  for (const ack of acks) await sendAck(s, ack);
  return moved || acks.length > 0;
}

/** The ticket's unsettled drafts and record, as the caller just read them. */
interface Known {
  drafts: Draft[];
  record: TicketRecord;
}

async function readKnown(s: Services, ticketId: number): Promise<Known> {
  const [drafts, stored] = await s.reads.all([
    s.drafts.unsettledQuery(ticketId),
    s.tickets.getQuery(ticketId),
  ] as const);
  return { drafts, record: stored.record };
}

/**
 * Drafts left `sending` under a lease that is no longer live (a crash, a timed-out write, a
 * settle that came too late) are settled by what Zendesk shows: the reply is there, it was
 * sent; it is not, it was not. A lease that expired with no draft to show for it is ended too.
 * Returns the ticket's unsettled drafts as they were read, and whether anything was settled.
 */
export async function reconcileInDoubt(
  s: Services,
  ticketId: number,
  known?: Known,
): Promise<{ drafts: Draft[]; moved: boolean }> {
  const { drafts, record }: Known = known ?? (await readKnown(s, ticketId));
  const live = leaseActive(record, s.now()) ? record.sendLease?.id : null;
  // A draft that never got its lease (a crash before the claim) is in doubt too.
  const interrupted = drafts.filter(
    (d) => d.status === "sending" && (d.leaseId === null || d.leaseId !== live),
  );
  if (interrupted.length) {
    const comments = await s.helpdesk.listComments(ticketId);
    const ai = s.installation.aiAgentId;
    for (const d of interrupted) {
      const landed = comments.find(
        (c) =>
          c.authorId === ai &&
          c.isPublic &&
          normalise(c.body) === normalise(textOf(d)) &&
          Date.parse(c.createdAt) >= d.createdAt - 60_000,
      );
      const purpose: SendPurpose =
        d.kind === "ack" ? { kind: "ack", draftId: d.id } : { kind: "reply", draftId: d.id };
      const result: SendResult = landed
        ? sentResult(d, purpose, textOf(d), landed.id)
        : {
            kind: "unsent",
            draftId: d.id,
            to: d.kind === "ack" ? "queued" : d.approvedBy ? "held" : "refused",
          };
      await settle(s, ticketId, d.leaseId ?? "", result);
    }
  }
  const stuck = record.sendLease;
  const ended = stuck && stuck.id !== live && !interrupted.some((d) => d.leaseId === stuck.id);
  if (stuck && ended) await settle(s, ticketId, stuck.id, { kind: "in_doubt" });
  return { drafts, moved: interrupted.length > 0 || Boolean(ended) };
}

/** Sends a queued acknowledgement; it is withdrawn by a take over or resolve before it goes. */
async function sendAck(s: Services, ack: Draft): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const { record } = await s.tickets.get(ack.ticketId);
    if (record.state !== "open") return;
    const zt = await s.helpdesk.getTicket(ack.ticketId);
    const r = await sendDraft(s, record, ack, { kind: "ack", draftId: ack.id }, zt.stamp);
    if (r.kind !== "stale") return;
  }
}
