// `npm run test:reliability [-- --quick] [-- --seed N] [-- --only 1,3]`: the product's promises under
// faults, duplicates, fuzzed input, sustained load and the take-over race, on the real Worker
// (`wrangler dev`: workerd, local D1 and queue) with two Zendesk accounts connected the real way.
// Exits non-zero when a promise breaks. Stops everything it started, on failure and Ctrl-C too.
// What each part proves: docs/reliability.md.
import { Cleanup } from "../../bench/cleanup.ts";
import { runPart1 } from "./part1.faults.ts";
import { type PartReport, printReport, seconds } from "./report.ts";
import { settingsFor } from "./settings.ts";
import { type Stack, startStack } from "./stack.ts";
import { FJORD_APPROVAL_POLICY } from "./traffic.ts";
import { Landings, type TicketSet } from "./observe.ts";
import { runPart2 } from "./part2.duplicates.ts";
import { runPart3 } from "./part3.fuzz.ts";
import { runPart4 } from "./part4.load.ts";
import { runPart5 } from "./part5.race.ts";
import type { RunContext } from "./verdict.ts";

interface Args {
  quick: boolean;
  seed: number;
  only: Set<number> | null;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(value("--seed") ?? process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
  const only = value("--only");
  return {
    quick: argv.includes("--quick") || process.env.RELIABILITY_QUICK === "1",
    seed: Number.isSafeInteger(seed) ? seed : 1,
    only: only ? new Set(only.split(",").map(Number)) : null,
  };
}

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function control(stack: Stack, subdomain: string, method: string, path: string, body: unknown) {
  const res = await fetch(`${stack.zendesk.origin}/${subdomain}/__standin${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`stand-in ${method} ${path}: ${res.status} ${await res.text()}`);
}

/**
 * What the run changes in the accounts before it starts, each as their admin or Zendesk would: the
 * account-wide Update Ticket limit (100 a minute) off, since the run writes far more than that (the
 * per-ticket limit stays, and 429s are injected as faults); Zendesk's webhook retries after 1-10 s
 * instead of up to 60 s; and Fjord Outdoor's admin adds a policy that holds refund replies for approval.
 */
async function prepare(stack: Stack): Promise<void> {
  for (const a of [...stack.accounts, stack.fuzz]) {
    await control(stack, a.subdomain, "PUT", "/rate-limit", { ticketUpdatesPerMinute: null });
    await control(stack, a.subdomain, "PUT", "/webhook-delivery", {
      retryDelaysMs: [1_000, 2_000, 5_000, 10_000],
    });
  }
  const fjord = stack.accounts.find((a) => a.subdomain === "fjord");
  if (fjord) {
    const res = await fetch(`${stack.worker.origin}/api/policy-entries`, {
      method: "POST",
      headers: { authorization: `Bearer ${fjord.secret}`, "content-type": "application/json" },
      body: JSON.stringify(FJORD_APPROVAL_POLICY),
    });
    if (res.status !== 201) throw new Error(`fjord's approval policy: ${res.status} ${await res.text()}`);
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const settings = settingsFor(args);
  const cleanup = new Cleanup();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping what the run started`);
    void cleanup.runAll().finally(() => process.exit(130));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));

  const started = Date.now();
  const reports: PartReport[] = [];
  try {
    log(`reliability run (${args.quick ? "quick" : "full"}), seed ${args.seed}`);
    const stack = await startStack(cleanup, log);
    await prepare(stack);
    const landings = new Landings(stack);
    cleanup.add(async () => landings.close());
    const ctx: RunContext = { stack, settings, landings, log };
    const wanted = (n: number) => args.only === null || args.only.has(n);
    let part1Tickets: TicketSet | null = null;
    if (wanted(1)) {
      const part1 = await runPart1(ctx);
      part1Tickets = part1.tickets;
      reports.push(part1);
      printReport(part1, console.log);
    }
    if (wanted(2)) {
      const part2 = await runPart2(ctx, part1Tickets);
      reports.push(part2);
      printReport(part2, console.log);
    }
    // The race and the load before the fuzzing, which ends by disconnecting the third account.
    if (wanted(5)) {
      const part5 = await runPart5(ctx);
      reports.push(part5);
      printReport(part5, console.log);
    }
    if (wanted(4)) {
      const part4 = await runPart4(ctx);
      reports.push(part4);
      printReport(part4, console.log);
    }
    if (wanted(3)) {
      const part3 = await runPart3(ctx);
      reports.push(part3);
      printReport(part3, console.log);
    }
  } catch (error) {
    console.error("reliability: the run itself failed:", error);
    reports.push({ name: "the run", durationMs: Date.now() - started, lines: [], failures: [String(error)] });
  } finally {
    await cleanup.runAll();
  }
  const failed = reports.filter((r) => r.failures.length > 0);
  console.log(
    `\nreliability (${args.quick ? "quick" : "full"}, seed ${args.seed}): ${reports.length - failed.length} of ` +
      `${reports.length} parts passed in ${seconds(Date.now() - started)}` +
      (failed.length ? `; failed: ${failed.map((r) => r.name).join(", ")}` : ""),
  );
  return failed.length ? 1 : 0;
}

process.exitCode = await main();
