// Part 2: the same event delivered 2-3 times, as Zendesk's at-least-once delivery may: new tickets (each
// announced twice by Zendesk itself, ticket_created and comment_added for its first comment) and
// follow-ups whose events also arrive again at the same moment and a little later; then events of earlier
// tickets delivered again long after. Each event must be taken in, and no message answered twice. A copy
// may be answered 202 too: the webhook route touches no D1, so copies arriving at the same moment are all
// queued, and the consumer drops all but one by the event id; the judge counts them, the replies decide.
import { redeliver } from "./deliver.ts";
import { judge, settle, addTicket, type TicketSet } from "./observe.ts";
import { formatCounts, type PartReport, seconds } from "./report.ts";
import { Rng } from "./rng.ts";
import type { Account } from "./stack.ts";
import { sleep, Tally } from "./tally.ts";
import { followUp, newTicket, questionsFor, type WebhookBody } from "./traffic.ts";
import {
  deliveryFigures,
  evidence,
  outcomeLines,
  type RunContext,
  tallyFailures,
  tallyLine,
  violationFailures,
} from "./verdict.ts";

interface Sent {
  account: Account;
  body: WebhookBody;
}

export async function runPart2(ctx: RunContext, earlier: TicketSet | null): Promise<PartReport> {
  const { stack, settings, log } = ctx;
  const cfg = settings.part2;
  const started = Date.now();
  const rng = new Rng(settings.seed + 2);
  const tally = new Tally();
  const tickets: TicketSet = new Map();
  const answers = new Map<string, number[]>();
  const copies = { concurrent: 0, later: 0, long_after: 0 };
  const jobs: Promise<void>[] = [];

  const again = async (s: Sent, kind: keyof typeof copies) => {
    copies[kind]++;
    const answer = await redeliver(s.account, s.body, tally);
    answers.set(s.body.id, [...(answers.get(s.body.id) ?? []), answer.status]);
  };
  /** 1 or 2 more deliveries of each event: at once (racing Zendesk's own) or 0.3-5 s later. */
  const duplicate = (account: Account, events: WebhookBody[]) => {
    for (const body of events) {
      const extra = rng.int(1, 2);
      for (let i = 0; i < extra; i++) {
        const later = rng.chance(0.4);
        const delay = later ? rng.int(300, 5_000) : 0;
        jobs.push(sleep(delay).then(() => again({ account, body }, later ? "later" : "concurrent")));
      }
    }
  };

  // Fresh events: new tickets and follow-ups, each event delivered again at once and later.
  const fresh: { account: Account; ticketId: number }[] = [];
  let events = 0;
  const pace = Math.max(20, Math.round(cfg.windowMs / (cfg.freshTickets + cfg.freshFollowUps)));
  for (let i = 0; i < cfg.freshTickets; i++) {
    const account = stack.accounts[i % stack.accounts.length];
    if (!account) continue;
    const q = rng.pick(questionsFor(account.subdomain).filter((x) => x.intent === "answerable"));
    const created = await newTicket(stack, account, 50_000 + i, `Duplicate ${i}`, `${q.text} (dup D${i})`);
    addTicket(tickets, account, created.ticketId);
    fresh.push({ account, ticketId: created.ticketId });
    events += created.events.length;
    duplicate(account, created.events);
    await sleep(pace);
  }
  for (let i = 0; i < cfg.freshFollowUps; i++) {
    const t = rng.pick(fresh);
    const q = rng.pick(questionsFor(t.account.subdomain).filter((x) => x.intent === "answerable"));
    const written = await followUp(stack, t.account, t.ticketId, `Also: ${q.text} (dup F${i})`);
    events += written.events.length;
    duplicate(t.account, written.events);
    await sleep(pace);
  }
  await Promise.all(jobs.splice(0));
  log(`part 2: ${events} fresh events delivered again; waiting for outcomes`);
  const freshJudged = await settle(stack, tickets, { maxMs: cfg.settleMs });

  // Long after: events of earlier tickets (part 1's, else this part's own) delivered again, 1 or 2 times.
  const pool = earlier ?? tickets;
  const before = await judge(stack, pool);
  const old: Sent[] = [];
  for (const [account, ids] of pool) {
    const feed = stack.zendesk.account(account.subdomain)?.feed;
    for (const e of feed?.listEvents() ?? [])
      if (ids.has(e.ticketId)) old.push({ account, body: e.body as WebhookBody });
  }
  const chosen = rng.shuffle(old).slice(0, cfg.oldEvents);
  const oldIds = new Set(chosen.map((s) => s.body.id));
  for (let i = 0; i < chosen.length; i += 10) {
    const batch = chosen.slice(i, i + 10);
    await Promise.all(
      batch.flatMap((s) => Array.from({ length: rng.int(1, 2) }, () => again(s, "long_after"))),
    );
  }
  const afterJudged = await settle(stack, pool, { maxMs: 30_000 });
  // Earlier tickets may carry violations of their own part: only new ones count here.
  const key = (v: { kind: string; ticketId: number; commentId?: number }) =>
    `${v.kind}/${v.ticketId}/${v.commentId}`;
  const known = new Set(before.violations.map(key));
  const newViolations = afterJudged.violations.filter((v) => !known.has(key(v)));

  // Each event taken in (202) at least once, counting Zendesk's own deliveries; copies queued as well.
  const standin = new Map<string, number[]>();
  for (const a of stack.accounts)
    for (const d of stack.zendesk.account(a.subdomain)?.feed.listDeliveries() ?? [])
      standin.set(d.eventId, [
        ...(standin.get(d.eventId) ?? []),
        ...d.attempts.flatMap((x) => (x.status === undefined ? [] : [x.status])),
      ]);
  const acceptedTwice: string[] = [];
  const neverAccepted: string[] = [];
  const ids = new Set([...answers.keys()]);
  for (const id of ids) {
    const all = [...(answers.get(id) ?? []), ...(standin.get(id) ?? [])];
    const accepted = all.filter((s) => s === 202).length;
    if (accepted > 1) acceptedTwice.push(`${id}: ${all.join(",")}`);
    if (accepted === 0 && !oldIds.has(id)) neverAccepted.push(`${id}: ${all.join(",")}`);
  }
  const statuses: Record<string, number> = {};
  for (const list of answers.values())
    for (const s of list) statuses[String(s)] = (statuses[String(s)] ?? 0) + 1;
  const newReplies = afterJudged.aiReplies - before.aiReplies;
  const deliveries = deliveryFigures(stack, tickets);
  const failures = [
    ...violationFailures([...freshJudged.violations, ...newViolations]),
    ...tallyFailures("redeliveries", tally),
    ...deliveries.failures,
  ];
  if (neverAccepted.length)
    failures.push(`events never taken in ×${neverAccepted.length} (${neverAccepted.slice(0, 3).join("; ")})`);
  if (newReplies !== 0)
    failures.push(
      `${newReplies} AI replies appeared on earlier tickets after their events were delivered again`,
    );
  const total = events + chosen.length;
  return {
    name: "2. Duplicated deliveries",
    durationMs: Date.now() - started,
    lines: [
      `${total} events delivered 2-3 times: ${events} fresh (${fresh.length} new tickets, each announced twice by ` +
        `Zendesk, ${cfg.freshFollowUps} follow-ups) and ${chosen.length} of earlier tickets`,
      `extra deliveries by the run: ${formatCounts(copies)}; the Worker answered them ${formatCounts(statuses)}`,
      `events answered 202 more than once (copies the consumer drops): ${acceptedTwice.length}; fresh events ` +
        `never taken in: ${neverAccepted.length}`,
      ...outcomeLines(freshJudged).map((l) => `fresh tickets: ${l}`),
      `earlier tickets: AI replies ${before.aiReplies} before, ${afterJudged.aiReplies} after (double replies ${newReplies})`,
      tallyLine("redeliveries", tally),
      deliveries.line,
      `fresh outcomes settled ${seconds(freshJudged.waitedMs)} after the last event`,
    ],
    failures,
    evidence: await evidence(ctx, tickets, freshJudged.violations),
  };
}
