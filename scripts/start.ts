// `npm start`: the whole product on this machine with no Zendesk account and no
// model key. Applies the D1 migrations, starts the Zendesk stand-in and the
// Worker (wrangler dev: real workerd, local D1 and queue), seeds the demo shop,
// and prints one URL. Ctrl-C stops everything.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { startZendeskStandin } from "../standin/zendesk/server.ts";
import { seedDemo } from "./seed-demo.ts";

const WORKER_PORT = Number(process.env.PORT ?? 8787);
const STANDIN_PORT = Number(process.env.ZENDESK_STANDIN_PORT ?? 8788);
const worker = `http://127.0.0.1:${WORKER_PORT}`;

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  XDG_CONFIG_HOME: `${process.cwd()}/.xdg`,
};

const DEMO_VARS: Record<string, string> = {
  ZENDESK_API_ORIGIN: `http://127.0.0.1:${STANDIN_PORT}`,
  ZENDESK_EMAIL: "ai@nordlys.example",
  ZENDESK_API_TOKEN: "local-token",
  ZENDESK_OAUTH_TOKEN: "",
  ZENDESK_WEBHOOK_SECRET: "local-webhook-secret",
  ZENDESK_AI_AGENT_ID: "900001",
  APP_API_SECRET: "local-app-secret",
  OPENAI_API_KEY: process.env.OPENAI_API_KEY ?? "",
  OPENAI_BASE_URL: process.env.OPENAI_BASE_URL ?? "",
  OPENAI_MODEL: process.env.OPENAI_MODEL ?? "",
};

/** .dev.vars is the developer's; we write it only when it does not exist. */
function devVars(): Record<string, string> {
  if (!existsSync(".dev.vars")) {
    writeFileSync(
      ".dev.vars",
      `${Object.entries(DEMO_VARS)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n")}\n`,
    );
  }
  const vars: Record<string, string> = {};
  for (const line of readFileSync(".dev.vars", "utf8").split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m?.[1]) vars[m[1]] = m[2] ?? "";
  }
  return vars;
}

const vars = devVars();
const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local"], {
  env: { ...env, CI: "true" },
  stdio: "inherit",
});
if (migrate.status !== 0) {
  console.error("Applying the D1 migrations failed; see above.");
  process.exit(1);
}

const standin = await startZendeskStandin({
  port: STANDIN_PORT,
  email: vars.ZENDESK_EMAIL ?? "ai@nordlys.example",
  apiToken: vars.ZENDESK_API_TOKEN ?? "local-token",
  apiUser: { id: Number(vars.ZENDESK_AI_AGENT_ID ?? 900001), name: "oHallo AI" },
  webhook: {
    url: `${worker}/webhooks/zendesk`,
    secret: vars.ZENDESK_WEBHOOK_SECRET ?? "local-webhook-secret",
  },
});

const wrangler = spawn("npx", ["wrangler", "dev", "--port", String(WORKER_PORT), "--ip", "127.0.0.1"], {
  env,
  stdio: ["ignore", "inherit", "inherit"],
});

async function stop(code = 0) {
  wrangler.kill("SIGTERM");
  await standin.close();
  process.exit(code);
}
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
wrangler.once("exit", (code) => {
  console.error(`wrangler dev exited (${code}).`);
  void stop(code ?? 1);
});

async function waitForWorker(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${worker}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the Worker did not start within 60 s");
}

await waitForWorker();
const seeded = await seedDemo({ worker, secret: vars.APP_API_SECRET ?? "", standin: standin.origin });
console.log(`
  oHallo for Zendesk is running locally.

    Worker (real workerd, local D1 + queue):  ${worker}
    Zendesk stand-in (Support API):           ${standin.origin}
    Drafter: ${vars.OPENAI_API_KEY ? "OpenAI" : "offline (no OPENAI_API_KEY)"}
    Seeded: ${seeded}

  Open ${worker}/healthz, or call the API with "Authorization: Bearer ${vars.APP_API_SECRET === DEMO_VARS.APP_API_SECRET ? vars.APP_API_SECRET : "<APP_API_SECRET from .dev.vars>"}".
  Ctrl-C stops everything.
`);
