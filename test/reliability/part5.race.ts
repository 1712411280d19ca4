// Part 5: the take-over race at scale. Many tickets where an agent takes over while an AI reply is in
// flight, made slow by the stand-ins (a slow model, or a slow Zendesk update that still applies), and
// tickets where one agent approves a held draft (its send made slow) while another takes over. The
// promise: no AI comment lands in Zendesk after a take over was answered 200, by the stand-in's clock
// to the millisecond and by its comments' own (whole-second) timestamps.
import { addTicket, settle, type TicketSet } from "./observe.ts";
import { formatCounts, type PartReport, seconds } from "./report.ts";
import { Rng } from "./rng.ts";
import type { Account } from "./stack.ts";
import { type Answer, sleep, Tally } from "./tally.ts";
import { approve, heldDraft, newTicket, questionsFor, readTicket, takeOver } from "./traffic.ts";
import {
  evidence,
  outcomeLines,
  type RunContext,
  tallyFailures,
  tallyLine,
  violationFailures,
} from "./verdict.ts";

interface Race {
  kind: "slow_model" | "slow_zendesk" | "approve";
  account: Account;
  ticketId: number;
  takeOver?: Answer;
  approve?: Answer;
  delayMs: number;
  offsetMs: number;
  /** The take over waited for the slow request to be seen in flight at the stand-in... */
  waited: boolean;
  /** ...and saw it. */
  inFlight: boolean;
}

/** Polls `seen` every 25 ms until it holds, at most `maxMs`; whether it did. */
async function until(seen: () => boolean, maxMs: number): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if (seen()) return true;
    await sleep(25);
  }
  return false;
}

/** The gist of a 409's error, for counting. */
function why(answer: Answer): string {
  try {
    const error = String((JSON.parse(answer.text) as { error?: unknown }).error ?? "");
    return error.split(/[;:.]/)[0]?.slice(0, 60) ?? "";
  } catch {
    return "?";
  }
}

const PUT_TICKET = (id: number) => ({ method: "PUT", path: `/api/v2/tickets/${id}.json`, ticketId: id });

export async function runPart5(ctx: RunContext): Promise<PartReport> {
  const { stack, settings, log, landings } = ctx;
  const cfg = settings.part5;
  const started = Date.now();
  const rng = new Rng(settings.seed + 6);
  const tally = new Tally();
  const set: TicketSet = new Map();
  const races: Race[] = [];
  let n = 0;

  // An AI reply in flight, made slow, and a take over at a random moment around it.
  const replyRace = async (i: number) => {
    await sleep(i * 250);
    const account = stack.accounts[i % stack.accounts.length] as Account;
    const q = rng.pick(questionsFor(account.subdomain).filter((x) => x.intent === "answerable"));
    const ref = `race R${n++}`;
    const kind = i % 2 === 0 ? "slow_model" : "slow_zendesk";
    const delayMs = rng.int(800, 4_000);
    if (kind === "slow_model")
      stack.openai.scripts.add({ match: ref, responses: [{ status: 200, delayMs }] });
    const created = await newTicket(stack, account, 90_000 + i, `Race ${ref}`, `${q.text} (${ref})`);
    addTicket(set, account, created.ticketId);
    // A slow update that Zendesk still applies: the reply is on the wire when the take over comes.
    const faults = stack.zendesk.account(account.subdomain)?.faults;
    const fault =
      kind === "slow_zendesk"
        ? faults?.add({ match: PUT_TICKET(created.ticketId), delayMs, times: 1 })
        : undefined;
    // Three in four take overs wait until the slow request is seen in flight at the stand-in and come at
    // a random moment inside its delay; the others come 0-5 s after the message, wherever that falls.
    // The wait is long: the local queue runs one batch at a time, and each slow request holds its batch,
    // so at scale a reply may start a minute after its message (Cloudflare runs batches side by side).
    const waitForFlight = rng.chance(0.75);
    const race: Race = {
      kind,
      account,
      ticketId: created.ticketId,
      delayMs,
      offsetMs: waitForFlight ? rng.int(0, Math.round(delayMs * 0.9)) : rng.int(0, 5_000),
      waited: waitForFlight,
      inFlight: false,
    };
    races.push(race);
    if (waitForFlight)
      race.inFlight = await until(
        () =>
          kind === "slow_model"
            ? stack.openai.requests.list({ match: ref }).some((r) => r.status === null)
            : !faults?.list().some((f) => f.id === fault?.id),
        60_000,
      );
    await sleep(race.offsetMs);
    race.takeOver = await takeOver(stack, tally, account, created.ticketId, rng.pick(account.agents));
  };

  // A held draft: one agent approves it (its send made slow) while another takes the ticket over.
  const approveRace = async (i: number) => {
    await sleep(i * 400);
    const account = stack.accounts[i % stack.accounts.length] as Account;
    const q = rng.pick(questionsFor(account.subdomain).filter((x) => x.intent === "approval"));
    const created = await newTicket(stack, account, 95_000 + i, "Approve race", `${q.text} (approve A${i})`);
    addTicket(set, account, created.ticketId);
    let draft: number | null = null;
    for (let t = 0; t < 60 && draft === null; t++) {
      await sleep(500);
      draft = heldDraft(await readTicket(stack, tally, account, created.ticketId));
    }
    if (draft === null) return;
    const [a, b] = [account.agents[0], account.agents[1] ?? account.agents[0]];
    if (!a || !b) return;
    const delayMs = rng.int(500, 3_000);
    stack.zendesk
      .account(account.subdomain)
      ?.faults.add({ match: PUT_TICKET(created.ticketId), delayMs, times: 1 });
    const race: Race = {
      kind: "approve",
      account,
      ticketId: created.ticketId,
      delayMs,
      offsetMs: rng.int(-300, 2_500),
      waited: false,
      inFlight: false,
    };
    races.push(race);
    const approving = (async () => {
      if (race.offsetMs < 0) await sleep(-race.offsetMs);
      race.approve = await approve(stack, tally, account, created.ticketId, draft, a);
    })();
    const taking = (async () => {
      if (race.offsetMs > 0) await sleep(race.offsetMs);
      race.takeOver = await takeOver(stack, tally, account, created.ticketId, b);
    })();
    await Promise.all([approving, taking]);
  };

  await Promise.all([
    ...Array.from({ length: cfg.replyRaces }, (_, i) => replyRace(i)),
    ...Array.from({ length: Math.ceil(cfg.approveRaces * 1.5) }, (_, i) => approveRace(i)),
  ]);
  log(`part 5: ${races.length} races run in ${seconds(Date.now() - started)}; waiting for outcomes`);
  const judged = await settle(stack, set, { maxMs: cfg.settleMs });

  // Every AI comment must have landed before its ticket's take over was answered 200.
  const late: string[] = [];
  const lateTickets: { kind: string; ticketId: number }[] = [];
  const results: Record<string, number> = {};
  const count = (k: string) => {
    results[k] = (results[k] ?? 0) + 1;
  };
  for (const r of races) {
    const store = stack.zendesk.account(r.account.subdomain)?.store;
    const ai = (store?.comments.get(r.ticketId) ?? []).filter(
      (c) => c.author_id === r.account.aiAgentId && c.public,
    );
    const acked = r.takeOver?.status === 200 ? (r.takeOver.at ?? 0) : null;
    for (const c of ai) {
      const landed = landings.of(r.account.subdomain, c.id)?.at;
      const stampSecond = Math.floor(Date.parse(c.created_at) / 1000);
      if (
        acked !== null &&
        ((landed !== undefined && landed > acked) || stampSecond > Math.floor(acked / 1000))
      ) {
        lateTickets.push({ kind: "ai_comment_after_take_over", ticketId: r.ticketId });
        late.push(
          `${r.kind} ticket ${r.ticketId}: AI comment ${c.id} landed ${landed === undefined ? "?" : landed - acked} ms ` +
            `after the take over's 200 (stamp ${c.created_at})`,
        );
      }
    }
    const outcome =
      r.takeOver?.status !== 200
        ? `take over ${r.takeOver?.status ?? "not sent"}`
        : ai.length
          ? "AI reply landed before the take over's 200"
          : "no AI reply";
    const approved = r.approve
      ? `, approve ${r.approve.status}${r.approve.status === 409 ? ` (${why(r.approve)})` : ""}`
      : "";
    count(`${r.kind}${r.inFlight ? " in flight" : ""}: ${outcome}${approved}`);
  }
  const approveRaces = races.filter((r) => r.kind === "approve").length;
  const failures = [...violationFailures(judged.violations), ...tallyFailures("race calls", tally)];
  if (late.length)
    failures.push(
      `AI comments after an acknowledged take over ×${late.length} (${late.slice(0, 3).join("; ")})`,
    );
  const notAcked = races.filter((r) => r.takeOver && r.takeOver.status !== 200 && r.takeOver.status !== 409);
  if (notAcked.length)
    failures.push(
      `take overs neither 200 nor 409 ×${notAcked.length} (${notAcked.map((r) => r.takeOver?.status).join(", ")})`,
    );
  const ackMs = races
    .flatMap((r) => (r.takeOver?.status === 200 ? [r.takeOver.ms] : []))
    .sort((a, b) => a - b);
  return {
    name: "5. The take-over race",
    durationMs: Date.now() - started,
    lines: [
      `${races.length} races: ${races.length - approveRaces} take overs racing a slow AI reply (model answer or ` +
        `Zendesk update delayed 0.8-4 s; ${races.filter((r) => r.inFlight).length} sent while the slow request was ` +
        `seen in flight (of ${races.filter((r) => r.waited).length} that waited for it), the rest 0-5 s after the ` +
        `message) and ${approveRaces} approvals of held drafts (send delayed ` +
        `0.5-3 s) racing a take over by another agent (-0.3 to +2.5 s)`,
      `outcomes: ${formatCounts(results)}`,
      `AI comments after an acknowledged take over: ${late.length}`,
      `take over answer time: p50 ${ackMs[Math.floor(ackMs.length / 2)] ?? 0} ms, max ${ackMs.at(-1) ?? 0} ms`,
      tallyLine("race calls (take over, approve, sidebar reads)", tally),
      ...outcomeLines(judged),
    ],
    failures,
    evidence: await evidence(ctx, set, [...lateTickets, ...judged.violations]),
  };
}
