// `npm run bench` (after the build): seven benchmarks, each against a baseline of the same run, to
// docs/benchmarks.md. Loopback only, bounded; stops all it started, on failure and Ctrl-C too.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { seedDemo } from "../scripts/seed-demo.ts";
import { readBundle } from "./bundle.ts";
import { Cleanup } from "./cleanup.ts";
import { benchEndToEnd, type E2EResult } from "./e2e.ts";
import { renderCharts } from "./goals.ts";
import { benchIntake, benchIntakeWithConsumer } from "./intake.ts";
import { benchTwoInstallations } from "./installations.ts";
import { load, machine } from "./machine.ts";
import { APP_SECRET, type Product, startProduct } from "./product.ts";
import { benchRead, realisticTicket } from "./read.ts";
import { renderReport, summary } from "./report.ts";
import { benchSidebarLoad } from "./sidebar-load.ts";
import { productQueue } from "./wrangler.ts";
import { runWorkerdBench } from "./workerd.ts";

/** Short alternating rounds spread a neighbour's bursts of load (the machine may be shared) over all kinds. */
const LOAD = { connections: 10, perRound: 250, rounds: 8, warmup: 200 };
const E2E = { isolated: 8, stream: 50, streamGapMs: 200 };
const SIDEBAR = { loads: 15, warmup: 2 };
/** The whole run; past it, everything is stopped and the run fails. */
const TIME_LIMIT_MS = 8 * 60_000;

const root = resolve(import.meta.dirname, "..");
const cleanup = new Cleanup();
const step = (text: string) => console.log(`bench: ${text}`);

function abort(reason: string, code: number): void {
  console.error(`bench: ${reason}; stopping everything it started`);
  void cleanup.runAll().finally(() => process.exit(code));
}
process.once("SIGINT", () => abort("interrupted", 130));
process.once("SIGTERM", () => abort("terminated", 143));
setTimeout(() => abort(`over the ${TIME_LIMIT_MS / 60_000} minute limit`, 1), TIME_LIMIT_MS).unref();

/** A run where the AI answers no new ticket measures a broken product, not a slow one: stop and say why. */
function answered(e: E2EResult): E2EResult {
  for (const p of e.phases.filter((x) => !x.name.startsWith("a follow-up"))) {
    if (p.replied > 0) continue;
    const why = Object.entries(p.notReplied).map(([k, v]) => `${v}× ${k}`);
    throw new Error(`the AI answered none of ${p.tickets} tickets (${p.name}): ${why.join(", ")}`);
  }
  return e;
}

const seed = (p: Product) =>
  seedDemo({ worker: p.worker.origin, secret: APP_SECRET, standin: p.standin.origin });

async function main(): Promise<void> {
  const started = performance.now();
  const facts = machine();
  const bundle = readBundle();

  step("6/7 and 7/7 inside workerd: KB search over 10,000 entries, the cost of an answered message");
  const workerd = runWorkerdBench();

  step("1/5 webhook intake (the route without its queue consumer, an empty Worker, the binding calls alone)");
  const intake = await benchIntake(LOAD, cleanup);

  step("starting the product (stand-in delivering webhooks, Worker) and seeding the demo shop");
  const queue = productQueue();
  const product = await startProduct();
  const stopProduct = cleanup.add(product.stop);
  const seeded = await seed(product);
  const ticketId = await realisticTicket(product);

  step("2/5 the sidebar's read");
  const read = await benchRead(product, ticketId, LOAD);
  step("5/5 the sidebar's load in Chromium");
  const sidebar = await benchSidebarLoad(product, ticketId, SIDEBAR, cleanup);
  step(
    `3/5 end to end, customer comment to the AI's reply (max_batch_timeout ${queue.batchTimeoutSeconds} s)`,
  );
  const e2e = [answered(await benchEndToEnd(product, E2E, queue.batchTimeoutSeconds))];
  step("1/5 again: webhook intake with the queue consumer running beside it");
  const intakeConsumer = await benchIntakeWithConsumer(product, {
    ...LOAD,
    perRound: 1_000,
    rounds: 1,
    warmup: 0,
  });
  await stopProduct();

  step("3/5 again, the same path with max_batch_timeout 0 (the queue's batch wait taken out)");
  const noWait = await startProduct({ batchTimeoutSeconds: 0 });
  const stopNoWait = cleanup.add(noWait.stop);
  await seed(noWait);
  e2e.push(answered(await benchEndToEnd(noWait, E2E, 0)));
  await stopNoWait();

  step("3/5 again, max_batch_timeout 0 with two connected installations (as `npm start` runs it)");
  const two = await benchTwoInstallations({ stream: E2E.stream, streamGapMs: E2E.streamGapMs }, cleanup);

  const run = {
    machine: facts,
    seconds: (performance.now() - started) / 1000,
    maxBatchSize: queue.maxBatchSize,
    loadAtEnd: load(),
    seeded,
    intake,
    intakeConsumer,
    read,
    e2e,
    bundle,
    sidebar,
    workerd,
    two,
  };
  writeFileSync(join(root, "docs/benchmarks.md"), renderReport(run));
  mkdirSync(join(root, "docs/benchmarks"), { recursive: true });
  for (const [name, svg] of Object.entries(renderCharts(run))) {
    writeFileSync(join(root, "docs/benchmarks", name), svg);
  }
  console.log(`\n${summary(run)}`);
}

try {
  await main();
} catch (error) {
  console.error("bench: failed:", error);
  process.exitCode = 1;
} finally {
  await cleanup.runAll();
}
process.exit(process.exitCode ?? 0);
