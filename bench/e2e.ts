// Benchmark 3, end to end: from the stand-in sending a customer's comment_added webhook (answered
// 202) to the AI's public reply stored in the stand-in, with the offline drafter and the demo KB.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { TicketViewSchema } from "../common/ticket.schema.ts";
import { percentile } from "./load.ts";
import { AI_AGENT_ID, type Product } from "./product.ts";

export interface Phase {
  name: string;
  tickets: number;
  replied: number;
  /** Tickets the AI did not answer by itself (attention item or held draft), by reason. */
  notReplied: Record<string, number>;
  undelivered: number;
  ms: { p50: number; p95: number; p99: number; min: number; max: number };
  seconds: number;
}

export interface E2EResult {
  /** The queue's `max_batch_timeout` the Worker ran with. */
  batchTimeoutSeconds: number;
  phases: Phase[];
}

interface Conversation {
  subject: string;
  message: string;
  expected: { outcome: string };
}

const root = resolve(import.meta.dirname, "..");
const COMMENT_ADDED = "zen:event-type:ticket.comment_added";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The demo questions the KB answers (the offline drafter may still hold a few back). */
function questions(): Conversation[] {
  const all: Conversation[] = JSON.parse(readFileSync(join(root, "demo/conversations.json"), "utf8"));
  return all.filter((c) => c.expected.outcome === "reply");
}

/** What became of a ticket the AI did not answer. */
async function outcome(p: Product, id: number): Promise<string> {
  const view = TicketViewSchema.parse(await p.api("GET", `/api/tickets/${id}`));
  if (view.pendingDraft) return "draft held";
  return view.attention[0] ? `attention: ${view.attention[0].type}` : "nothing yet";
}

async function phase(
  p: Product,
  replies: Map<number, number>,
  name: string,
  convs: Conversation[],
  gapMs: number | "after-reply",
): Promise<Phase> {
  const started = Date.now();
  const ids: number[] = [];
  for (const [i, c] of convs.entries()) {
    const id = await p.createTicket(c.subject, c.message);
    ids.push(id);
    if (gapMs === "after-reply") {
      const deadline = Date.now() + 15_000;
      for (let n = 1; !replies.has(id) && Date.now() < deadline; n++) {
        if (n % 10 === 0 && (await outcome(p, id)) !== "nothing yet") break;
        await sleep(20);
      }
    } else await sleep(Math.max(0, started + (i + 1) * gapMs - Date.now()));
  }
  // Until every ticket is answered or settled otherwise (capped at 60 s). Outcomes are read only
  // once replies have stopped coming for a while, so that polling does not load the Worker measured.
  const cap = Date.now() + 60_000;
  while (Date.now() < cap) {
    const open = ids.filter((id) => !replies.has(id));
    if (open.length === 0) break;
    const lastReply = Math.max(started, ...ids.map((id) => replies.get(id) ?? 0));
    if (Date.now() - lastReply > 1_500) {
      let waiting = 0;
      for (const id of open) if ((await outcome(p, id)) === "nothing yet") waiting++;
      if (waiting === 0) break;
    }
    await sleep(250);
  }
  const times: number[] = [];
  const notReplied: Record<string, number> = {};
  let undelivered = 0;
  for (const id of ids) {
    const delivery = p.standin.feed.listDeliveries(id).find((d) => d.type === COMMENT_ADDED);
    const attempt = delivery?.attempts.find((a) => a.status === 202);
    const reply = replies.get(id);
    if (!attempt) undelivered++;
    else if (reply !== undefined) times.push(reply - Date.parse(attempt.at));
    else {
      const why = await outcome(p, id);
      notReplied[why] = (notReplied[why] ?? 0) + 1;
    }
  }
  return phaseFigures(name, ids.length, times, notReplied, undelivered, (Date.now() - started) / 1000);
}

/**
 * Follow-ups: on each ticket the AI answered, the customer writes the next demo question as a new
 * comment; timed from that comment's webhook (answered 202) to the AI's next public reply.
 */
async function followUps(
  p: Product,
  replies: Map<number, number[]>,
  name: string,
  tickets: number[],
  convs: Conversation[],
): Promise<Phase> {
  const started = Date.now();
  const times: number[] = [];
  const notReplied: Record<string, number> = {};
  let undelivered = 0;
  for (const [i, id] of tickets.entries()) {
    const c = convs[i % convs.length];
    if (!c) continue;
    const before = replies.get(id)?.length ?? 0;
    const posted = Date.now();
    const res = await fetch(`${p.standin.origin}/__standin/tickets/${id}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ body: c.message, public: true, author: "requester" }),
    });
    if (res.status !== 201) throw new Error(`stand-in: a follow-up on ${id} gave ${res.status}`);
    const deadline = Date.now() + 15_000;
    while ((replies.get(id)?.length ?? 0) <= before && Date.now() < deadline) await sleep(20);
    const reply = replies.get(id)?.[before];
    const delivery = p.standin.feed
      .listDeliveries(id)
      .filter((d) => d.type === COMMENT_ADDED)
      .map((d) => d.attempts.find((a) => a.status === 202))
      .find((a) => a !== undefined && Date.parse(a.at) >= posted - 5);
    if (!delivery) undelivered++;
    else if (reply !== undefined) times.push(reply - Date.parse(delivery.at));
    else {
      const why = await outcome(p, id);
      notReplied[why] = (notReplied[why] ?? 0) + 1;
    }
  }
  return phaseFigures(name, tickets.length, times, notReplied, undelivered, (Date.now() - started) / 1000);
}

/** A phase's figures from its reply times (ms, any order). */
export function phaseFigures(
  name: string,
  tickets: number,
  times: readonly number[],
  notReplied: Record<string, number>,
  undelivered: number,
  seconds: number,
): Phase {
  const s = [...times].sort((a, b) => a - b);
  return {
    name,
    tickets,
    replied: s.length,
    notReplied,
    undelivered,
    ms: {
      p50: percentile(s, 50),
      p95: percentile(s, 95),
      p99: percentile(s, 99),
      min: s[0] ?? Number.NaN,
      max: s.at(-1) ?? Number.NaN,
    },
    seconds,
  };
}

export async function benchEndToEnd(
  p: Product,
  opts: { isolated: number; stream: number; streamGapMs: number },
  batchTimeoutSeconds: number,
): Promise<E2EResult> {
  const replies = new Map<number, number>();
  const all = new Map<number, number[]>();
  const off = p.standin.store.onChange((change) => {
    if (change.type !== "comment_added" || change.author.id !== AI_AGENT_ID || !change.comment.public) return;
    if (!replies.has(change.ticket.id)) replies.set(change.ticket.id, Date.now());
    all.set(change.ticket.id, [...(all.get(change.ticket.id) ?? []), Date.now()]);
  });
  try {
    const qs = questions();
    const pick = (n: number, from: number) => Array.from({ length: n }, (_, i) => qs[(from + i) % qs.length]);
    const isolated = pick(opts.isolated, 0).filter((c): c is Conversation => c !== undefined);
    const stream = pick(opts.stream, opts.isolated).filter((c): c is Conversation => c !== undefined);
    const first = await phase(
      p,
      replies,
      "one ticket at a time (next after the reply)",
      isolated,
      "after-reply",
    );
    const answered = [...replies.keys()];
    const phases = [
      first,
      await followUps(
        p,
        all,
        "a follow-up on an answered ticket (one at a time)",
        answered,
        pick(answered.length, opts.isolated + opts.stream).filter((c): c is Conversation => c !== undefined),
      ),
      await phase(
        p,
        replies,
        `a stream: a new ticket every ${opts.streamGapMs} ms`,
        stream,
        opts.streamGapMs,
      ),
    ];
    return { batchTimeoutSeconds, phases };
  } finally {
    off();
  }
}
