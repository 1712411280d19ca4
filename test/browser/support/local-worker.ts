// Starts the real Worker for browser tests: applies the D1 migrations to a fresh local
// database, then runs `wrangler dev` (real workerd, local D1 and queue) on a free port.
// Only stops the processes it started (by their process group id).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface LocalWorker {
  origin: string;
  /** What wrangler printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const root = resolve(import.meta.dirname, "../../..");
const wranglerBin = join(root, "node_modules/wrangler/bin/wrangler.js");
/** The test runner's own variables (VITEST, NODE_ENV=test, ...) change how wrangler runs: leave them out. */
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$)/.test(key)),
);
const env = {
  ...inherited,
  CI: "true",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  XDG_CONFIG_HOME: join(root, ".xdg"),
};

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => ok(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForHealth(origin: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the Worker did not answer /healthz within ${timeoutMs} ms:\n${output()}`);
}

/** `vars` are the Worker's vars and secrets (contract names); empty values are passed as empty. */
export async function startLocalWorker(
  vars: Record<string, string>,
  timeoutMs = 60_000,
): Promise<LocalWorker> {
  const state = mkdtempSync(join(tmpdir(), "ohallo-worker-"));
  const migrate = spawnSync(
    process.execPath,
    [wranglerBin, "d1", "migrations", "apply", "DB", "--local", "--persist-to", state],
    { cwd: root, env, encoding: "utf8" },
  );
  if (migrate.status !== 0) throw new Error(`D1 migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

  const port = await freePort();
  const args = [wranglerBin, "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", state];
  args.push("--show-interactive-dev-session=false", "--inspector-port", String(await freePort()));
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    log += d.toString();
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((ok) => child.once("exit", ok));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5_000))]);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    }
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitForHealth(origin, child, () => log, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, output: () => log, stop };
}
