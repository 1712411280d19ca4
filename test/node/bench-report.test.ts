// The bench's report is pure: a run's figures in, docs/benchmarks.md and its SVG charts out. Renders a
// made-up run to check that every goal has its line, missed goals say why, and the charts are SVG.
import { describe, expect, it } from "vitest";
import { barChart } from "../../bench/chart.ts";
import { goalLines, renderCharts } from "../../bench/goals.ts";
import type { Phase } from "../../bench/e2e.ts";
import type { Row } from "../../bench/load.ts";
import { renderReport, type Run } from "../../bench/report.ts";
import { spread } from "../../bench/workerd.ts";

const row = (name: string, rps: number, p50: number): Row => ({
  name,
  stats: {
    requests: 100,
    ok: 100,
    statuses: "200×100",
    rps,
    p50,
    p95: p50 * 1.5,
    p99: p50 * 2,
    max: p50 * 3,
  },
  roundRps: [rps, rps],
});
const phase = (name: string, p50: number): Phase => ({
  name,
  tickets: 5,
  replied: 4,
  notReplied: { "attention: validation_failed": 1 },
  undelivered: 0,
  ms: { p50, p95: p50 + 10, p99: p50 + 12, min: p50 - 5, max: p50 + 12 },
  seconds: 3,
});
const cost = (d1: number, calls: number) => ({
  d1,
  statements: d1 + 5,
  trips: [],
  zendesk: Array.from({ length: calls }, () => "GET /api/v2/tickets/:id"),
});

function run(): Run {
  const load = { connections: 10, perKind: 200, rounds: 2 };
  return {
    machine: {
      date: "2026-12-07T00:00:00Z",
      cpus: "2",
      cpuModel: "test",
      memory: "1 MiB",
      node: "v22",
      wrangler: "4",
      chromium: "–",
      loadAtStart: "0.5",
      workerdAtStart: 0,
    },
    seconds: 100,
    loadAtEnd: "0.5",
    seeded: "40 KB entries",
    intake: {
      ...load,
      rows: [
        row("empty", 800, 10),
        row("healthz", 790, 10),
        row("webhook", 320, 30),
        row("ablation both", 370, 27),
        row("ablation d1", 560, 17),
      ],
    },
    intakeConsumer: { ...load, rows: [row("healthz", 700, 12), row("webhook", 150, 60)] },
    read: {
      ticketId: 1,
      ...load,
      ticket: { state: "open", attention: 1, events: 3, bytes: 800 },
      rows: [row("healthz", 800, 11), row("read", 450, 22)],
    },
    e2e: [
      {
        batchTimeoutSeconds: 1,
        phases: [
          phase("one ticket at a time", 1040),
          phase("a follow-up on an answered ticket", 1030),
          phase("a stream: a new ticket every 200 ms", 470),
        ],
      },
      {
        batchTimeoutSeconds: 0,
        phases: [
          phase("one ticket at a time", 60),
          phase("a follow-up on an answered ticket", 36),
          phase("a stream: a new ticket every 200 ms", 38),
        ],
      },
    ],
    maxBatchSize: 10,
    bundle: {
      sidebar: { js: 16_900, css: 1_500, html: 200, total: 18_600 },
      raw: { js: 60_000, css: 6_000 },
      admin: 38_000,
      adminBudget: 40 * 1024,
      budget: 19 * 1024,
      scaffoldJs: 77 * 1024,
      worker: {
        raw: 500_000,
        gzip: 130_000,
        budget: 150 * 1024,
        minify: true,
        parts: [{ name: "zod", bytes: 100_000 }],
        inputs: [],
      },
    },
    sidebar: {
      loads: 3,
      sidebar: { p50: 190, p95: 200, min: 180, max: 210 },
      blank: { p50: 116, p95: 120, min: 110, max: 125 },
      admin: { p50: 180, p95: 190, min: 170, max: 200 },
      parts: { iframeStart: 30, appDomReady: 90, proxiedRead: 15, proxiedRequests: 1 },
    },
    workerd: {
      kb: {
        entries: 10_000,
        rounds: 1,
        languages: ["en", "de"],
        baseline: spread([1, 1, 2]),
        search: { en: spread([4, 5, 6]), de: spread([6, 7, 8]), worst: spread([9, 13]) },
        decision: { en: spread([6, 7]), de: spread([8, 9]), worst: spread([12, 14]) },
      },
      cost: {
        dispositions: ["replied", "replied"],
        replies: 2,
        created: cost(21, 4),
        echoCreated: cost(9, 0),
        followUp: cost(15, 3),
        echoFollowUp: cost(7, 0),
      },
      seconds: 20,
    },
    two: { accounts: ["nordlys", "fjord"], phases: [phase("two installations", 60)] },
  };
}

describe("the bench report", () => {
  it("puts every figure beside its goal, and says why where one is missed", () => {
    const r = run();
    const lines = goalLines(r);
    expect(lines.find((l) => l.figure.startsWith("KB top-5"))?.met).toBe(false);
    expect(lines.find((l) => l.figure.startsWith("Worker bundle"))?.met).toBe(true);
    expect(lines.find((l) => l.figure.startsWith("the stream with two"))?.met).toBe(false);
    const md = renderReport(r);
    expect(md).toContain("## Goals at a glance");
    expect(md).toContain("Missed in this run: de (7 ms)");
    expect(md).toContain("Missed for a lone new ticket");
    expect(md).toContain("The sidebar misses the 15 KB goal");
    expect(md).toContain("decisions/007-scale.md");
    expect(md).not.toMatch(/NaN|undefined/);
  });

  it("draws every chart as SVG, a missed goal in orange", () => {
    const charts = renderCharts(run());
    expect(Object.keys(charts).sort()).toEqual(
      ["bundles.svg", "cost.svg", "e2e.svg", "intake.svg", "kb-search.svg", "sidebar-load.svg"].sort(),
    );
    for (const svg of Object.values(charts)) expect(svg).toMatch(/^<svg [^>]*>[\s\S]*<\/svg>\n$/);
    const one = barChart("t", "ms", [{ label: "a <b>", value: 7, goal: 5, baseline: 1 }]);
    expect(one).toContain("#e8833a");
    expect(one).toContain("a &lt;b&gt;");
  });
});
