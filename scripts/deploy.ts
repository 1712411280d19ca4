// `npm run deploy`: checks what a deployment needs and names everything missing in one message,
// applies the D1 migrations remotely, deploys the Worker, checks it answers at its public origin,
// builds the Zendesk app package for that origin and prints the next steps (docs/deploy.md).
// `npm run deploy -- --dry-run` makes no Cloudflare call (CI runs it): wrangler's own dry run
// (bundle and bindings), the bundle's size and the app package.
//
// Wrangler is the project's own (node_modules/wrangler), run on this Node. The checks are pure
// functions over what wrangler reports (names of secrets, never their values), tested in
// test/unit/deploy/deploy.test.ts.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import {
  type BuildOptions,
  type BuildResult,
  buildApp,
  type DeploymentOrigin,
  describeOrigin,
  isLocalOrigin,
  parsePublicOrigin,
} from "./build-app.ts";

/** wrangler.toml's database_id until a real database is named there. */
export const PLACEHOLDER_DATABASE_ID = "00000000-0000-0000-0000-000000000000";
/** The Worker's rule for a Zendesk subdomain (worker/src/installations/installation.ts). */
const SUBDOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/;

// ---------------------------------------------------------------------------------------------
// What a deployment needs

/** Set by `npm run deploy` itself as plain variables (`--var`): never secrets, or the two clash. */
export const SET_BY_DEPLOY = ["PUBLIC_ORIGIN", "ZENDESK_SUBDOMAIN"] as const;
/** Connected installations (OAuth): needed as soon as ZENDESK_OAUTH_CLIENT_ID is set. */
export const CONNECT_SECRETS = [
  "ZENDESK_OAUTH_CLIENT_ID",
  "ZENDESK_OAUTH_CLIENT_SECRET",
  "ENCRYPTION_KEY",
  "ZENDESK_APP_ID",
] as const;
/** Sent as X-Zendesk-Marketplace-* on every request to Zendesk: all three or none. */
export const MARKETPLACE_SECRETS = [
  "ZENDESK_MARKETPLACE_NAME",
  "ZENDESK_MARKETPLACE_ORGANIZATION_ID",
  "ZENDESK_MARKETPLACE_APP_ID",
] as const;
/** The default installation (one account you own), besides its credentials. */
export const DEFAULT_SECRETS = ["ZENDESK_WEBHOOK_SECRET", "ZENDESK_AI_AGENT_ID", "APP_API_SECRET"] as const;
/** For development and tests only: in production they would send Zendesk calls elsewhere. */
export const DEVELOPMENT_ONLY = ["ZENDESK_API_ORIGIN", "ZENDESK_ORIGIN_TEMPLATE"] as const;

/** Where each value comes from, said next to the command that sets it. */
export const WHERE_FROM: Record<string, string> = {
  ZENDESK_OAUTH_CLIENT_ID:
    "the OAuth client's unique identifier (the Marketplace's global client from Zendesk starts with zdg-)",
  ZENDESK_OAUTH_CLIENT_SECRET: "that OAuth client's secret",
  ENCRYPTION_KEY: "openssl rand -base64 32; keep a copy: stored tokens cannot be read without it",
  ZENDESK_APP_ID: "the app's id in Zendesk: app_id of your app in GET /api/v2/apps/installations.json",
  ZENDESK_MARKETPLACE_NAME: "your app's Marketplace name, from Zendesk",
  ZENDESK_MARKETPLACE_ORGANIZATION_ID: "your Marketplace organization id, from Zendesk",
  ZENDESK_MARKETPLACE_APP_ID: "your app's Marketplace app id, from Zendesk",
  ZENDESK_WEBHOOK_SECRET: "the signing secret of the webhook you create to {origin}/webhooks/zendesk",
  ZENDESK_AI_AGENT_ID: "the id of the Zendesk agent the AI replies as",
  APP_API_SECRET: "openssl rand -hex 32; the same value goes into the app's API secret setting",
  ZENDESK_OAUTH_TOKEN: "an admin's OAuth access token (the Worker does not renew it)",
  ZENDESK_EMAIL: "the email of the admin whose API token it is",
  ZENDESK_API_TOKEN: "that admin's API token (Zendesk switches the last ones off on 2027-04-30)",
};

export interface Mode {
  /** Connected installations: the Worker has an OAuth client. */
  connect: boolean;
  /** The default installation: one account described by the Worker's variables. */
  default: boolean;
}

/** The Worker's own rule (worker/src/config.ts): an OAuth client means connected installations;
 * the default installation is there without one, or with one when a subdomain is given. */
export function modeFor(secrets: readonly string[], subdomain: string | null): Mode {
  const connect = secrets.includes("ZENDESK_OAUTH_CLIENT_ID");
  return { connect, default: !connect || subdomain !== null };
}

export function describeMode(mode: Mode, subdomain: string | null): string {
  const parts: string[] = [];
  if (mode.connect) parts.push("connected accounts (OAuth: each account connects itself)");
  if (mode.default && subdomain) parts.push(`the default installation for ${subdomain}.zendesk.com`);
  return parts.length ? parts.join(" and ") : "nothing yet (no OAuth client, no --subdomain)";
}

export interface Problem {
  /** What is missing or wrong, in one sentence. */
  what: string;
  /** How to fix it: commands or sentences, one a line. */
  fix: string[];
}

const put = (name: string, origin: string | null) =>
  `npx wrangler secret put ${name}   # ${(WHERE_FROM[name] ?? "").replace("{origin}", origin ?? "<origin>")}`;

/** Problems with the Worker's secrets (names only: values cannot be read back) and notes that
 * do not block a deployment. */
export function secretProblems(
  secrets: readonly string[],
  subdomain: string | null,
  origin: string | null,
): { problems: Problem[]; notes: string[] } {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const has = (name: string) => secrets.includes(name);
  const missing = (names: readonly string[]) => names.filter((n) => !has(n));

  for (const name of SET_BY_DEPLOY.filter(has)) {
    const flag = name === "PUBLIC_ORIGIN" ? "--public-origin" : "--subdomain";
    problems.push({
      what: `${name} is a secret of the Worker, but npm run deploy sets it from ${flag}: the two would clash.`,
      fix: [`npx wrangler secret delete ${name}`],
    });
  }
  const mode = modeFor(secrets, subdomain);
  if (!mode.connect && subdomain === null) {
    problems.push({
      what: "Which Zendesk accounts does this Worker serve? It has no OAuth client and no --subdomain was given.",
      fix: [
        "Many accounts (the Marketplace): give it an OAuth client and what connecting needs:",
        ...CONNECT_SECRETS.map((n) => `  ${put(n, origin)}`),
        "One account you own (the default installation): npm run deploy -- --subdomain <subdomain> … with:",
        ...DEFAULT_SECRETS.map((n) => `  ${put(n, origin)}`),
        `  ${put("ZENDESK_OAUTH_TOKEN", origin)}`,
        "See docs/deploy.md for both.",
      ],
    });
    return { problems, notes };
  }
  if (mode.connect) {
    const absent = missing(CONNECT_SECRETS);
    if (absent.length)
      problems.push({
        what: `Connecting accounts needs ${absent.join(", ")}.`,
        fix: absent.map((n) => put(n, origin)),
      });
    const market = missing(MARKETPLACE_SECRETS);
    if (market.length === MARKETPLACE_SECRETS.length)
      notes.push(
        "No ZENDESK_MARKETPLACE_* values: requests to Zendesk carry no X-Zendesk-Marketplace-* headers. " +
          "Fine for an OAuth client of your own account; a Marketplace app must send them.",
      );
    else if (market.length)
      problems.push({
        what: `The Marketplace headers need all three values; ${market.join(", ")} ${market.length > 1 ? "are" : "is"} missing (the Worker sends none of them until all are set).`,
        fix: market.map((n) => put(n, origin)),
      });
  }
  if (mode.default) {
    const absent: string[] = missing(DEFAULT_SECRETS);
    const auth = has("ZENDESK_OAUTH_TOKEN") || (has("ZENDESK_EMAIL") && has("ZENDESK_API_TOKEN"));
    const fix = absent.map((n) => put(n, origin));
    if (!auth) {
      absent.push("ZENDESK_OAUTH_TOKEN (or ZENDESK_EMAIL and ZENDESK_API_TOKEN)");
      fix.push(put("ZENDESK_OAUTH_TOKEN", origin), "  or, while API tokens last:");
      fix.push(`  ${put("ZENDESK_EMAIL", origin)}`, `  ${put("ZENDESK_API_TOKEN", origin)}`);
    }
    if (absent.length)
      problems.push({
        what: `The default installation (${subdomain ?? "no --subdomain"}) needs ${absent.join(", ")}.`,
        fix,
      });
    if (has("ZENDESK_API_TOKEN") && !has("ZENDESK_OAUTH_TOKEN"))
      notes.push(
        "The default installation signs in with an API token: Zendesk switches the last ones off on " +
          "2027-04-30 (docs/deploy.md says what to move to).",
      );
  }
  for (const name of DEVELOPMENT_ONLY.filter(has))
    notes.push(`${name} is set: it is for development and tests, and sends Zendesk calls elsewhere.`);
  if (!has("OPENAI_API_KEY"))
    notes.push("No OPENAI_API_KEY: the offline drafter answers (approved KB answers only).");
  return { problems, notes };
}

export interface WranglerConfig {
  name: string;
  databaseName: string;
  databaseId: string;
  queue: string;
  /** Every D1 binding (`DB`, and `DB_<name>` once installations spread over databases: decision 007). */
  databases: string[];
}

/** The few values of wrangler.toml a deployment needs (its layout is the project's own). */
export function readWranglerConfig(toml: string): WranglerConfig {
  const value = (key: string) => {
    const m = new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, "m").exec(toml);
    if (!m?.[1]) throw new Error(`wrangler.toml: no ${key} found`);
    return m[1];
  };
  return {
    name: value("name"),
    databaseName: value("database_name"),
    databaseId: value("database_id"),
    queue: value("queue"),
    databases: [...toml.matchAll(/\[\[d1_databases\]\][^[]*?^\s*binding\s*=\s*"([^"]+)"/gm)].map(
      (m) => m[1] ?? "",
    ),
  };
}

/** wrangler.toml with the placeholder database_id replaced by a real one. */
export function withDatabaseId(toml: string, id: string): string {
  const line = `database_id = "${PLACEHOLDER_DATABASE_ID}"`;
  if (!toml.includes(line)) throw new Error("wrangler.toml: no placeholder database_id to replace");
  return toml.replace(line, `database_id = "${id}"`);
}

/** What wrangler reported about the Cloudflare account. */
export interface Facts {
  auth: { loggedIn: boolean; accounts: number; accountChosen: boolean };
  config: WranglerConfig;
  /** The account's D1 databases. */
  databases: { name: string; uuid: string }[];
  queueExists: boolean;
  secrets: string[];
  origin: DeploymentOrigin | null;
  /** Why the origin was refused, when it was. */
  originError: string | null;
  subdomain: string | null;
}

/** Everything that stops a deployment, plus notes that do not. */
export function checkPrerequisites(f: Facts): { problems: Problem[]; notes: string[] } {
  const problems: Problem[] = [];
  if (f.originError)
    problems.push({ what: `The public origin is not usable: ${f.originError}.`, fix: originFix(f.config) });
  else if (!f.origin)
    problems.push({ what: "The Worker's public origin is not given.", fix: originFix(f.config) });
  else if (isLocalOrigin(f.origin))
    problems.push({
      what: `${f.origin.origin} is this machine: a deployment needs the Worker's public https origin.`,
      fix: originFix(f.config),
    });
  else if (f.origin.host.endsWith(".workers.dev") && f.origin.host.split(".")[0] !== f.config.name)
    problems.push({
      what: `${f.origin.host} is not the Worker ${f.config.name} (wrangler.toml's name) on workers.dev.`,
      fix: [`Use https://${f.config.name}.<your workers.dev subdomain>.workers.dev, or rename the Worker.`],
    });

  if (!f.auth.loggedIn) {
    problems.push({
      what: "Wrangler is not logged in to Cloudflare.",
      fix: [
        "npx wrangler login   # on a machine with a browser",
        "or set CLOUDFLARE_API_TOKEN (a token allowed to edit Workers scripts, D1 and Queues)",
        "and CLOUDFLARE_ACCOUNT_ID (the account to deploy to).",
      ],
    });
    return { problems, notes: [] };
  }
  if (f.auth.accounts > 1 && !f.auth.accountChosen)
    problems.push({
      what: `This login reaches ${f.auth.accounts} Cloudflare accounts and none is chosen.`,
      fix: ["Set CLOUDFLARE_ACCOUNT_ID, or account_id in wrangler.toml (npx wrangler whoami lists them)."],
    });

  const { databaseName, databaseId, queue } = f.config;
  if (databaseId === PLACEHOLDER_DATABASE_ID) {
    const existing = f.databases.find((d) => d.name === databaseName);
    problems.push({
      what: "wrangler.toml's D1 database_id is still the placeholder.",
      fix: existing
        ? [
            `The account has a database ${databaseName} (${existing.uuid}): put database_id = "${existing.uuid}" in wrangler.toml,`,
            "or run npm run deploy -- --create, which writes it.",
          ]
        : [
            `npx wrangler d1 create ${databaseName}   # then put its database_id in wrangler.toml`,
            "or run npm run deploy -- --create, which does both.",
          ],
    });
  } else if (!f.databases.some((d) => d.uuid === databaseId))
    problems.push({
      what: `wrangler.toml's database_id ${databaseId} is not a D1 database of this account.`,
      fix: ["npx wrangler d1 list   # the account's databases; npx wrangler whoami shows the account"],
    });
  if (!f.queueExists)
    problems.push({
      what: `The queue ${queue} does not exist.`,
      fix: [`npx wrangler queues create ${queue}`, "or run npm run deploy -- --create."],
    });

  const secrets = secretProblems(f.secrets, f.subdomain, f.origin?.origin ?? null);
  return { problems: [...problems, ...secrets.problems], notes: secrets.notes };
}

function originFix(config: WranglerConfig): string[] {
  return [
    `npm run deploy -- --public-origin https://${config.name}.<your workers.dev subdomain>.workers.dev`,
    "(or OHALLO_PUBLIC_ORIGIN). The workers.dev subdomain is in the dashboard (Workers & Pages);",
    "a custom domain works too once it is routed to the Worker (docs/deploy.md).",
  ];
}

/** All problems as one message. */
export function formatProblems(problems: Problem[]): string {
  const lines = [
    `Not deployed: ${problems.length === 1 ? "one thing" : `${problems.length} things`} to do first.`,
  ];
  problems.forEach((p, i) => {
    lines.push("", `${i + 1}. ${p.what}`, ...p.fix.map((l) => `   ${l}`));
  });
  lines.push("", "Nothing was deployed. Run npm run deploy again once these are done.");
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Options

export interface DeployOptions {
  dryRun: boolean;
  create: boolean;
  /** The raw --public-origin or OHALLO_PUBLIC_ORIGIN, checked later (a problem, not a crash). */
  publicOrigin: string | null;
  subdomain: string | null;
  /** Where the dry run writes the bundle. */
  outDir: string;
  help: boolean;
}

export const USAGE = `npm run deploy -- [options]

  --public-origin <url>  the Worker's public origin, e.g. https://ohallo-zendesk.acme.workers.dev
                         (or env OHALLO_PUBLIC_ORIGIN); the app package is built for it
  --subdomain <name>     serve one Zendesk account you own as the default installation, e.g.
                         acme for acme.zendesk.com (or env OHALLO_ZENDESK_SUBDOMAIN); with an
                         OAuth client the Worker serves connected accounts besides it
  --create               create the D1 database (its id is written into wrangler.toml) and the
                         queue when they are missing
  --dry-run              no Cloudflare calls: wrangler's dry run, the bundle's size, the app package
  --outdir <dir>         where the dry run writes the bundle (default dist/worker)

The guide: docs/deploy.md.`;

export function parseOptions(argv: string[], env: Record<string, string | undefined>): DeployOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      "dry-run": { type: "boolean", default: false },
      create: { type: "boolean", default: false },
      "public-origin": { type: "string" },
      subdomain: { type: "string" },
      outdir: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const subdomain = (values.subdomain ?? env.OHALLO_ZENDESK_SUBDOMAIN ?? "").trim().toLowerCase();
  if (subdomain && !SUBDOMAIN.test(subdomain))
    throw new Error(`--subdomain ${subdomain}: give the subdomain alone, like acme for acme.zendesk.com`);
  const origin = (values["public-origin"] ?? env.OHALLO_PUBLIC_ORIGIN ?? "").trim();
  return {
    dryRun: values["dry-run"] ?? false,
    create: values.create ?? false,
    publicOrigin: origin || null,
    subdomain: subdomain || null,
    outDir: values.outdir ?? "dist/worker",
    help: values.help ?? false,
  };
}

/** The plain variables the deployment gets: they override wrangler.toml's development [vars]. */
export function deployVars(origin: DeploymentOrigin | null, subdomain: string | null): string[] {
  return [
    ...(origin ? ["--var", `PUBLIC_ORIGIN:${origin.origin}`] : []),
    // Empty: no default installation (wrangler.toml's ZENDESK_SUBDOMAIN is the local demo's).
    "--var",
    `ZENDESK_SUBDOMAIN:${subdomain ?? ""}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Running it

export interface Deps {
  root: string;
  /** Runs the project's wrangler; `interactive` hands it the terminal (prompts, progress). */
  wrangler(args: string[], interactive?: boolean): Promise<{ code: number; out: string }>;
  build(options: BuildOptions): Promise<BuildResult>;
  fetch: typeof fetch;
  log(text: string): void;
  env: Record<string, string | undefined>;
  /** Waits between checks of a fresh deployment (tests pass a no-op). */
  sleep(ms: number): Promise<void>;
}

/** The JSON in wrangler's output (it may print warnings before it), or null. */
export function jsonIn(out: string): unknown {
  const end = Math.max(out.lastIndexOf("}"), out.lastIndexOf("]"));
  // The JSON starts a line; a warning line like "▲ [WARNING] …" does not parse.
  for (const m of out.matchAll(/^\s*[[{]/gm)) {
    try {
      return JSON.parse(out.slice(m.index, end + 1));
    } catch {
      // not this line
    }
  }
  return null;
}

async function gatherFacts(
  opts: DeployOptions,
  deps: Deps,
  config: WranglerConfig,
  origin: { value: DeploymentOrigin | null; error: string | null },
): Promise<Facts> {
  const facts: Facts = {
    auth: { loggedIn: false, accounts: 0, accountChosen: false },
    config,
    databases: [],
    queueExists: false,
    secrets: [],
    origin: origin.value,
    originError: origin.error,
    subdomain: opts.subdomain,
  };
  const who = jsonIn((await deps.wrangler(["whoami", "--json"])).out) as {
    loggedIn?: boolean;
    accounts?: unknown[];
  } | null;
  facts.auth = {
    loggedIn: who?.loggedIn === true,
    accounts: who?.accounts?.length ?? 0,
    accountChosen: Boolean(deps.env.CLOUDFLARE_ACCOUNT_ID) || /^\s*account_id\s*=/m.test(readToml(deps)),
  };
  if (!facts.auth.loggedIn) return facts;

  facts.databases = await listDatabases(deps);
  if (config.databaseId === PLACEHOLDER_DATABASE_ID && opts.create) {
    let db = facts.databases.find((d) => d.name === config.databaseName);
    if (!db) {
      deps.log(`Creating the D1 database ${config.databaseName}…`);
      const made = await deps.wrangler(["d1", "create", config.databaseName]);
      if (made.code !== 0) throw new Error(`wrangler d1 create failed:\n${made.out}`);
      facts.databases = await listDatabases(deps);
      db = facts.databases.find((d) => d.name === config.databaseName);
    }
    if (db) {
      writeFileSync(join(deps.root, "wrangler.toml"), withDatabaseId(readToml(deps), db.uuid));
      facts.config = { ...config, databaseId: db.uuid };
      deps.log(`wrangler.toml: database_id = "${db.uuid}" (commit this change).`);
    }
  }

  const queue = await deps.wrangler(["queues", "info", config.queue]);
  facts.queueExists = queue.code === 0;
  if (!facts.queueExists && !/does not exist/i.test(queue.out))
    throw new Error(`wrangler queues info failed:\n${queue.out}`);
  if (!facts.queueExists && opts.create) {
    deps.log(`Creating the queue ${config.queue}…`);
    const made = await deps.wrangler(["queues", "create", config.queue]);
    if (made.code !== 0) throw new Error(`wrangler queues create failed:\n${made.out}`);
    facts.queueExists = true;
  }

  const listed = await deps.wrangler(["secret", "list", "--format", "json"]);
  const secrets = jsonIn(listed.out);
  if (Array.isArray(secrets))
    facts.secrets = secrets.flatMap((s) => (typeof s?.name === "string" ? [s.name as string] : []));
  else if (!/not found/i.test(listed.out)) throw new Error(`wrangler secret list failed:\n${listed.out}`);
  // "not found": the Worker does not exist yet; `wrangler secret put` creates it.
  return facts;
}

async function listDatabases(deps: Deps): Promise<{ name: string; uuid: string }[]> {
  const listed = await deps.wrangler(["d1", "list", "--json"]);
  const dbs = jsonIn(listed.out);
  if (!Array.isArray(dbs)) throw new Error(`wrangler d1 list failed:\n${listed.out}`);
  return dbs.flatMap((d) => (typeof d?.uuid === "string" ? [{ name: String(d.name), uuid: d.uuid }] : []));
}

const readToml = (deps: Deps) => readFileSync(join(deps.root, "wrangler.toml"), "utf8");

interface Check {
  what: string;
  ok: boolean;
  detail: string;
}

/** Asks the deployed Worker, at its public origin, whether its configuration holds. */
export async function verifyDeployment(origin: string, mode: Mode, fetchFn: typeof fetch): Promise<Check[]> {
  const ask = async (path: string) => {
    try {
      const res = await fetchFn(`${origin}${path}`, { signal: AbortSignal.timeout(10_000) });
      const body = (await res.json().catch(() => ({}))) as { error?: unknown };
      return { status: res.status, error: typeof body.error === "string" ? body.error : "" };
    } catch (e) {
      return { status: 0, error: e instanceof Error ? e.message : String(e) };
    }
  };
  const checks: Check[] = [];
  const health = await ask("/healthz");
  checks.push({
    what: "GET /healthz",
    ok: health.status === 200,
    detail: health.status === 200 ? "200" : `${health.status || "no answer"} ${health.error}`.trim(),
  });
  // Without a secret the API answers 401 once the configuration parsed, 500 naming what is missing.
  const api = await ask("/api/installation");
  checks.push({
    what: "the configuration (GET /api/installation without a secret)",
    ok: api.status === 401,
    detail: api.status === 401 ? "401, as it should" : `${api.status || "no answer"} ${api.error}`.trim(),
  });
  if (mode.connect) {
    const connect = await ask("/connect/zendesk");
    checks.push({
      what: "connecting (GET /connect/zendesk without a subdomain)",
      ok: connect.status === 400,
      detail:
        connect.status === 400 ? "400, as it should" : `${connect.status || "no answer"} ${connect.error}`,
    });
  }
  return checks;
}

export function nextSteps(mode: Mode, origin: string, subdomain: string | null): string[] {
  const lines = ["", "Next steps"];
  let n = 0;
  const step = (text: string, ...more: string[]) =>
    lines.push(`${++n}. ${text}`, ...more.map((m) => `   ${m}`));
  if (mode.default && subdomain)
    step(
      `The webhook of ${subdomain}.zendesk.com: if not done yet, create it to ${origin}/webhooks/zendesk`,
      "and put its signing secret with npx wrangler secret put ZENDESK_WEBHOOK_SECRET (docs/deploy.md).",
    );
  if (mode.connect)
    step(
      `The OAuth client's redirect URL must be exactly ${origin}/connect/zendesk/callback`,
      "(the global client: in your request to Zendesk; a client of your own account: Admin Center >",
      "Apps and integrations > APIs > OAuth clients).",
    );
  step(
    "The app package (dist/app): npx zcli login -i, then npx zcli apps:package dist/app",
    "(Zendesk validates it; the zip lands in dist/app/tmp/). For the Marketplace, submit that zip;",
    "for your own account, npx zcli apps:create dist/app (later: ZENDESK_APP_ID=<id> npx zcli apps:update dist/app).",
  );
  if (mode.connect) {
    step("Install the app in a Zendesk account; its backend URL is filled in, leave the API secret empty.");
    step(
      "Connect: an admin of that account opens oHallo > Connection > Connect (or",
      `${origin}/connect/zendesk?subdomain=<subdomain>) and approves.`,
    );
  } else
    step(
      "Install the app: its backend URL is filled in; enter the Worker's APP_API_SECRET as its API secret.",
    );
  step("Check: oHallo > Connection lists the token, the webhook and the views, each ticked.");
  return lines;
}

export async function deploy(opts: DeployOptions, deps: Deps): Promise<number> {
  const config = readWranglerConfig(readToml(deps));
  let origin: DeploymentOrigin | null = null;
  let originError: string | null = null;
  if (opts.publicOrigin) {
    try {
      origin = parsePublicOrigin(opts.publicOrigin);
    } catch (e) {
      originError = e instanceof Error ? e.message : String(e);
    }
  }
  if (opts.dryRun) return dryRun(opts, deps, config, origin, originError);

  deps.log(`Deploying ${config.name} (D1 ${config.databaseName}, queue ${config.queue}).`);
  const facts = await gatherFacts(opts, deps, config, { value: origin, error: originError });
  const { problems, notes } = checkPrerequisites(facts);
  if (problems.length) {
    deps.log(formatProblems(problems));
    return 1;
  }
  const mode = modeFor(facts.secrets, opts.subdomain);
  deps.log(`Serving ${describeMode(mode, opts.subdomain)}.`);
  for (const note of notes) deps.log(`Note: ${note}`);
  // Checked above: a public https origin.
  const target = origin as DeploymentOrigin;

  // Every database that holds installations' rows gets the same schema (decision 007).
  for (const binding of config.databases) {
    deps.log(`\nApplying the D1 migrations to ${binding} (remote)…`);
    if ((await deps.wrangler(["d1", "migrations", "apply", binding, "--remote"], true)).code !== 0) {
      deps.log("The migrations failed (wrangler says why above); nothing was deployed.");
      return 1;
    }
  }
  deps.log("\nDeploying the Worker…");
  if ((await deps.wrangler(["deploy", ...deployVars(target, opts.subdomain)], true)).code !== 0) {
    deps.log(
      "wrangler deploy failed (it says why above). The migrations are applied and the previous code " +
        "still runs against them: fix the cause and run npm run deploy again soon.",
    );
    return 1;
  }

  deps.log(`\nChecking the Worker at ${target.origin}…`);
  let checks: Check[] = [];
  // A new workers.dev route or custom domain can take a little while to answer.
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt) await deps.sleep(5_000);
    checks = await verifyDeployment(target.origin, mode, deps.fetch);
    if (checks.every((c) => c.ok)) break;
  }
  for (const c of checks) deps.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.what}: ${c.detail}`);
  if (!checks.every((c) => c.ok)) {
    deps.log(
      "\nThe Worker is deployed but does not answer as it should at that origin; the app package was not built.\n" +
        "A wrong --public-origin, a custom domain not yet routed, or a configuration error (named above).",
    );
    return 1;
  }

  const built = await deps.build({ publicOrigin: target.origin });
  deps.log(`\nZendesk app package: ${relative(deps.root, built.outDir) || built.outDir}`);
  deps.log(describeOrigin(built.origin));
  for (const line of nextSteps(mode, target.origin, opts.subdomain)) deps.log(line);
  return 0;
}

async function dryRun(
  opts: DeployOptions,
  deps: Deps,
  config: WranglerConfig,
  origin: DeploymentOrigin | null,
  originError: string | null,
): Promise<number> {
  deps.log(
    `Dry run of ${config.name} (D1 ${config.databaseName}, queue ${config.queue}): no Cloudflare calls.`,
  );
  if (originError) {
    deps.log(`The public origin is not usable: ${originError}.`);
    return 1;
  }
  const outDir = resolve(deps.root, opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const result = await deps.wrangler(
    ["deploy", "--dry-run", "--outdir", outDir, ...deployVars(origin, opts.subdomain)],
    true,
  );
  if (result.code !== 0) {
    deps.log("wrangler's dry run failed (it says why above).");
    return 1;
  }
  const bundle = readFileSync(join(outDir, "index.js"));
  const mib = (n: number) =>
    n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KiB` : `${(n / 1024 / 1024).toFixed(2)} MiB`;
  deps.log(
    `\nWorker bundle: ${relative(deps.root, join(outDir, "index.js"))}, ${mib(bundle.length)}, ` +
      `${mib(gzipSync(bundle).length)} gzipped. Cloudflare limits the gzipped size by plan ` +
      "(3 MiB on Workers Free and 10 MiB on Workers Paid when this was written).",
  );

  const built = await deps.build({ publicOrigin: origin?.origin ?? null });
  deps.log(`\nZendesk app package: ${relative(deps.root, built.outDir) || built.outDir}`);
  deps.log(describeOrigin(built.origin));
  deps.log(
    `Sidebar ${(built.size.sidebar.total / 1024).toFixed(1)} KB and admin area ` +
      `${(built.size.admin.total / 1024).toFixed(1)} KB gzipped.`,
  );

  const placeholder = config.databaseId === PLACEHOLDER_DATABASE_ID;
  deps.log(
    [
      "",
      "Not checked in a dry run (each needs Cloudflare): the login, " +
        (placeholder
          ? "the D1 database (wrangler.toml's database_id is the placeholder), "
          : "the D1 database, ") +
        `the queue ${config.queue} and the Worker's secrets.`,
      "Not done: the remote migrations, the upload, and the checks against the deployed Worker.",
      "A real deployment needs these secrets (npx wrangler secret put NAME):",
      `  connected accounts: ${CONNECT_SECRETS.join(", ")}; for the Marketplace also ${MARKETPLACE_SECRETS.join(", ")}`,
      `  the default installation (--subdomain): ${DEFAULT_SECRETS.join(", ")}, and ZENDESK_OAUTH_TOKEN or ZENDESK_EMAIL + ZENDESK_API_TOKEN`,
      "  either: OPENAI_API_KEY (optional; OPENAI_BASE_URL, OPENAI_MODEL). docs/deploy.md has the steps.",
    ].join("\n"),
  );
  return 0;
}

/** The project's wrangler on this Node, with the output captured or the terminal handed over. */
function runWrangler(root: string) {
  const bin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
  return (args: string[], interactive = false) =>
    new Promise<{ code: number; out: string }>((done, fail) => {
      const child = spawn(process.execPath, [bin, ...args], {
        cwd: root,
        stdio: interactive ? "inherit" : ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout?.on("data", (d) => {
        out += d;
      });
      child.stderr?.on("data", (d) => {
        out += d;
      });
      child.on("error", fail);
      child.on("close", (code) => done({ code: code ?? 1, out }));
    });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(import.meta.dirname, "..");
  let opts: DeployOptions;
  try {
    opts = parseOptions(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    process.exit(0);
  }
  try {
    process.exitCode = await deploy(opts, {
      root,
      wrangler: runWrangler(root),
      build: (o) => buildApp({ root, ...o }),
      fetch,
      log: (text) => console.log(text),
      env: process.env,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}
