// `npm start`: the whole product on this machine with no Zendesk account and no model key.
// Builds the app package for the local Worker if it is stale, then
// standin/workspace/local-product.ts starts the Zendesk stand-in, the Worker (real workerd, local
// D1 + queue, over https, connected installations only) and the agent workspace, and the seed
// creates two demo accounts and connects each the real way; prints one URL. Ctrl-C stops
// everything it started.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { buildLocalApp, LOCAL_APP_DIR, localAppIsStale } from "../standin/workspace/local-app.ts";
import { startLocalProduct } from "../standin/workspace/local-product.ts";
import { seedLocalDemo } from "./seed-demo.ts";

const root = resolve(import.meta.dirname, "..");

/** OPENAI_* from the environment, else from .dev.vars; the Zendesk settings are the stand-in's. */
function openaiSettings() {
  const file = join(root, ".dev.vars");
  const vars: Record<string, string> = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const m = /^(OPENAI_[A-Z_]+)=(.*)$/.exec(line.trim());
      if (m?.[1]) vars[m[1]] = (m[2] ?? "").replace(/^"(.*)"$/, "$1");
    }
  }
  const pick = (name: string) => process.env[name] || vars[name] || undefined;
  return { apiKey: pick("OPENAI_API_KEY"), baseUrl: pick("OPENAI_BASE_URL"), model: pick("OPENAI_MODEL") };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const server = createServer();
    server.once("error", () => ok(false));
    server.listen(port, "127.0.0.1", () => server.close(() => ok(true)));
  });
}

const ports = {
  worker: Number(process.env.PORT ?? 8787),
  standin: Number(process.env.ZENDESK_STANDIN_PORT ?? 8788),
  workspace: Number(process.env.WORKSPACE_PORT ?? 8789),
  app: Number(process.env.APP_ASSETS_PORT ?? 8790),
};
const names = {
  worker: "PORT",
  standin: "ZENDESK_STANDIN_PORT",
  workspace: "WORKSPACE_PORT",
  app: "APP_ASSETS_PORT",
};
for (const [part, port] of Object.entries(ports) as [keyof typeof ports, number][]) {
  if (!(await portIsFree(port))) {
    console.error(
      `Port ${port} is in use (another npm start?). Stop it, or set ${names[part]} to another port.`,
    );
    process.exit(1);
  }
}

if (localAppIsStale()) {
  console.log("Building the Zendesk app package for the local Worker (dist/local/app)…");
  await buildLocalApp();
}
const openai = openaiSettings();
console.log("Starting the Zendesk stand-in, the Worker (wrangler dev) and the workspace, then seeding…");

let product: { stop(): Promise<void> } | null = null;
let stopping = false;
/** Ctrl-C at any time: whatever started stops (the Worker's group also on exit, see worker-process.ts). */
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the workspace, the Worker and the Zendesk stand-in…");
  await product?.stop();
  process.exit(code);
}
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));

let live = false;
let early = "";
const prefix = (text: string) => text.replace(/^(?=.)/gm, "  worker │ ");
const started = await startLocalProduct({
  appDir: LOCAL_APP_DIR,
  persistDir: join(root, ".wrangler", "demo"),
  ports,
  openai,
  // Quiet until ready (shown if starting fails); then the Worker's log, webhooks and queue included.
  onWorkerOutput: (text) => {
    if (live) process.stdout.write(prefix(text));
    else early += text;
  },
  seed: seedLocalDemo,
}).catch((error: unknown) => {
  if (stopping) return process.exit(0);
  console.error(early);
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

product = started;
void started.worker.exited.then((code) => {
  if (stopping) return;
  console.error(`wrangler dev exited (${code}); stopping.`);
  void stop(1);
});

const accounts = started.seeded.accounts
  .map(
    (a) =>
      `      ${a.name.padEnd(14)} ${started.workspace.accountUrl(a.subdomain)}/views/ai\n` +
      `      ${"".padEnd(14)} ${a.summary}; installation ${a.installationId}, agents ${a.agents.map((g) => g.name).join(" and ")}`,
  )
  .join("\n");
console.log(`
  oHallo for Zendesk is running on this machine.

      Open  ${started.url}

  The agent workspace (a local stand-in for Zendesk's), with the real oHallo sidebar beside each
  ticket. Two Zendesk accounts, each connected to oHallo the real way (OAuth consent, its own
  webhook and api_secret); switch with "Account" at the top right:

${accounts}

  Worker (real workerd, local D1 + queue) at ${started.worker.origin} (https, a certificate made
  for this run); Zendesk stand-in at http://127.0.0.1:${ports.standin}/{subdomain}.
  Drafter: ${openai.apiKey ? `OpenAI-compatible model (${openai.model ?? "gpt-4o-mini"})` : "offline (no OPENAI_API_KEY): approved KB answers, word for word"}.
  Ctrl-C stops everything.
`);
live = true;
