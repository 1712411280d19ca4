// The summary at the top of docs/benchmarks.md: every figure beside its goal (issue 12), its same-run
// baseline and the command that reproduces it; and the charts written to docs/benchmarks/. Pure.
import { type Bar, barChart } from "./chart.ts";
import { roundRatios } from "./load.ts";
import type { Run } from "./report.ts";
import { D1_GOAL, ECHO_GOAL, KB_GOAL_MS, ZENDESK_GOAL, costChart, kbChart } from "./workerd.report.ts";
import { WORKERD_COMMAND } from "./workerd.ts";

const KB = 1024;
export const WORKER_GOAL_BYTES = 400 * KB;
export const SIDEBAR_GOAL_BYTES = 15 * KB;
export const E2E_GOAL_MS = 50;
export const SIDEBAR_LOAD_GOAL = 1.2;
export const INTAKE_RPS_GOAL = 0.8;
export const INTAKE_P99_GOAL = 2;

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : "–");
const x = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : "–");
const kb = (b: number) => `${(b / KB).toFixed(1)} KB`;
const mark = (met: boolean) => (met ? "✓ met" : "✗ missed");

interface Line {
  figure: string;
  goal: string;
  measured: string;
  baseline: string;
  met: boolean | null;
  command: string;
  section: string;
}

export function goalLines(r: Run): Line[] {
  const [empty, , hook] = r.intake.rows;
  const intake = hook && empty ? roundRatios(hook, empty).median : Number.NaN;
  const p99 = hook && empty ? hook.stats.p99 / empty.stats.p99 : Number.NaN;
  const noWait = r.e2e.find((e) => e.batchTimeoutSeconds === 0);
  const oneP50 = noWait?.phases.find((p) => p.name.startsWith("a stream"))?.ms.p50 ?? Number.NaN;
  const twoP50 = r.two.phases[0]?.ms.p50 ?? Number.NaN;
  const kbWorst = Math.max(...r.workerd.kb.languages.map((l) => r.workerd.kb.search[l]?.p50 ?? Number.NaN));
  const c = r.workerd.cost;
  const sb = r.sidebar;
  const bench = "`npm run bench`";
  return [
    {
      figure: "webhook intake, req/s vs an empty Worker (median of rounds)",
      goal: `≥ ${INTAKE_RPS_GOAL}×`,
      measured: x(intake),
      baseline: `empty Worker ${empty?.stats.rps.toFixed(0)} req/s`,
      met: intake >= INTAKE_RPS_GOAL,
      command: bench,
      section: "1",
    },
    {
      figure: "webhook intake, p99 vs an empty Worker",
      goal: `≤ ${INTAKE_P99_GOAL}×`,
      measured: x(p99),
      baseline: `empty Worker p99 ${ms(empty?.stats.p99 ?? Number.NaN)}`,
      met: p99 <= INTAKE_P99_GOAL,
      command: bench,
      section: "1",
    },
    ...(noWait?.phases ?? []).flatMap((p) =>
      p
        ? [
            {
              figure: `webhook → reply accepted, no batch wait: ${p.name}`,
              goal: `p50 ≤ ${E2E_GOAL_MS} ms`,
              measured: `p50 ${ms(p.ms.p50)}`,
              baseline: `same path with the 1 s batch window: see §3`,
              met: p.ms.p50 <= E2E_GOAL_MS,
              command: bench,
              section: "3",
            },
          ]
        : [],
    ),
    {
      figure: "the stream with two installations (p50)",
      goal: "no worse than one (≤ 1.1×, the run's noise)",
      measured: `${ms(twoP50)} (${x(twoP50 / oneP50)})`,
      baseline: `one installation's stream p50 ${ms(oneP50)}`,
      met: twoP50 <= oneP50 * 1.1,
      command: bench,
      section: "3",
    },
    {
      figure: "KB top-5 over 10,000 entries, slowest language's p50",
      goal: `≤ ${KB_GOAL_MS} ms in each`,
      measured: ms(kbWorst),
      baseline: `trivial D1 round trip p50 ${ms(r.workerd.kb.baseline.p50)}`,
      met: kbWorst <= KB_GOAL_MS,
      command: `\`${WORKERD_COMMAND}\``,
      section: "6",
    },
    {
      figure: "KB search, worst case (adversarial messages), max",
      goal: "bounded",
      measured: ms(r.workerd.kb.search.worst?.max ?? Number.NaN),
      baseline: `typical p95 ${ms(r.workerd.kb.search.en?.p95 ?? Number.NaN)} (en)`,
      met: null,
      command: `\`${WORKERD_COMMAND}\``,
      section: "6",
    },
    {
      figure: "D1 round trips per answered message (new ticket / follow-up)",
      goal: `≤ ${D1_GOAL}`,
      measured: `${c.created.d1} / ${c.followUp.d1}`,
      baseline: "–",
      met: Math.max(c.created.d1, c.followUp.d1) <= D1_GOAL,
      command: `\`${WORKERD_COMMAND}\``,
      section: "7",
    },
    {
      figure: "Zendesk calls per answered message (new ticket / follow-up)",
      goal: `≤ ${ZENDESK_GOAL}`,
      measured: `${c.created.zendesk.length} / ${c.followUp.zendesk.length}`,
      baseline: "–",
      met: Math.max(c.created.zendesk.length, c.followUp.zendesk.length) <= ZENDESK_GOAL,
      command: `\`${WORKERD_COMMAND}\``,
      section: "7",
    },
    {
      figure: "D1 round trips of the echo of our own reply",
      goal: `${ECHO_GOAL}`,
      measured: `${c.echoCreated.d1} / ${c.echoFollowUp.d1}`,
      baseline: "–",
      met: Math.max(c.echoCreated.d1, c.echoFollowUp.d1) <= ECHO_GOAL,
      command: `\`${WORKERD_COMMAND}\``,
      section: "7",
    },
    {
      figure: "Worker bundle, gzipped",
      goal: `≤ ${kb(WORKER_GOAL_BYTES)}`,
      measured: kb(r.bundle.worker.gzip),
      baseline: `its own budget test ${kb(r.bundle.worker.budget)}`,
      met: r.bundle.worker.gzip <= WORKER_GOAL_BYTES,
      command: "`node scripts/worker-size.ts`",
      section: "4",
    },
    {
      figure: "sidebar bundle, gzipped (JS + CSS + HTML)",
      goal: `≤ ${kb(SIDEBAR_GOAL_BYTES)}`,
      measured: kb(r.bundle.sidebar.total),
      baseline: `Zendesk's scaffold JS ~${kb(r.bundle.scaffoldJs)} (reference)`,
      met: r.bundle.sidebar.total <= SIDEBAR_GOAL_BYTES,
      command: "`npm run build`",
      section: "4",
    },
    {
      figure: "sidebar load in Chromium vs a blank app page (p50)",
      goal: `≤ ${SIDEBAR_LOAD_GOAL}×`,
      measured: x(sb.sidebar.p50 / sb.blank.p50),
      baseline: `blank page p50 ${ms(sb.blank.p50)}`,
      met: sb.sidebar.p50 / sb.blank.p50 <= SIDEBAR_LOAD_GOAL,
      command: bench,
      section: "5",
    },
    {
      figure: "admin area bundle, gzipped",
      goal: `≤ ${kb(r.bundle.adminBudget)} (its budget)`,
      measured: kb(r.bundle.admin),
      baseline: "–",
      met: r.bundle.admin <= r.bundle.adminBudget,
      command: "`npm run build`",
      section: "4",
    },
    {
      figure: "admin area load in Chromium vs a blank app page (p50)",
      goal: "– (none set)",
      measured: x(sb.admin.p50 / sb.blank.p50),
      baseline: `blank page p50 ${ms(sb.blank.p50)}`,
      met: null,
      command: bench,
      section: "5",
    },
  ];
}

export function renderGoals(r: Run): string[] {
  return [
    "## Goals at a glance",
    "",
    "Each figure of this run beside its goal (issue 12), a baseline measured in the same run and the",
    "command that reproduces it; the sections below say how it was measured and, where a goal is",
    "missed, the measured reason and what would close it. Storage per message and how many accounts",
    "one database serves are measured by `npm run measure:storage` and kept in",
    "[decision 007](decisions/007-scale.md), not measured again here.",
    "",
    "| figure | goal | this run | same-run baseline | | command | § |",
    "|---|---|---|---|---|---|---:|",
    ...goalLines(r).map(
      (l) =>
        `| ${l.figure} | ${l.goal} | ${l.measured} | ${l.baseline} | ${l.met === null ? "–" : mark(l.met)} | ${l.command} | ${l.section} |`,
    ),
    "",
  ];
}

/** docs/benchmarks/<name>.svg, by name. */
export function renderCharts(r: Run): Record<string, string> {
  const [empty, health, hook, ablQueue] = r.intake.rows;
  const intake: Bar[] = [
    {
      label: "webhook req/s ÷ empty Worker",
      value: hook && empty ? roundRatios(hook, empty).median : Number.NaN,
      goal: INTAKE_RPS_GOAL,
      baseline: 1,
    },
    {
      label: "healthz req/s ÷ empty Worker",
      value: health && empty ? roundRatios(health, empty).median : Number.NaN,
      baseline: 1,
    },
    {
      label: "queue send alone ÷ empty Worker",
      value: ablQueue && empty ? roundRatios(ablQueue, empty).median : Number.NaN,
      baseline: 1,
    },
  ];
  // The goal is on the runs without the batch wait; the 1 s rows (about a second) are in the table.
  const e2e: Bar[] = [
    ...(r.e2e.find((e) => e.batchTimeoutSeconds === 0)?.phases ?? []).map((p) => ({
      label: p.name.split(" (")[0]?.split(":")[0]?.slice(0, 34) ?? "",
      value: p.ms.p50,
      goal: E2E_GOAL_MS,
    })),
    { label: "two installations, a stream", value: r.two.phases[0]?.ms.p50 ?? Number.NaN, goal: E2E_GOAL_MS },
  ];
  const bundles: Bar[] = [
    { label: "Worker (KB)", value: r.bundle.worker.gzip / KB, goal: WORKER_GOAL_BYTES / KB },
    {
      label: "sidebar (KB)",
      value: r.bundle.sidebar.total / KB,
      goal: SIDEBAR_GOAL_BYTES / KB,
      baseline: r.bundle.scaffoldJs / KB,
    },
    { label: "admin area (KB)", value: r.bundle.admin / KB, goal: r.bundle.adminBudget / KB },
  ];
  const load: Bar[] = [
    {
      label: "sidebar load p50 (ms)",
      value: r.sidebar.sidebar.p50,
      baseline: r.sidebar.blank.p50,
      goal: r.sidebar.blank.p50 * SIDEBAR_LOAD_GOAL,
    },
  ];
  return {
    "intake.svg": barChart("Webhook intake: req/s relative to an empty Worker", "×", intake, true),
    "e2e.svg": barChart("Webhook → reply accepted, no batch wait (ms, p50)", "ms", e2e),
    "kb-search.svg": kbChart(r.workerd.kb),
    "cost.svg": costChart(r.workerd.cost),
    "bundles.svg": barChart("Bundles, gzipped (KB)", "KB", bundles),
    "sidebar-load.svg": barChart("Sidebar load in Chromium (ms, p50)", "ms", load),
  };
}
