// npm run deploy (scripts/deploy.ts): the prerequisite checks as pure functions, and the whole run
// against a fake wrangler, a fake Worker and a fake package build (no Cloudflare here).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BuildOptions, BuildResult } from "../../../scripts/build-app";
import {
  CONNECT_SECRETS,
  checkPrerequisites,
  type Deps,
  DEFAULT_SECRETS,
  deploy,
  deployVars,
  type Facts,
  formatProblems,
  jsonIn,
  MARKETPLACE_SECRETS,
  modeFor,
  nextSteps,
  PLACEHOLDER_DATABASE_ID,
  parseOptions,
  readWranglerConfig,
  secretProblems,
  verifyDeployment,
  withDatabaseId,
} from "../../../scripts/deploy";

const root = join(import.meta.dirname, "../../..");
const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
const ORIGIN = "https://ohallo-zendesk.acme.workers.dev";
const DB_ID = "6f1c1d0e-2a3b-4c5d-8e9f-0a1b2c3d4e5f";
const CONNECTED = [...CONNECT_SECRETS, ...MARKETPLACE_SECRETS, "OPENAI_API_KEY"];
const SINGLE = [...DEFAULT_SECRETS, "ZENDESK_OAUTH_TOKEN", "OPENAI_API_KEY"];

function facts(over: Partial<Facts> = {}): Facts {
  return {
    auth: { loggedIn: true, accounts: 1, accountChosen: false },
    config: { ...readWranglerConfig(toml), databaseId: DB_ID },
    databases: [{ name: "ohallo", uuid: DB_ID }],
    queueExists: true,
    secrets: CONNECTED,
    origin: { origin: ORIGIN, host: "ohallo-zendesk.acme.workers.dev" },
    originError: null,
    subdomain: null,
    ...over,
  };
}
const whats = (f: Facts) => checkPrerequisites(f).problems.map((p) => p.what);

describe("wrangler.toml", () => {
  it("reads the Worker, its database and its queue", () => {
    expect(readWranglerConfig(toml)).toEqual({
      name: "ohallo-zendesk",
      databaseName: "ohallo",
      databaseId: PLACEHOLDER_DATABASE_ID,
      queue: "ohallo-jobs",
      databases: ["DB"],
    });
  });

  it("finds every D1 binding, so each database gets the migrations", () => {
    const two = `${toml}\n[[d1_databases]]\nbinding = "DB_1"\ndatabase_name = "ohallo-1"\ndatabase_id = "x"\nmigrations_dir = "worker/migrations"\n`;
    expect(readWranglerConfig(two).databases).toEqual(["DB", "DB_1"]);
  });

  it("writes a real database_id over the placeholder only", () => {
    const next = withDatabaseId(toml, DB_ID);
    expect(readWranglerConfig(next).databaseId).toBe(DB_ID);
    expect(next.replace(DB_ID, PLACEHOLDER_DATABASE_ID)).toBe(toml);
    expect(() => withDatabaseId(next, DB_ID)).toThrow(/no placeholder/);
  });
});

describe("the mode", () => {
  it("follows the Worker's rule: an OAuth client means connected accounts", () => {
    expect(modeFor([], null)).toEqual({ connect: false, default: true });
    expect(modeFor(["ZENDESK_OAUTH_CLIENT_ID"], null)).toEqual({ connect: true, default: false });
    expect(modeFor(["ZENDESK_OAUTH_CLIENT_ID"], "acme")).toEqual({ connect: true, default: true });
  });

  it("gives the deployment its origin, and no default installation unless a subdomain is named", () => {
    const origin = { origin: ORIGIN, host: "x" };
    expect(deployVars(origin, null)).toEqual([
      "--var",
      `PUBLIC_ORIGIN:${ORIGIN}`,
      "--var",
      "ZENDESK_SUBDOMAIN:",
    ]);
    expect(deployVars(null, "acme")).toEqual(["--var", "ZENDESK_SUBDOMAIN:acme"]);
  });
});

describe("the secrets", () => {
  it("asks which accounts the Worker serves when it has neither an OAuth client nor a subdomain", () => {
    const { problems } = secretProblems([], null, ORIGIN);
    expect(problems).toHaveLength(1);
    const text = formatProblems(problems);
    for (const name of [...CONNECT_SECRETS, ...DEFAULT_SECRETS, "ZENDESK_OAUTH_TOKEN"])
      expect(text).toContain(`npx wrangler secret put ${name}`);
    expect(text).toContain("openssl rand -base64 32");
    expect(text).toContain(`${ORIGIN}/webhooks/zendesk`);
  });

  it("names what connecting accounts still needs, with where each value comes from", () => {
    const { problems } = secretProblems(["ZENDESK_OAUTH_CLIENT_ID", "ZENDESK_APP_ID"], null, ORIGIN);
    expect(problems.map((p) => p.what)).toEqual([
      "Connecting accounts needs ZENDESK_OAUTH_CLIENT_SECRET, ENCRYPTION_KEY.",
    ]);
    expect(problems[0]?.fix.join("\n")).toMatch(/ENCRYPTION_KEY +# openssl rand -base64 32/);
  });

  it("wants the three Marketplace values together, and notes their absence", () => {
    const partial = secretProblems([...CONNECT_SECRETS, "ZENDESK_MARKETPLACE_NAME"], null, ORIGIN);
    expect(partial.problems[0]?.what).toMatch(
      /all three values; ZENDESK_MARKETPLACE_ORGANIZATION_ID, ZENDESK_MARKETPLACE_APP_ID are missing/,
    );
    const none = secretProblems([...CONNECT_SECRETS], null, ORIGIN);
    expect(none.problems).toEqual([]);
    expect(none.notes.join("\n")).toMatch(/no X-Zendesk-Marketplace-\* headers/);
    expect(none.notes.join("\n")).toMatch(/No OPENAI_API_KEY: the offline drafter/);
    expect(secretProblems(CONNECTED, null, ORIGIN)).toEqual({ problems: [], notes: [] });
  });

  it("checks the default installation's secrets and credentials", () => {
    expect(secretProblems(SINGLE, "acme", ORIGIN).problems).toEqual([]);
    const apiToken = [...DEFAULT_SECRETS, "ZENDESK_EMAIL", "ZENDESK_API_TOKEN"];
    expect(secretProblems(apiToken, "acme", ORIGIN).problems).toEqual([]);
    expect(secretProblems(apiToken, "acme", ORIGIN).notes.join("\n")).toMatch(/2027-04-30/);
    const { problems } = secretProblems(["ZENDESK_EMAIL", "APP_API_SECRET"], "acme", ORIGIN);
    expect(problems.map((p) => p.what)).toEqual([
      "The default installation (acme) needs ZENDESK_WEBHOOK_SECRET, ZENDESK_AI_AGENT_ID, " +
        "ZENDESK_OAUTH_TOKEN (or ZENDESK_EMAIL and ZENDESK_API_TOKEN).",
    ]);
  });

  it("checks both when the Worker connects accounts and serves its own as well", () => {
    expect(secretProblems([...CONNECTED, ...SINGLE], "acme", ORIGIN).problems).toEqual([]);
    expect(secretProblems(CONNECTED, "acme", ORIGIN).problems.map((p) => p.what)).toEqual([
      expect.stringMatching(/^The default installation \(acme\) needs ZENDESK_WEBHOOK_SECRET/),
    ]);
  });

  it("refuses a secret npm run deploy sets itself, and notes development-only values", () => {
    const { problems, notes } = secretProblems(
      [...CONNECTED, "PUBLIC_ORIGIN", "ZENDESK_SUBDOMAIN", "ZENDESK_ORIGIN_TEMPLATE"],
      null,
      ORIGIN,
    );
    expect(problems.map((p) => p.fix[0])).toEqual([
      "npx wrangler secret delete PUBLIC_ORIGIN",
      "npx wrangler secret delete ZENDESK_SUBDOMAIN",
    ]);
    expect(notes).toEqual([expect.stringMatching(/^ZENDESK_ORIGIN_TEMPLATE is set: it is for development/)]);
  });
});

describe("the prerequisites", () => {
  it("pass for a complete deployment", () => {
    expect(checkPrerequisites(facts())).toEqual({ problems: [], notes: [] });
  });

  it("stop at the login when wrangler is not logged in (the rest cannot be known)", () => {
    const { problems } = checkPrerequisites(
      facts({ auth: { loggedIn: false, accounts: 0, accountChosen: false } }),
    );
    expect(problems.map((p) => p.what)).toEqual(["Wrangler is not logged in to Cloudflare."]);
    expect(problems[0]?.fix.join("\n")).toMatch(/npx wrangler login[\s\S]*CLOUDFLARE_API_TOKEN/);
  });

  it("want an account chosen when the login reaches several", () => {
    expect(whats(facts({ auth: { loggedIn: true, accounts: 2, accountChosen: false } }))).toEqual([
      "This login reaches 2 Cloudflare accounts and none is chosen.",
    ]);
    expect(whats(facts({ auth: { loggedIn: true, accounts: 2, accountChosen: true } }))).toEqual([]);
  });

  it("want a real database, and name the account's own when it has one", () => {
    const config = readWranglerConfig(toml);
    const none = checkPrerequisites(facts({ config, databases: [] })).problems;
    expect(none[0]?.what).toBe("wrangler.toml's D1 database_id is still the placeholder.");
    expect(none[0]?.fix[0]).toBe(
      "npx wrangler d1 create ohallo   # then put its database_id in wrangler.toml",
    );
    const existing = checkPrerequisites(facts({ config })).problems;
    expect(existing[0]?.fix[0]).toContain(`put database_id = "${DB_ID}" in wrangler.toml`);
    expect(whats(facts({ databases: [] }))).toEqual([
      `wrangler.toml's database_id ${DB_ID} is not a D1 database of this account.`,
    ]);
  });

  it("want the queue", () => {
    expect(whats(facts({ queueExists: false }))).toEqual(["The queue ohallo-jobs does not exist."]);
  });

  it("want the Worker's public https origin, on the Worker's own workers.dev name", () => {
    expect(whats(facts({ origin: null }))).toEqual(["The Worker's public origin is not given."]);
    expect(whats(facts({ origin: null, originError: '"x" is not a URL' }))).toEqual([
      'The public origin is not usable: "x" is not a URL.',
    ]);
    expect(whats(facts({ origin: { origin: "http://localhost:8787", host: "localhost" } }))).toEqual([
      "http://localhost:8787 is this machine: a deployment needs the Worker's public https origin.",
    ]);
    expect(
      whats(facts({ origin: { origin: "https://other.acme.workers.dev", host: "other.acme.workers.dev" } })),
    ).toEqual([
      "other.acme.workers.dev is not the Worker ohallo-zendesk (wrangler.toml's name) on workers.dev.",
    ]);
    expect(whats(facts({ origin: { origin: "https://ohallo.acme.com", host: "ohallo.acme.com" } }))).toEqual(
      [],
    );
  });

  it("are said in one message, numbered", () => {
    const text = formatProblems(checkPrerequisites(facts({ queueExists: false, origin: null })).problems);
    expect(text).toMatch(/^Not deployed: 2 things to do first\.\n\n1\. The Worker's public origin/);
    expect(text).toContain(
      "\n2. The queue ohallo-jobs does not exist.\n   npx wrangler queues create ohallo-jobs",
    );
    expect(text).toMatch(/Nothing was deployed\./);
  });
});

describe("the options", () => {
  it("read flags, else the environment", () => {
    expect(parseOptions(["--dry-run"], {})).toMatchObject({
      dryRun: true,
      publicOrigin: null,
      subdomain: null,
    });
    expect(
      parseOptions([], { OHALLO_PUBLIC_ORIGIN: ORIGIN, OHALLO_ZENDESK_SUBDOMAIN: "Acme" }),
    ).toMatchObject({
      publicOrigin: ORIGIN,
      subdomain: "acme",
      outDir: "dist/worker",
    });
    expect(
      parseOptions(["--public-origin", "https://x.example", "--create"], { OHALLO_PUBLIC_ORIGIN: ORIGIN }),
    ).toMatchObject({ publicOrigin: "https://x.example", create: true });
  });

  it("refuse a subdomain given as a host, and unknown flags", () => {
    expect(() => parseOptions(["--subdomain", "acme.zendesk.com"], {})).toThrow(
      /like acme for acme\.zendesk\.com/,
    );
    expect(() => parseOptions(["--origin", ORIGIN], {})).toThrow();
  });
});

describe("wrangler's output", () => {
  it("yields its JSON around warnings", () => {
    expect(jsonIn('▲ [WARNING] something\n[{"name":"A","type":"secret_text"}]\n')).toEqual([
      { name: "A", type: "secret_text" },
    ]);
    expect(jsonIn("no json here")).toBeNull();
  });
});

/** A fake Worker at ORIGIN answering each path with a status and an error. */
function worker(answers: Record<string, [number, string?]>): typeof fetch {
  return (async (input: string | URL | Request) => {
    const path = new URL(String(input)).pathname;
    const [status, error] = answers[path] ?? [404, "Not found"];
    return new Response(JSON.stringify(error ? { error } : { ok: true }), { status });
  }) as typeof fetch;
}
const HEALTHY = worker({
  "/healthz": [200],
  "/api/installation": [401, "Missing or wrong API secret"],
  "/connect/zendesk": [400, "subdomain must be …"],
});

describe("the deployed Worker's checks", () => {
  it("read a 401 without a secret as a configuration that parsed", async () => {
    const checks = await verifyDeployment(ORIGIN, { connect: true, default: false }, HEALTHY);
    expect(checks.map((c) => c.ok)).toEqual([true, true, true]);
  });

  it("show the Worker's own words when its configuration does not hold", async () => {
    const broken = worker({
      "/healthz": [200],
      "/api/installation": [
        500,
        "oHallo is not configured: ENCRYPTION_KEY: must be base64 of 32 random bytes",
      ],
      "/connect/zendesk": [
        500,
        "oHallo is not configured: ENCRYPTION_KEY: must be base64 of 32 random bytes",
      ],
    });
    const checks = await verifyDeployment(ORIGIN, { connect: true, default: false }, broken);
    expect(checks.map((c) => c.ok)).toEqual([true, false, false]);
    expect(checks[1]?.detail).toBe(
      "500 oHallo is not configured: ENCRYPTION_KEY: must be base64 of 32 random bytes",
    );
  });

  it("say when nothing answers", async () => {
    const down = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    const checks = await verifyDeployment(ORIGIN, { connect: false, default: true }, down);
    expect(checks).toHaveLength(2);
    expect(checks[0]).toEqual({ what: "GET /healthz", ok: false, detail: "no answer fetch failed" });
  });
});

describe("the next steps", () => {
  it("for connected accounts: the redirect URL, the package, install, connect, check", () => {
    const text = nextSteps({ connect: true, default: false }, ORIGIN, null).join("\n");
    expect(text).toContain(
      `1. The OAuth client's redirect URL must be exactly ${ORIGIN}/connect/zendesk/callback`,
    );
    expect(text).toContain(
      "2. The app package (dist/app): npx zcli login -i, then npx zcli apps:package dist/app",
    );
    expect(text).toContain(`${ORIGIN}/connect/zendesk?subdomain=<subdomain>`);
    expect(text).toMatch(/5\. Check: oHallo > Connection/);
  });

  it("for one account: the webhook, the package, the API secret, check", () => {
    const text = nextSteps({ connect: false, default: true }, ORIGIN, "acme").join("\n");
    expect(text).toContain(
      `1. The webhook of acme.zendesk.com: if not done yet, create it to ${ORIGIN}/webhooks/zendesk`,
    );
    expect(text).toContain("enter the Worker's APP_API_SECRET as its API secret");
    expect(text).not.toContain("redirect URL");
  });
});

describe("npm run deploy, against a fake wrangler", () => {
  let dir: string;
  let calls: string[][];
  let logs: string[];
  let built: BuildOptions[];
  let answers: Map<string, { code: number; out: string }>;

  const fakeBuild = async (o: BuildOptions) => {
    built.push(o);
    return {
      outDir: join(dir, "dist/app"),
      origin: {
        origin: o.publicOrigin ?? "http://localhost:8787",
        host: "h",
        given: Boolean(o.publicOrigin),
      },
      size: { sidebar: { total: 19_000 }, admin: { total: 36_000 } },
    } as unknown as BuildResult;
  };
  const deps = (over: Partial<Deps> = {}): Deps => ({
    root: dir,
    wrangler: async (args) => {
      calls.push(args);
      const key = args.slice(0, 2).join(" ");
      return answers.get(key) ?? { code: 0, out: "" };
    },
    build: fakeBuild,
    fetch: HEALTHY,
    log: (t) => logs.push(t),
    env: {},
    sleep: async () => undefined,
    ...over,
  });
  const secrets = (names: string[]) => ({
    code: 0,
    out: JSON.stringify(names.map((name) => ({ name, type: "secret_text" }))),
  });
  const opts = parseOptions(["--public-origin", ORIGIN], {});

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ohallo-deploy-"));
    writeFileSync(join(dir, "wrangler.toml"), withDatabaseId(toml, DB_ID));
    calls = [];
    logs = [];
    built = [];
    answers = new Map([
      [
        "whoami --json",
        { code: 0, out: JSON.stringify({ loggedIn: true, accounts: [{ id: "a", name: "A" }] }) },
      ],
      ["d1 list", { code: 0, out: JSON.stringify([{ name: "ohallo", uuid: DB_ID }]) }],
      ["queues info", { code: 0, out: "ohallo-jobs" }],
      ["secret list", secrets(CONNECTED)],
    ]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("checks, migrates, deploys with the origin, checks the Worker, then builds the package for it", async () => {
    expect(await deploy(opts, deps())).toBe(0);
    expect(calls).toEqual([
      ["whoami", "--json"],
      ["d1", "list", "--json"],
      ["queues", "info", "ohallo-jobs"],
      ["secret", "list", "--format", "json"],
      ["d1", "migrations", "apply", "DB", "--remote"],
      ["deploy", "--var", `PUBLIC_ORIGIN:${ORIGIN}`, "--var", "ZENDESK_SUBDOMAIN:"],
    ]);
    expect(built).toEqual([{ publicOrigin: ORIGIN }]);
    const text = logs.join("\n");
    expect(text).toContain("Serving connected accounts (OAuth: each account connects itself).");
    expect(text).toContain(
      "ok   the configuration (GET /api/installation without a secret): 401, as it should",
    );
    expect(text).toContain(`${ORIGIN}/connect/zendesk/callback`);
  });

  it("says everything missing at once and touches nothing", async () => {
    answers.set("queues info", { code: 1, out: 'Queue "ohallo-jobs" does not exist.' });
    answers.set("secret list", { code: 1, out: 'Worker "ohallo-zendesk" not found.' });
    expect(await deploy(opts, deps())).toBe(1);
    expect(calls.map((c) => c[0])).toEqual(["whoami", "d1", "queues", "secret"]);
    expect(built).toEqual([]);
    const text = logs.join("\n");
    expect(text).toContain("Not deployed: 2 things to do first.");
    expect(text).toContain("The queue ohallo-jobs does not exist.");
    expect(text).toContain("Which Zendesk accounts does this Worker serve?");
  });

  it("passes on wrangler's words when a check fails for another reason", async () => {
    answers.set("queues info", { code: 1, out: "✘ [ERROR] Authentication error [code: 10000]" });
    await expect(deploy(opts, deps())).rejects.toThrow(/queues info failed:\n.*Authentication error/);
    expect(calls.map((c) => c[0])).not.toContain("deploy");
  });

  it("with --create, makes the database and the queue and writes the id into wrangler.toml", async () => {
    writeFileSync(join(dir, "wrangler.toml"), toml);
    let created = false;
    answers.set("queues info", { code: 1, out: 'Queue "ohallo-jobs" does not exist.' });
    const d = deps({
      wrangler: async (args) => {
        calls.push(args);
        if (args[0] === "d1" && args[1] === "create") created = true;
        if (args[0] === "d1" && args[1] === "list")
          return { code: 0, out: JSON.stringify(created ? [{ name: "ohallo", uuid: DB_ID }] : []) };
        return answers.get(args.slice(0, 2).join(" ")) ?? { code: 0, out: "" };
      },
    });
    expect(await deploy(parseOptions(["--public-origin", ORIGIN, "--create"], {}), d)).toBe(0);
    expect(calls).toContainEqual(["d1", "create", "ohallo"]);
    expect(calls).toContainEqual(["queues", "create", "ohallo-jobs"]);
    expect(readWranglerConfig(readFileSync(join(dir, "wrangler.toml"), "utf8")).databaseId).toBe(DB_ID);
  });

  it("serves one account with --subdomain", async () => {
    answers.set("secret list", secrets(SINGLE));
    expect(await deploy(parseOptions(["--public-origin", ORIGIN, "--subdomain", "acme"], {}), deps())).toBe(
      0,
    );
    expect(calls.at(-1)).toEqual([
      "deploy",
      "--var",
      `PUBLIC_ORIGIN:${ORIGIN}`,
      "--var",
      "ZENDESK_SUBDOMAIN:acme",
    ]);
    expect(logs.join("\n")).toContain("Serving the default installation for acme.zendesk.com.");
  });

  it("builds no package when the Worker does not answer as it should at the origin", async () => {
    const broken = worker({ "/healthz": [200], "/api/installation": [500, "oHallo is not configured: x"] });
    expect(await deploy(opts, deps({ fetch: broken }))).toBe(1);
    expect(built).toEqual([]);
    expect(logs.join("\n")).toMatch(/FAIL the configuration .*500 oHallo is not configured: x/);
  });

  it("in a dry run, only runs wrangler's dry run and the package build", async () => {
    mkdirBundle(dir);
    const dry = parseOptions(["--dry-run", "--outdir", "out"], {});
    expect(await deploy(dry, deps())).toBe(0);
    expect(calls).toEqual([
      ["deploy", "--dry-run", "--outdir", join(dir, "out"), "--var", "ZENDESK_SUBDOMAIN:"],
    ]);
    expect(built).toEqual([{ publicOrigin: null }]);
    const text = logs.join("\n");
    expect(text).toMatch(/Worker bundle: out\/index\.js, \d+ KiB, \d+ KiB gzipped/);
    expect(text).toContain("Not checked in a dry run (each needs Cloudflare): the login");
  });
});

function mkdirBundle(dir: string) {
  const out = join(dir, "out");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "index.js"), "export default {};\n".repeat(200));
}
