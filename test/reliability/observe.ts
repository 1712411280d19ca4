// Reads what happened: the Worker's rows through its own API (GET /api/installation/export, the
// installation's D1 tables), the stand-in's tickets and comments, and when each comment landed in the
// stand-in (to the millisecond, from its change listener; Zendesk's own stamps have whole seconds).
import { z } from "zod";
import type { Account, Stack } from "./stack.ts";
import { type DDraft, type DMessage, emptyJudged, addJudged, type Judged, judgeTicket } from "./judge.ts";
import { sleep, type Tally } from "./tally.ts";

export interface Landing {
  subdomain: string;
  ticketId: number;
  commentId: number;
  authorId: number;
  isPublic: boolean;
  /** When the stand-in stored it (ms since the epoch). */
  at: number;
}

/** Every comment the stand-in stores from now on, with the moment it was stored. */
export class Landings {
  private readonly byKey = new Map<string, Landing>();
  private readonly stops: (() => void)[] = [];
  changes = 0;

  constructor(stack: Stack) {
    for (const a of [...stack.accounts, stack.fuzz]) {
      const store = stack.zendesk.account(a.subdomain)?.store;
      if (!store) throw new Error(`reliability: no stand-in store for ${a.subdomain}`);
      this.stops.push(
        store.onChange((change) => {
          this.changes++;
          if (change.type !== "comment_added") return;
          const c = change.comment;
          this.byKey.set(`${a.subdomain}/${c.id}`, {
            subdomain: a.subdomain,
            ticketId: change.ticket.id,
            commentId: c.id,
            authorId: c.author_id,
            isPublic: c.public,
            at: Date.now(),
          });
        }),
      );
    }
  }

  of(subdomain: string, commentId: number): Landing | undefined {
    return this.byKey.get(`${subdomain}/${commentId}`);
  }

  close(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}

const Row = z.looseObject({});
const Export = z.object({
  data: z.object({
    messages: z.array(
      z.looseObject({
        comment_id: z.number(),
        ticket_id: z.number(),
        author_kind: z.string(),
        disposition: z.string(),
      }),
    ),
    drafts: z.array(
      z.looseObject({
        id: z.number(),
        ticket_id: z.number(),
        kind: z.string().nullish(),
        status: z.string(),
        meta: z.string().nullish(),
      }),
    ),
    tickets: z.array(
      z.looseObject({ ticket_id: z.number(), state: z.string(), waiting: z.number().nullish() }),
    ),
    attention_items: z.array(Row),
  }),
});
const Meta = z.looseObject({
  commentId: z.number().nullish(),
  replyTo: z.array(z.number()).default([]),
  approvedBy: z.unknown().optional(),
});

/** The Worker's rows of one installation, as its admin's export returns them. */
export interface WorkerRows {
  messages: Map<number, DMessage>;
  draftsByTicket: Map<number, DDraft[]>;
  tickets: Map<number, { state: string; waiting: boolean }>;
  sending: number;
}

export async function readWorker(stack: Stack, account: Account, tally?: Tally): Promise<WorkerRows> {
  const url = `${stack.worker.origin}/api/installation/export`;
  const init = { headers: { authorization: `Bearer ${account.secret}` } };
  let text: string;
  if (tally) {
    const answer = await tally.fetch("GET /api/installation/export", url, init);
    if (answer.status !== 200) throw new Error(`export of ${account.subdomain}: ${answer.status}`);
    text = answer.text;
  } else {
    const res = await fetch(url, init);
    if (!res.ok) throw new Error(`export of ${account.subdomain}: ${res.status}`);
    text = await res.text();
  }
  const { data } = Export.parse(JSON.parse(text));
  const messages = new Map<number, DMessage>();
  for (const m of data.messages)
    messages.set(m.comment_id, {
      commentId: m.comment_id,
      ticketId: m.ticket_id,
      authorKind: m.author_kind,
      disposition: m.disposition,
    });
  const draftsByTicket = new Map<number, DDraft[]>();
  let sending = 0;
  for (const d of data.drafts) {
    const meta = Meta.safeParse(d.meta ? JSON.parse(d.meta) : {});
    if (d.status === "sending") sending++;
    const draft: DDraft = {
      id: d.id,
      ticketId: d.ticket_id,
      kind: d.kind ?? "reply",
      status: d.status,
      commentId: meta.success ? (meta.data.commentId ?? null) : null,
      replyTo: meta.success ? meta.data.replyTo : [],
      approved: meta.success && meta.data.approvedBy !== null && meta.data.approvedBy !== undefined,
    };
    draftsByTicket.set(d.ticket_id, [...(draftsByTicket.get(d.ticket_id) ?? []), draft]);
  }
  const tickets = new Map<number, { state: string; waiting: boolean }>();
  for (const t of data.tickets) tickets.set(t.ticket_id, { state: t.state, waiting: Boolean(t.waiting) });
  return { messages, draftsByTicket, tickets, sending };
}

/** The stand-in's side of a ticket: requester and comments. */
function standinTicket(stack: Stack, account: Account, ticketId: number) {
  const store = stack.zendesk.account(account.subdomain)?.store;
  const ticket = store?.tickets.get(ticketId);
  if (!store || !ticket) throw new Error(`reliability: no ticket ${ticketId} in ${account.subdomain}`);
  const comments = (store.comments.get(ticketId) ?? []).map((c) => ({
    id: c.id,
    authorId: c.author_id,
    isPublic: c.public,
    body: c.body,
  }));
  return { requesterId: ticket.requester_id, comments };
}

/** Tickets of a part, per account. */
export type TicketSet = Map<Account, Set<number>>;

export function addTicket(set: TicketSet, account: Account, ticketId: number): void {
  const ids = set.get(account) ?? new Set<number>();
  ids.add(ticketId);
  set.set(account, ids);
}

export async function judge(stack: Stack, tickets: TicketSet): Promise<Judged & { sending: number }> {
  let total = emptyJudged();
  let sending = 0;
  for (const [account, ids] of tickets) {
    const rows = await readWorker(stack, account);
    sending += rows.sending;
    for (const ticketId of ids) {
      const z = standinTicket(stack, account, ticketId);
      const state = rows.tickets.get(ticketId);
      const judged = judgeTicket(
        {
          ticketId,
          requesterId: z.requesterId,
          aiAgentId: account.aiAgentId,
          comments: z.comments,
          state: state?.state ?? null,
          waiting: state?.waiting ?? false,
        },
        rows.messages,
        rows.draftsByTicket.get(ticketId) ?? [],
      );
      total = addJudged(total, judged);
    }
  }
  return { ...total, sending };
}

/**
 * A ticket's story for a failure report: the stand-in's public comments (who, when stored, text), the
 * Worker's drafts and its audit trail, and the requests the Worker made to Zendesk for it.
 */
export async function explain(
  stack: Stack,
  account: Account,
  ticketId: number,
  landings: Landings,
): Promise<string[]> {
  const z = standinTicket(stack, account, ticketId);
  const t0 = Math.min(
    ...z.comments.map((c) => landings.of(account.subdomain, c.id)?.at ?? Number.POSITIVE_INFINITY),
  );
  const who = (id: number) =>
    id === z.requesterId ? "customer" : id === account.aiAgentId ? "AI" : `user ${id}`;
  const at = (ms: number | undefined) => (ms === undefined || !Number.isFinite(t0) ? "?" : `+${ms - t0} ms`);
  const lines = [`${account.subdomain} ticket ${ticketId}:`];
  for (const c of z.comments)
    lines.push(
      `  comment ${c.id} ${who(c.authorId)}${c.isPublic ? "" : " (internal)"} ${at(landings.of(account.subdomain, c.id)?.at)}: ` +
        JSON.stringify(c.body.slice(0, 70)),
    );
  const res = await fetch(`${stack.worker.origin}/api/installation/export`, {
    headers: { authorization: `Bearer ${account.secret}` },
  });
  const data = ((await res.json()) as { data: Record<string, Record<string, unknown>[]> }).data;
  const mine = (rows: Record<string, unknown>[] | undefined) =>
    (rows ?? []).filter((r) => r.ticket_id === ticketId);
  for (const d of mine(data.drafts))
    lines.push(`  draft ${d.id} ${d.kind} ${d.status} ${d.meta} ${at(Number(d.created_at))}`);
  for (const m of mine(data.messages))
    lines.push(`  message ${m.comment_id} ${m.author_kind} ${m.disposition}`);
  for (const e of mine(data.ticket_events))
    lines.push(
      `  event ${e.type} ${e.from_state ?? ""}→${e.to_state ?? ""} ${at(Number(e.at))} ${String(e.reason ?? "").slice(0, 90)}`,
    );
  const requests = stack.zendesk.account(account.subdomain)?.requests.list({ ticketId }) ?? [];
  for (const r of requests)
    lines.push(`  zendesk ${r.method} ${r.path} → ${r.status} ${at(Date.parse(r.at))} (${r.durationMs} ms)`);
  return lines;
}

/** How many requests the stand-ins have answered so far (quiet = this stops moving). */
function activity(stack: Stack): number {
  let n = stack.openai.requests.list().at(-1)?.seq ?? 0;
  for (const a of [...stack.accounts, stack.fuzz])
    n += stack.zendesk.account(a.subdomain)?.requests.list().at(-1)?.seq ?? 0;
  return n;
}

/**
 * Waits until every customer message of `tickets` has an outcome, no reply is in flight, no webhook
 * delivery is pending and the stand-ins have had no request for `quietMs`; at most `maxMs`. Returns the
 * last judgement (with whatever is still pending counted as lost).
 */
export async function settle(
  stack: Stack,
  tickets: TicketSet,
  opts: { maxMs: number; quietMs?: number },
): Promise<Judged & { sending: number; waitedMs: number }> {
  const started = Date.now();
  const quietMs = opts.quietMs ?? 3_000;
  let last = activity(stack);
  let lastMoved = Date.now();
  for (;;) {
    const judged = await judge(stack, tickets);
    const now = Date.now();
    const current = activity(stack);
    if (current !== last) {
      last = current;
      lastMoved = now;
    }
    const open = judged.outcomes.pending + judged.outcomes.never_recorded + judged.sending;
    const deliveries = [...stack.accounts, stack.fuzz].some((a) =>
      stack.zendesk
        .account(a.subdomain)
        ?.feed.listDeliveries()
        .some((d) => d.state === "pending"),
    );
    if ((open === 0 && !deliveries && now - lastMoved >= quietMs) || now - started > opts.maxMs)
      return { ...judged, waitedMs: now - started };
    await sleep(1_000);
  }
}
