// Benchmarks that run inside workerd (real D1/FTS5, the product's code) through vitest's `bench`
// project (test/bench/): the KB search over 10,000 entries and the cost of an answered message. Each
// test prints one line `OHALLO_BENCH_<NAME> <json>`; this runs them and reads those lines.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { percentile } from "./load.ts";

const root = resolve(import.meta.dirname, "..");

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export interface KbBench {
  entries: number;
  rounds: number;
  languages: string[];
  /** A trivial D1 round trip (`SELECT 1`), measured between the searches. */
  baseline: Spread;
  /** Per language, and `worst` for the adversarial messages. */
  search: Record<string, Spread>;
  decision: Record<string, Spread>;
}

export interface Cost {
  d1: number;
  statements: number;
  trips: string[];
  zendesk: string[];
}

export interface CostBench {
  dispositions: string[];
  replies: number;
  created: Cost;
  echoCreated: Cost;
  followUp: Cost;
  echoFollowUp: Cost;
}

export interface WorkerdBench {
  kb: KbBench;
  cost: CostBench;
  seconds: number;
}

export const WORKERD_COMMAND = "OHALLO_BENCH=1 npx vitest run --project bench";

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1) ?? Number.NaN };
}

function line(out: string, name: string): unknown {
  const found = new RegExp(`OHALLO_BENCH_${name} (\\{.*\\})$`, "m").exec(out);
  if (!found?.[1]) throw new Error(`bench: test/bench printed no OHALLO_BENCH_${name} line`);
  return JSON.parse(found[1]);
}

export function runWorkerdBench(): WorkerdBench {
  const started = Date.now();
  const vitest = join(root, "node_modules/vitest/vitest.mjs");
  const run = spawnSync(process.execPath, [vitest, "run", "--project", "bench"], {
    cwd: root,
    env: { ...process.env, OHALLO_BENCH: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
    encoding: "utf8",
    timeout: 5 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`bench: ${WORKERD_COMMAND} failed:\n${out.slice(-3000)}`);
  const raw = line(out, "KB") as {
    entries: number;
    rounds: number;
    languages: string[];
    baseline: number[];
    search: Record<string, number[]>;
    decision: Record<string, number[]>;
  };
  const map = (m: Record<string, number[]>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, spread(v)]));
  return {
    kb: { ...raw, baseline: spread(raw.baseline), search: map(raw.search), decision: map(raw.decision) },
    cost: line(out, "COST") as CostBench,
    seconds: (Date.now() - started) / 1000,
  };
}

// `node bench/workerd.ts`: this part alone, printed.
if (import.meta.main) {
  const r = runWorkerdBench();
  const row = (k: string, s: Spread, d?: Spread) =>
    `${k.padEnd(6)} search p50 ${s.p50} p95 ${s.p95} max ${s.max} | decision p50 ${d?.p50} p95 ${d?.p95} max ${d?.max}`;
  console.log(`baseline SELECT 1: p50 ${r.kb.baseline.p50} p95 ${r.kb.baseline.p95}`);
  for (const [k, s] of Object.entries(r.kb.search)) console.log(row(k, s, r.kb.decision[k]));
  for (const k of ["created", "echoCreated", "followUp", "echoFollowUp"] as const) {
    const c = r.cost[k];
    console.log(
      `${k}: ${c.d1} D1 round trips, ${c.statements} statements, ${c.zendesk.length} Zendesk calls`,
    );
  }
  console.log(`took ${r.seconds.toFixed(0)} s`);
}
