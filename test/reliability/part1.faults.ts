// Part 1: customer messages (new tickets and follow-ups, both accounts) with about one in five carrying a
// fault from the model or Zendesk, and agents taking over, releasing and resolving some tickets on the
// way. Every message must end as exactly one outcome, and none may be answered twice.
import { type FaultKind, Injector, type ModelFault, type ZendeskFault } from "./faults.ts";
import { addTicket, settle, type TicketSet } from "./observe.ts";
import type { PartReport } from "./report.ts";
import { formatCounts, seconds } from "./report.ts";
import { Rng } from "./rng.ts";
import type { Settings } from "./settings.ts";
import type { Account } from "./stack.ts";
import { sleep, Tally } from "./tally.ts";
import { followUp, newTicket, type Question, questionsFor, release, resolve, takeOver } from "./traffic.ts";
import {
  deliveryFigures,
  evidence,
  outcomeLines,
  type RunContext,
  tallyFailures,
  tallyLine,
  violationFailures,
} from "./verdict.ts";

type Action = "none" | "take_over" | "take_over_release" | "resolve" | "resolve_422";

interface PlannedMessage {
  question: Question;
  fault: FaultKind | null;
  /** After the message before (0 for the first). */
  delayMs: number;
}
interface PlannedTicket {
  account: number;
  startMs: number;
  messages: PlannedMessage[];
  action: Action;
  /** The action comes this long after the message it follows is written. */
  actionAfter: number;
  actionDelayMs: number;
}

/** The weights of the faults spread over messages (timeouts are placed apart, in bursts). */
const SPREAD: Record<
  Exclude<FaultKind, "model_timeout" | "zendesk_timeout" | "zendesk_timeout_late" | "zendesk_422_solve">,
  number
> = {
  model_429: 14,
  model_500: 10,
  model_503: 10,
  model_garbage: 14,
  zendesk_429: 8,
  zendesk_500: 10,
  zendesk_503: 8,
  zendesk_502_html: 6,
  zendesk_garbled_write: 6,
  zendesk_409: 14,
};
const MODEL_KINDS = new Set<FaultKind>([
  "model_429",
  "model_500",
  "model_503",
  "model_garbage",
  "model_timeout",
]);
const ACTIONS: Record<Action, number> = {
  none: 81,
  take_over: 8,
  take_over_release: 4,
  resolve: 4,
  resolve_422: 3,
};

/** Who writes what and when, which faults come with which message, what the agents do. Pure. */
export function planPart1(cfg: Settings["part1"], rng: Rng, questions: Question[][]): PlannedTicket[] {
  const tickets: PlannedTicket[] = [];
  let messages = 0;
  const pickQuestion = (account: number, followUp: boolean, asked: Set<Question>): Question => {
    const pool = (questions[account] ?? []).filter((q) => !asked.has(q));
    // Follow-ups are mostly questions the AI can answer, so tickets stay open for more.
    const answerable = pool.filter((q) => q.intent === "answerable");
    const question = followUp && answerable.length && rng.chance(0.7) ? rng.pick(answerable) : rng.pick(pool);
    asked.add(question);
    return question;
  };
  while (messages < cfg.messages) {
    const account = rng.chance(0.6) ? 0 : 1;
    const count = Number(rng.weighted({ "1": 30, "2": 30, "3": 25, "4": 15 }));
    const n = Math.min(count, cfg.messages - messages);
    const planned: PlannedMessage[] = [];
    const asked = new Set<Question>();
    for (let i = 0; i < n; i++) {
      const question = pickQuestion(account, i > 0, asked);
      const reachesModel = question.intent !== "person" && question.intent !== "policy";
      let fault: FaultKind | null = null;
      if (rng.chance(cfg.faultRate)) {
        const kind = rng.weighted(SPREAD);
        fault =
          MODEL_KINDS.has(kind) && !reachesModel ? rng.pick(["zendesk_409", "zendesk_500"] as const) : kind;
      }
      planned.push({ question, fault, delayMs: i === 0 ? 0 : rng.int(...cfg.followUpMs) });
    }
    messages += n;
    const action = rng.weighted(ACTIONS);
    tickets.push({
      account,
      startMs: rng.int(0, cfg.windowMs),
      messages: planned,
      action,
      actionAfter: rng.int(0, n - 1),
      actionDelayMs: action.startsWith("resolve") ? rng.int(8_000, 14_000) : rng.int(300, 6_000),
    });
  }
  // A timeout holds its queue batch until the client gives up (the local queue runs one batch at a time):
  // put them all on tickets that start together, on a first message that reaches the model, so that
  // they share one wait.
  const burst = (kind: FaultKind, count: number, at: number) => {
    const candidates = tickets.filter(
      (t) =>
        t.action === "none" &&
        t.messages[0]?.question.intent === "answerable" &&
        t.messages[0].fault === null,
    );
    for (const t of candidates.slice(0, count)) {
      t.startMs = at;
      const first = t.messages[0];
      if (first) first.fault = kind;
    }
  };
  const at = Math.round(cfg.windowMs * 0.4);
  burst("model_timeout", cfg.modelTimeouts, at);
  burst("zendesk_timeout", cfg.zendeskTimeouts, at);
  burst("zendesk_timeout_late", cfg.lateZendeskTimeouts, at);
  return tickets;
}

const reference = (n: number) => `ref R${String(n).padStart(5, "0")}`;

export async function runPart1(ctx: RunContext): Promise<PartReport & { tickets: TicketSet }> {
  const { stack, settings, log } = ctx;
  const cfg = settings.part1;
  const started = Date.now();
  const rng = new Rng(settings.seed);
  const accounts = stack.accounts;
  const plan = planPart1(
    cfg,
    rng,
    accounts.map((a) => questionsFor(a.subdomain)),
  );
  const injector = new Injector(stack);
  const agents = new Tally();
  const tickets: TicketSet = new Map();
  const actions: Record<string, number> = {};
  let sent = 0;
  let customers = 0;

  const fault = (kind: FaultKind | null, account: Account, ticketId: number, ref: string) => {
    if (kind === null) return;
    if (MODEL_KINDS.has(kind)) injector.model(kind as ModelFault, ref);
    else injector.zendesk(kind as ZendeskFault, account, ticketId);
  };

  const act = async (t: PlannedTicket, account: Account, ticketId: number) => {
    const agent = account.agents[0];
    if (!agent || t.action === "none") return;
    await sleep(t.actionDelayMs);
    actions[t.action] = (actions[t.action] ?? 0) + 1;
    if (t.action === "take_over" || t.action === "take_over_release") {
      await takeOver(stack, agents, account, ticketId, agent);
      if (t.action === "take_over_release") {
        await sleep(rng.int(1_000, 4_000));
        await release(stack, agents, account, ticketId, agent);
      }
    } else {
      // A solve Zendesk refuses (the account requires a field): the ticket stays resolved here, a
      // person sees why in Zendesk.
      if (t.action === "resolve_422") injector.zendesk("zendesk_422_solve", account, ticketId);
      await resolve(stack, agents, account, ticketId, agent);
    }
  };

  const timeline = async (t: PlannedTicket) => {
    const account = accounts[t.account];
    if (!account) return;
    await sleep(t.startMs);
    let ticketId = 0;
    const pending: Promise<void>[] = [];
    for (const [i, m] of t.messages.entries()) {
      if (i > 0) await sleep(m.delayMs);
      const ref = reference(sent++);
      const text = `${i === 0 ? m.question.text : `Thanks. One more thing: ${m.question.text}`} (${ref})`;
      // A model fault waits for the prompt that holds this message, so it goes in before the message.
      if (m.fault && MODEL_KINDS.has(m.fault)) fault(m.fault, account, ticketId, ref);
      if (i === 0) {
        ticketId = (await newTicket(stack, account, ++customers, `Question ${ref}`, text)).ticketId;
        addTicket(tickets, account, ticketId);
      } else {
        await followUp(stack, account, ticketId, text);
      }
      // Zendesk faults match the ticket's id; the Worker's first request for it comes a queue batch later.
      if (m.fault && !MODEL_KINDS.has(m.fault)) fault(m.fault, account, ticketId, ref);
      if (i === t.actionAfter) pending.push(act(t, account, ticketId));
    }
    await Promise.all(pending);
  };

  await Promise.all(plan.map(timeline));
  log(`part 1: ${sent} customer messages written in ${seconds(Date.now() - started)}; waiting for outcomes`);
  const judged = await settle(stack, tickets, { maxMs: cfg.settleMs });
  const { planned, served } = injector.finish();
  const deliveries = deliveryFigures(stack, tickets);
  const servedTotal = Object.values(served).reduce((a, b) => a + b, 0);
  const lines = [
    `${plan.length} tickets (${accounts.map((a) => `${a.subdomain} ${tickets.get(a)?.size ?? 0}`).join(", ")}), ` +
      `${sent} customer messages; model path (OpenAI stand-in, grounded brain)`,
    ...outcomeLines(judged),
    `faults injected (consumed by a request): ${servedTotal} = ${((100 * servedTotal) / Math.max(1, sent)).toFixed(1)}% ` +
      `of messages: ${formatCounts(served)}`,
    `faults planned: ${formatCounts(planned)} (the rest found no matching request)`,
    `agent actions: ${formatCounts(actions)}`,
    tallyLine("agent calls", agents),
    deliveries.line,
    `outcomes settled ${seconds(judged.waitedMs)} after the last message`,
  ];
  return {
    name: "1. Customer messages under faults",
    durationMs: Date.now() - started,
    lines,
    failures: [
      ...violationFailures(judged.violations),
      ...tallyFailures("agent calls", agents),
      ...deliveries.failures,
    ],
    evidence: await evidence(ctx, tickets, judged.violations),
    tickets,
  };
}
