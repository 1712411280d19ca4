// Runs the real Worker locally: applies the D1 migrations to a persist directory, then
// `wrangler dev` (real workerd, local D1 and queue) with the given vars, over https with a local
// certificate when given one (local-tls.ts). Shared by `npm start`, the browser tests and the
// benchmarks. Stops only the process group it started.
import { type ChildProcess, execFile, spawnSync } from "node:child_process";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { spawnGroup } from "./child-process.ts";
import { LOCAL_WORKER_HOST, type LocalCertificate, trustedWith, writeLocalCertificate } from "./local-tls.ts";

export interface WorkerProcess {
  origin: string;
  /** What wrangler printed so far, for failure messages. */
  output(): string;
  /** Settles when wrangler exits, whoever stopped it (its exit code, or null on a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface WorkerProcessOptions {
  /** The Worker's vars and secrets (contract names); they override .dev.vars. */
  vars: Record<string, string>;
  /** Where the local D1 and queue live (`--persist-to`). */
  persistDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Sees wrangler's output as it comes (it is also kept for `output()`). */
  onOutput?: (text: string) => void;
  timeoutMs?: number;
  /**
   * Serve https with this certificate (`--local-protocol https`), at `https://localhost:{port}`;
   * plain http at 127.0.0.1 otherwise.
   */
  https?: LocalCertificate;
  /** A wrangler config file instead of the project's wrangler.toml (the bench's queue settings). */
  config?: string;
}

const root = resolve(import.meta.dirname, "../..");
const wranglerBin = join(root, "node_modules/wrangler/bin/wrangler.js");
/** A test runner's own variables (VITEST, NODE_ENV=test, ...) change how wrangler runs: leave them out. */
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$)/.test(key)),
);
/** Offline switches (../shared/reference/toolchain.md): no metrics, no update check, logs in the project. */
const env = {
  ...inherited,
  CI: "true",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  XDG_CONFIG_HOME: join(root, ".xdg"),
};

/** The Worker's vars and secrets (the contract's names) for a local installation against a Zendesk stand-in. */
export function localWorkerVars(o: {
  zendeskOrigin: string;
  email: string;
  apiToken: string;
  webhookSecret: string;
  aiAgentId: number;
  appSecret: string;
  openai?: { apiKey?: string; baseUrl?: string; model?: string } | undefined;
}): Record<string, string> {
  return {
    ZENDESK_API_ORIGIN: o.zendeskOrigin,
    ZENDESK_EMAIL: o.email,
    ZENDESK_API_TOKEN: o.apiToken,
    ZENDESK_OAUTH_TOKEN: "",
    ZENDESK_WEBHOOK_SECRET: o.webhookSecret,
    ZENDESK_AI_AGENT_ID: String(o.aiAgentId),
    APP_API_SECRET: o.appSecret,
    OPENAI_API_KEY: o.openai?.apiKey ?? "",
    OPENAI_BASE_URL: o.openai?.baseUrl ?? "",
    OPENAI_MODEL: o.openai?.model ?? "",
  };
}

/**
 * The Worker's vars for connected installations only (the real way: OAuth per account), against a
 * Zendesk stand-in that serves accounts at `{standin}/{subdomain}`. No default installation: the
 * ZENDESK_* variables of wrangler.toml and .dev.vars are blanked.
 */
export function connectedWorkerVars(o: {
  zendeskOrigin: string;
  publicOrigin: string;
  client: { identifier: string; secret: string };
  encryptionKey: string;
  appId: number;
  marketplace?: { name: string; organizationId: string; appId: string };
  openai?: { apiKey?: string; baseUrl?: string; model?: string } | undefined;
}): Record<string, string> {
  return {
    ZENDESK_SUBDOMAIN: "",
    ZENDESK_API_ORIGIN: "",
    ZENDESK_EMAIL: "",
    ZENDESK_API_TOKEN: "",
    ZENDESK_OAUTH_TOKEN: "",
    ZENDESK_WEBHOOK_SECRET: "",
    ZENDESK_AI_AGENT_ID: "",
    APP_API_SECRET: "",
    ZENDESK_OAUTH_CLIENT_ID: o.client.identifier,
    ZENDESK_OAUTH_CLIENT_SECRET: o.client.secret,
    ZENDESK_ORIGIN_TEMPLATE: `${o.zendeskOrigin}/{subdomain}`,
    PUBLIC_ORIGIN: o.publicOrigin,
    ENCRYPTION_KEY: o.encryptionKey,
    ZENDESK_APP_ID: String(o.appId),
    ZENDESK_MARKETPLACE_NAME: o.marketplace?.name ?? "",
    ZENDESK_MARKETPLACE_ORGANIZATION_ID: o.marketplace?.organizationId ?? "",
    ZENDESK_MARKETPLACE_APP_ID: o.marketplace?.appId ?? "",
    OPENAI_API_KEY: o.openai?.apiKey ?? "",
    OPENAI_BASE_URL: o.openai?.baseUrl ?? "",
    OPENAI_MODEL: o.openai?.model ?? "",
  };
}

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

/** `wrangler dev` does not apply migrations; this does, non-interactively. */
export function applyMigrations(persistDir: string): void {
  const migrate = spawnSync(
    process.execPath,
    [wranglerBin, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir],
    { cwd: root, env, encoding: "utf8" },
  );
  if (migrate.status !== 0) throw new Error(`D1 migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
}

/** Runs a read-only SQL query on the local D1 (for tests that check what the Worker stored). */
export function queryLocalD1<T>(persistDir: string, sql: string): Promise<T[]> {
  const args = [wranglerBin, "d1", "execute", "DB", "--local", "--persist-to", persistDir, "--json"];
  return new Promise((ok, fail) => {
    execFile(process.execPath, [...args, "--command", sql], { cwd: root, env }, (error, stdout, stderr) => {
      if (error) return fail(new Error(`d1 execute failed:\n${stdout}\n${stderr}`));
      const parsed = JSON.parse(stdout) as { results: T[] }[];
      ok(parsed[0]?.results ?? []);
    });
  });
}

/** One GET, answered 2xx or not; the local certificate trusted by this request alone. */
function healthy(url: string, ca: string[] | undefined): Promise<boolean> {
  return new Promise((ok) => {
    const get = url.startsWith("https:") ? httpsRequest : httpRequest;
    // A Worker that failed to build holds requests open: never wait on one for long.
    const req = get(url, { agent: false, timeout: 2_000, ...(ca ? { ca } : {}) }, (res) => {
      res.resume();
      ok((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300);
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", () => ok(false));
    req.end();
  });
}

async function waitForHealth(
  origin: string,
  ca: string[] | undefined,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output()}`);
    if (await healthy(`${origin}/healthz`, ca)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Worker did not answer /healthz within ${timeoutMs} ms:\n${output()}`);
}

export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  applyMigrations(options.persistDir);
  const port = options.port || (await freePort());
  const args = [wranglerBin, "dev", "--ip", "127.0.0.1", "--port", String(port)];
  args.push("--persist-to", options.persistDir, "--show-interactive-dev-session=false");
  args.push("--inspector-port", String(await freePort()));
  if (options.config) args.push("--config", options.config);
  if (options.https) {
    const { keyPath, certPath } = writeLocalCertificate(join(options.persistDir, "tls"), options.https);
    args.push("--local-protocol", "https", "--https-key-path", keyPath, "--https-cert-path", certPath);
  }
  for (const [key, value] of Object.entries(options.vars)) args.push("--var", `${key}:${value}`);
  const { child, output, exited, stop } = spawnGroup(args, {
    cwd: root,
    env,
    onOutput: options.onOutput,
    keepChars: 200_000,
  });
  const origin = options.https ? `https://${LOCAL_WORKER_HOST}:${port}` : `http://127.0.0.1:${port}`;
  const ca = options.https ? trustedWith([options.https.cert]) : undefined;
  try {
    await waitForHealth(origin, ca, child, output, options.timeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, output, exited, stop };
}
