// A small bounded HTTP load generator: a fixed number of keep-alive connections, a fixed number
// of requests, a hard time limit, loopback only. Never retries; every answer is counted as it came.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

export interface Req {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  /** http://127.0.0.1:PORT, nothing else. */
  origin: string;
  connections: number;
  requests: number;
  /** The i-th request of this run (0-based). */
  build: (i: number) => Req;
  /** The whole run stops issuing requests after this. */
  timeLimitMs?: number;
}

export interface LoadResult {
  requests: number;
  statuses: Record<string, number>;
  errors: number;
  seconds: number;
  samples: number[];
}

export interface Stats {
  requests: number;
  ok: number;
  statuses: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function assertLoopback(origin: string): URL {
  const url = new URL(origin);
  if (url.protocol !== "http:" || url.hostname !== "127.0.0.1") {
    throw new Error(`bench: refusing to load ${origin}; only http://127.0.0.1 is allowed`);
  }
  return url;
}

function once(agent: Agent, url: URL, r: Req): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => ok(res.statusCode ?? 0));
        res.on("error", fail);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error("request timed out")));
    req.on("error", fail);
    req.end(r.body);
  });
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const url = assertLoopback(spec.origin);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const deadline = Date.now() + (spec.timeLimitMs ?? 60_000);
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < spec.requests && Date.now() < deadline) {
      const r = spec.build(next++);
      const started = performance.now();
      try {
        const status = await once(agent, url, r);
        samples.push(performance.now() - started);
        statuses[status] = (statuses[status] ?? 0) + 1;
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: spec.connections }, worker));
  } finally {
    agent.destroy();
  }
  return { requests: next, statuses, errors, seconds: (performance.now() - started) / 1000, samples };
}

/** Rounds of one kind, merged: samples concatenated, throughput over the summed time. */
export function merge(results: LoadResult[]): LoadResult {
  const statuses: Record<string, number> = {};
  for (const r of results)
    for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    requests: results.reduce((n, r) => n + r.requests, 0),
    statuses,
    errors: results.reduce((n, r) => n + r.errors, 0),
    seconds: results.reduce((n, r) => n + r.seconds, 0),
    samples: results.flatMap((r) => r.samples),
  };
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function stats(r: LoadResult, okStatus: number): Stats {
  const sorted = [...r.samples].sort((a, b) => a - b);
  const statuses = Object.entries(r.statuses)
    .map(([k, v]) => `${k}×${v}`)
    .concat(r.errors ? [`errors×${r.errors}`] : [])
    .join(", ");
  return {
    requests: r.requests,
    ok: r.statuses[okStatus] ?? 0,
    statuses,
    rps: r.samples.length / r.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export interface Kind {
  name: string;
  origin: string;
  /** The status that counts as success (default 200). */
  okStatus?: number;
  /** Called with a running index over warm-up and every round, so bodies can stay unique. */
  build: (i: number) => Req;
}

/**
 * Several kinds of request (a subject and its baselines), each run alone at the same concurrency,
 * alternating in rounds so that drift (JIT, a growing table, a busy neighbour) hits all alike.
 * A warm-up of each goes first and is not counted.
 */
export interface Row {
  name: string;
  /** Over all rounds together. */
  stats: Stats;
  /** Requests per second in each round, to show how much a neighbour's load moved them. */
  roundRps: number[];
}

export async function alternate(
  kinds: Kind[],
  opts: { connections: number; perRound: number; rounds: number; warmup: number },
): Promise<Row[]> {
  const offsets = new Map<string, number>();
  const run = (kind: Kind, requests: number) => {
    const start = offsets.get(kind.name) ?? 0;
    offsets.set(kind.name, start + requests);
    const build = (i: number) => kind.build(start + i);
    return runLoad({ origin: kind.origin, connections: opts.connections, requests, build });
  };
  for (const kind of kinds) await run(kind, opts.warmup);
  const rounds = kinds.map((): LoadResult[] => []);
  for (let round = 0; round < opts.rounds; round++) {
    for (const [k, kind] of kinds.entries()) rounds[k]?.push(await run(kind, opts.perRound));
  }
  return kinds.map((kind, k) => {
    const results = rounds[k] ?? [];
    return {
      name: kind.name,
      stats: stats(merge(results), kind.okStatus ?? 200),
      roundRps: results.map((r) => r.samples.length / r.seconds),
    };
  });
}

/** Per-round ratios of two rows' throughput: median, min and max. */
export function roundRatios(a: Row, b: Row): { median: number; min: number; max: number } {
  const ratios = a.roundRps.map((r, i) => r / (b.roundRps[i] ?? Number.NaN)).sort((x, y) => x - y);
  return {
    median: percentile(ratios, 50),
    min: ratios[0] ?? Number.NaN,
    max: ratios.at(-1) ?? Number.NaN,
  };
}
