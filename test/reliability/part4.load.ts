// Part 4: sustained mixed load on both accounts: customers write (new tickets and follow-ups, which reach
// the Worker as the stand-in's signed webhooks), agents read the sidebar (GET /api/tickets/{id}), take
// over, release, resolve and approve held drafts, several at a time, for a fixed time. No answer may be
// an error (a 5xx but 503 with Retry-After, or a client timeout), and nothing may be lost.
import { addTicket, settle, type TicketSet } from "./observe.ts";
import { formatCounts, type PartReport, seconds } from "./report.ts";
import { Rng } from "./rng.ts";
import type { Account, Agent } from "./stack.ts";
import { sleep, Tally } from "./tally.ts";
import {
  approve,
  followUp,
  heldDraft,
  newTicket,
  questionsFor,
  readTicket,
  release,
  resolve,
  takeOver,
} from "./traffic.ts";
import {
  deliveryFigures,
  evidence,
  outcomeLines,
  type RunContext,
  tallyFailures,
  tallyLine,
  violationFailures,
} from "./verdict.ts";

type Action = "new_ticket" | "follow_up" | "read" | "take_over" | "release" | "resolve" | "approve";
const WEIGHTS: Record<Action, number> = {
  new_ticket: 14,
  follow_up: 14,
  read: 42,
  take_over: 8,
  release: 7,
  resolve: 5,
  approve: 10,
};

interface LoadTicket {
  account: Account;
  id: number;
  owner: Agent | null;
  resolved: boolean;
  draft: number | null;
}

export async function runPart4(ctx: RunContext): Promise<PartReport> {
  const { stack, settings, log } = ctx;
  const cfg = settings.part4;
  const started = Date.now();
  const rng = new Rng(settings.seed + 5);
  const tally = new Tally();
  const tickets: LoadTicket[] = [];
  const set: TicketSet = new Map();
  const actions: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  let customers = 0;
  let writeErrors = 0;

  const note = (action: Action, status: number) => {
    actions[action] = (actions[action] ?? 0) + 1;
    const key = `${action} ${status}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  };
  const write = async (account: Account, ticket: LoadTicket | null) => {
    const questions = questionsFor(account.subdomain);
    const q = rng.chance(0.25)
      ? rng.pick(questions.filter((x) => x.intent === "approval"))
      : rng.pick(questions);
    const text = `${q.text} (load L${customers})`;
    try {
      if (ticket) {
        await followUp(stack, account, ticket.id, text);
        ticket.resolved = false;
      } else {
        const created = await newTicket(stack, account, 80_000 + customers++, "Load", text);
        tickets.push({ account, id: created.ticketId, owner: null, resolved: false, draft: null });
        addTicket(set, account, created.ticketId);
      }
    } catch {
      writeErrors++;
    }
  };

  const step = async () => {
    const action = tickets.length < 4 ? "new_ticket" : rng.weighted(WEIGHTS);
    const t = rng.pick(tickets.length ? tickets : [null]);
    const account = t?.account ?? rng.pick(stack.accounts);
    const agent = rng.pick(account.agents);
    switch (action) {
      case "new_ticket":
        await write(rng.pick(stack.accounts), null);
        actions[action] = (actions[action] ?? 0) + 1;
        return;
      case "follow_up":
        if (t && !t.owner) await write(t.account, t);
        actions[action] = (actions[action] ?? 0) + 1;
        return;
    }
    if (!t) return;
    if (action === "read") {
      const answer = await readTicket(stack, tally, t.account, t.id);
      t.draft = heldDraft(answer);
      note(action, answer.status);
    } else if (action === "take_over") {
      const answer = await takeOver(stack, tally, t.account, t.id, agent);
      if (answer.status === 200) t.owner = agent;
      note(action, answer.status);
    } else if (action === "release") {
      const owner = t.owner ?? agent;
      const answer = await release(stack, tally, t.account, t.id, owner);
      if (answer.status === 200) t.owner = null;
      note(action, answer.status);
    } else if (action === "resolve") {
      const answer = await resolve(stack, tally, t.account, t.id, agent);
      if (answer.status === 200) t.resolved = true;
      note(action, answer.status);
    } else if (action === "approve") {
      const held = tickets.filter((x) => x.draft !== null);
      const h = held.length ? rng.pick(held) : null;
      if (!h || h.draft === null) return;
      const answer = await approve(stack, tally, h.account, h.id, h.draft, rng.pick(h.account.agents));
      h.draft = null;
      note(action, answer.status);
    }
  };

  const deadline = Date.now() + cfg.durationMs;
  const user = async () => {
    while (Date.now() < deadline) {
      await step();
      await sleep(rng.int(20, 200));
    }
  };
  await Promise.all(Array.from({ length: cfg.users }, user));
  const loadMs = Date.now() - started;
  log(
    `part 4: ${tally.requests} Worker calls and ${customers} new tickets in ${seconds(loadMs)}; waiting for outcomes`,
  );
  const judged = await settle(stack, set, { maxMs: cfg.settleMs });
  const deliveries = deliveryFigures(stack, set);
  const failures = [
    ...violationFailures(judged.violations),
    ...tallyFailures("agent calls", tally),
    ...deliveries.failures,
  ];
  if (writeErrors) failures.push(`${writeErrors} customer writes failed in the stand-in`);
  return {
    name: "4. Sustained mixed load",
    durationMs: Date.now() - started,
    lines: [
      `${seconds(loadMs)} of load, ${cfg.users} concurrent users, both accounts: ${tickets.length} tickets`,
      `actions: ${formatCounts(actions)}`,
      `answers by action: ${formatCounts(outcomes)}`,
      tallyLine("agent calls", tally),
      `Worker calls per second during the load: ${(tally.requests / (loadMs / 1000)).toFixed(1)}; client timeouts ${tally.timeouts}`,
      deliveries.line,
      ...outcomeLines(judged),
      `outcomes settled ${seconds(judged.waitedMs)} after the load`,
    ],
    failures,
    evidence: await evidence(ctx, set, judged.violations),
  };
}
