// `wrangler dev` with a config derived for one measurement (empty Worker, product without consumer or
// with another batch timeout), state in a temp dir, free loopback port; stops only its process group.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawnGroup } from "../standin/workspace/child-process.ts";
import { freePort } from "../test/browser/support/local-worker.ts";

export interface BenchWorker {
  origin: string;
  output(): string;
  stop(): Promise<void>;
}

const root = resolve(import.meta.dirname, "..");
const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");

/** The offline switches of standin/workspace/worker-process.ts; no test-runner variables. */
const env = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$)/.test(key)),
  ),
  CI: "true",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  XDG_CONFIG_HOME: join(root, ".xdg"),
};

/** bench/fixtures/empty.worker.ts with the product's compatibility settings and nothing else. */
export function emptyWorkerConfig(): string {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const keep = toml
    .split("\n")
    .filter((l) => /^(compatibility_date|compatibility_flags|send_metrics)\b/.test(l));
  const main = JSON.stringify(join(root, "bench/fixtures/empty.worker.ts"));
  return [`name = "ohallo-bench-empty"`, `main = ${main}`, ...keep, ""].join("\n");
}

/** The product's bindings without its consumer, serving the ablation fixture (bench/fixtures/bindings.worker.ts). */
export function bindingsWorkerConfig(): string {
  const main = JSON.stringify(join(root, "bench/fixtures/bindings.worker.ts"));
  return productConfig({ consumer: false }).replace(/^main = .*$/m, `main = ${main}`);
}

/** The product's queue consumer settings, from its wrangler.toml. */
export function productQueue(): { batchTimeoutSeconds: number; maxBatchSize: number } {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  return {
    batchTimeoutSeconds: Number(/^max_batch_timeout\s*=\s*([\d.]+)/m.exec(toml)?.[1] ?? Number.NaN),
    maxBatchSize: Number(/^max_batch_size\s*=\s*(\d+)/m.exec(toml)?.[1] ?? Number.NaN),
  };
}

/**
 * The product's wrangler.toml with absolute paths, changed for one measurement: without the queue
 * consumer and the cron (`consumer: false`: the webhook route alone, as in production, where the
 * consumer has invocations of its own), or with another `max_batch_timeout`.
 */
export function productConfig(opts: { consumer: boolean; batchTimeoutSeconds?: number }): string {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const dropped = /^\[\[queues\.consumers\]\]|^\[triggers\]/;
  const sections = toml.split(/\n(?=\[)/).filter((s) => opts.consumer || !dropped.test(s));
  let out = sections
    .join("\n")
    .replace(/^main = "(.*)"$/m, (_, p: string) => `main = ${JSON.stringify(join(root, p))}`)
    .replace(
      /^migrations_dir = "(.*)"$/m,
      (_, p: string) => `migrations_dir = ${JSON.stringify(join(root, p))}`,
    );
  if (opts.batchTimeoutSeconds !== undefined) {
    out = out.replace(/^max_batch_timeout\s*=.*$/m, `max_batch_timeout = ${opts.batchTimeoutSeconds}`);
  }
  const consumers = /consumers/.test(out);
  const timeout = opts.batchTimeoutSeconds ?? productQueue().batchTimeoutSeconds;
  if (
    consumers !== opts.consumer ||
    !out.includes(root) ||
    (consumers && !out.includes(`max_batch_timeout = ${timeout}`))
  ) {
    throw new Error("bench: could not derive a config from wrangler.toml");
  }
  return out;
}

export async function startWrangler(opts: {
  config: string;
  vars?: Record<string, string>;
  migrate?: boolean;
  readyPath: string;
  timeoutMs?: number;
}): Promise<BenchWorker> {
  const dir = mkdtempSync(join(tmpdir(), "ohallo-bench-worker-"));
  const config = join(dir, "wrangler.toml");
  const state = join(dir, "state");
  writeFileSync(config, opts.config);
  if (opts.migrate) {
    const args = [
      wrangler,
      "d1",
      "migrations",
      "apply",
      "DB",
      "--local",
      "--config",
      config,
      "--persist-to",
      state,
    ];
    const r = spawnSync(process.execPath, args, { cwd: dir, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`bench: D1 migrations failed:\n${r.stdout}\n${r.stderr}`);
  }
  const port = await freePort();
  const args = [wrangler, "dev", "--config", config, "--ip", "127.0.0.1", "--port", String(port)];
  args.push("--persist-to", state, "--show-interactive-dev-session=false");
  args.push("--inspector-port", String(await freePort()));
  for (const [key, value] of Object.entries(opts.vars ?? {})) args.push("--var", `${key}:${value}`);
  const worker = spawnGroup(args, { cwd: dir, env });
  const { output, running } = worker;
  const stop = async () => {
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (Date.now() < deadline && running()) {
    try {
      if ((await fetch(`${origin}${opts.readyPath}`)).ok) return { origin, output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`bench: the Worker did not start:\n${output().slice(-2000)}`);
}
