// `npm run measure:storage`: what one installation keeps in D1, measured on the real product (not
// estimated). The Zendesk stand-in and the real Worker under `wrangler dev` (local D1 and queue, offline
// drafter, the demo shop's KB and policies), wrapped only to tally its D1 statements
// (bench/fixtures/storage.worker.ts). Customers write tickets with the demo shop's messages and follow
// up; agents take over, answer, release and resolve (the learning loop stores proposals). Then the
// local D1 file is read with node:sqlite (dbstat): bytes per customer message by table, fresh; after
// the cron's retention as if 4 days had passed (de-duplication records gone, texts kept); and as if
// 100 days had passed (texts erased too). Time passes by moving every stored time back in the SQLite
// file while the Worker is stopped; then the Worker's own cron (`/cdn-cgi/local/scheduled`,
// worker/src/housekeeping.ts) runs. Also measured: the bytes a connected installation's longer id adds
// (the rows re-keyed in a copy), and how many erased texts the raw file still holds.
// Prints markdown tables (docs/decisions/007-scale.md quotes them). Loopback only, bounded (5 min);
// stops all it started, on failure and Ctrl-C too.
//   STORAGE_TICKETS (300), STORAGE_GAP_MS (60), STORAGE_TAIL_BYTES (0): the traffic;
//   STORAGE_KEEP=1 keeps the run's directory (the D1 file) to look at afterwards.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { spawnGroup } from "../standin/workspace/child-process.ts";
import { freePort } from "../standin/workspace/worker-process.ts";
import { startZendeskStandin, type ZendeskStandin } from "../standin/zendesk/server.ts";
import { seedDemo } from "../scripts/seed-demo.ts";
import { Cleanup } from "./cleanup.ts";
import { ACCOUNT_ID, AI_AGENT_ID, APP_SECRET, WEBHOOK_SECRET, workerVars } from "./product.ts";
import { productConfig } from "./wrangler.ts";

const TICKETS = Number(process.env.STORAGE_TICKETS ?? 300);
/** Between two new tickets (the queue's consumer keeps up on 2 cores). */
const GAP_MS = Number(process.env.STORAGE_GAP_MS ?? 60);
/** The Worker counts as done when it ran no D1 statement for this long and no webhook is in flight. */
const QUIET_MS = 3_000;
/**
 * Appended to every customer message, to see how longer texts (e-mails with a signature and a quoted
 * thread) change the figures; 0 (the default) keeps the demo shop's messages as they are.
 */
const TAIL_BYTES = Number(process.env.STORAGE_TAIL_BYTES ?? 0);
const TIME_LIMIT_MS = 5 * 60_000;
const DAY = 86_400_000;

const root = resolve(import.meta.dirname, "..");
const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");
const cleanup = new Cleanup();
const began = Date.now();
const step = (text: string) =>
  console.error(`storage: ${((Date.now() - began) / 1000).toFixed(0)} s: ${text}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function abort(reason: string, code: number): void {
  console.error(`storage: ${reason}; stopping everything it started`);
  void cleanup.runAll().finally(() => process.exit(code));
}
process.once("SIGINT", () => abort("interrupted", 130));
process.once("SIGTERM", () => abort("terminated", 143));
setTimeout(() => abort(`over the ${TIME_LIMIT_MS / 60_000} minute limit`, 1), TIME_LIMIT_MS).unref();

// ---------------------------------------------------------------------------------------------------
// The product: the stand-in as bench/product.ts starts it (no Zendesk rate limits: the run squeezes a
// day's tickets into minutes), and the Worker as bench/wrangler.ts starts it, but with a persist
// directory this script keeps across restarts, so that it can read and age the D1 file in between.

/** bench/wrangler.ts's offline switches. */
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

interface Tally {
  calls: number;
  writeCalls: number;
  statements: number;
  writeStatements: number;
  rowsWritten: number;
  rowsRead: number;
  ms: number;
  writes: Record<string, number>;
  requests: Record<string, number>;
  jobs: Record<string, number>;
  lastAt: number;
}

interface Running {
  origin: string;
  tally(): Promise<Tally>;
  stop(): Promise<void>;
}

function storageConfig(): string {
  const main = JSON.stringify(join(root, "bench/fixtures/storage.worker.ts"));
  const config = productConfig({ consumer: true }).replace(/^main = .*$/m, `main = ${main}`);
  if (!config.includes(main)) throw new Error("storage: could not point the config at the tallying Worker");
  return config;
}

async function startWorker(dir: string, vars: Record<string, string>, migrate: boolean): Promise<Running> {
  const config = join(dir, "wrangler.toml");
  const state = join(dir, "state");
  writeFileSync(config, storageConfig());
  if (migrate) {
    const args = [wrangler, "d1", "migrations", "apply", "DB", "--local", "--config", config];
    const m = spawnSync(process.execPath, [...args, "--persist-to", state], {
      cwd: dir,
      env,
      encoding: "utf8",
    });
    if (m.status !== 0) throw new Error(`storage: D1 migrations failed:\n${m.stdout}\n${m.stderr}`);
  }
  const port = await freePort();
  const args = [wrangler, "dev", "--config", config, "--ip", "127.0.0.1", "--port", String(port)];
  args.push("--persist-to", state, "--show-interactive-dev-session=false");
  args.push("--inspector-port", String(await freePort()));
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
  const child = spawnGroup(args, { cwd: dir, env, keepChars: 100_000 });
  const stop = cleanup.add(child.stop);
  const origin = `http://127.0.0.1:${port}`;
  const worker: Running = {
    origin,
    async tally() {
      const res = await fetch(`${origin}/__bench/d1`);
      return (await res.json()) as Tally;
    },
    stop,
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.running()) {
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return worker;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`storage: the Worker did not start:\n${child.output().slice(-2000)}`);
}

/** Until the Worker ran no D1 statement for QUIET_MS and the stand-in has no webhook in flight. */
async function quiet(w: Running, standin: ZendeskStandin, capMs = 90_000): Promise<void> {
  const cap = Date.now() + capMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < cap) {
    await Promise.race([standin.settled(), sleep(1_000)]);
    const t = await w.tally();
    if (t.statements !== last) {
      last = t.statements;
      since = Date.now();
    } else if (Date.now() - since >= QUIET_MS) return;
    await sleep(250);
  }
  throw new Error(`storage: the Worker was still busy after ${capMs / 1000} s`);
}

// ---------------------------------------------------------------------------------------------------
// The traffic: the demo shop's customers, its agents, as the sidebar and Zendesk's UI would act.

interface Conversation {
  id: string;
  language: string;
  subject: string;
  message: string;
}
interface KbEntry {
  answer: string;
}
const demo = <T>(file: string): T => JSON.parse(readFileSync(join(root, "demo", file), "utf8")) as T;
const AGENTS = [
  { id: 7001, name: "Ana Berg" },
  { id: 7002, name: "Bo Larsen" },
] as const;
/**
 * A synthetic e-mail tail of about TAIL_BYTES: a signature and the customer's message quoted again (as
 * a forwarded thread does), so that language and policy keywords stay the message's own.
 */
function tail(n: number, message: string): string {
  if (TAIL_BYTES <= 0) return "";
  const quoted = message
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\n");
  const text = `\n\n-- \nCustomer ${n}\n+45 00 00 ${String(n % 100).padStart(2, "0")} 00\n\n${quoted}\n`;
  return text.repeat(Math.ceil(TAIL_BYTES / text.length)).slice(0, TAIL_BYTES);
}
const THANKS = ["Thank you, that helps!", "Great, thanks a lot.", "Perfect, that answers it. Thanks!"];

interface Mix {
  tickets: number;
  followUps: number;
  takenOver: number;
  agentReplies: number;
  released: number;
  resolved: number;
  solvedInZendesk: number;
}

async function drive(standin: ZendeskStandin, w: Running): Promise<Mix> {
  const conversations = demo<Conversation[]>("conversations.json");
  const kb = demo<KbEntry[]>("kb.json");
  const control = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${standin.origin}/__standin${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`stand-in ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { ticket: { id: number } };
  };
  const api = async (path: string, body: unknown) => {
    const res = await fetch(`${w.origin}/api${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${APP_SECRET}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST /api${path}: ${res.status} ${await res.text()}`);
  };
  const aiReplied = new Set<number>();
  const off = standin.store.onChange((c) => {
    if (c.type === "comment_added" && c.author.id === AI_AGENT_ID && c.comment.public)
      aiReplied.add(c.ticket.id);
  });
  const mix: Mix = {
    tickets: 0,
    followUps: 0,
    takenOver: 0,
    agentReplies: 0,
    released: 0,
    resolved: 0,
    solvedInZendesk: 0,
  };
  try {
    // 1. Customers write in, one new ticket every GAP_MS.
    const tickets: { id: number; c: Conversation; i: number }[] = [];
    const started = Date.now();
    for (let i = 0; i < TICKETS; i++) {
      const c = conversations[i % conversations.length];
      if (!c) continue;
      const created = await control("POST", "/tickets", {
        subject: c.subject,
        requester: { name: `Customer ${i + 1}`, email: `customer.${i + 1}@example.com` },
        comments: [{ body: c.message + tail(i + 1, c.message), author: "requester" }],
      });
      tickets.push({ id: created.ticket.id, c, i });
      mix.tickets++;
      await sleep(Math.max(0, started + (i + 1) * GAP_MS - Date.now()));
    }
    await quiet(w, standin);
    step(`${mix.tickets} tickets in, the AI answered ${aiReplied.size}`);

    // 2. A third of the answered customers ask a second question (another message in their language).
    const answered = tickets.filter((t) => aiReplied.has(t.id));
    const flagged = tickets.filter((t) => !aiReplied.has(t.id));
    for (const t of answered.filter((_, k) => k % 3 === 0)) {
      const same = conversations.filter((c) => c.language === t.c.language && c.id !== t.c.id);
      const next = same[t.i % Math.max(1, same.length)] ?? t.c;
      await control("POST", `/tickets/${t.id}/comments`, {
        body: `${THANKS[t.i % THANKS.length]} ${next.message}${tail(t.i + 1, next.message)}`,
        author: "requester",
      });
      mix.followUps++;
      await sleep(GAP_MS);
    }
    await quiet(w, standin);
    step(`${mix.followUps} follow-ups`);

    // 3. Agents take over what the AI flagged or held (and one in ten answered tickets), answer in
    //    Zendesk; the customer thanks them.
    const takeOver = [...flagged, ...answered.filter((_, k) => k % 10 === 5)];
    for (const [k, t] of takeOver.entries()) {
      const agent = AGENTS[k % AGENTS.length] ?? AGENTS[0];
      await api(`/tickets/${t.id}/takeover`, { agent, force: true });
      mix.takenOver++;
      const answer = kb[(t.i * 7) % kb.length]?.answer ?? "";
      await control("POST", `/tickets/${t.id}/comments`, {
        body: `Hi Customer ${t.i + 1},\n\nthank you for getting in touch. ${answer}\n\nBest regards,\n${agent.name}`,
        public: true,
        author: { ...agent, role: "agent" },
      });
      mix.agentReplies++;
      await sleep(GAP_MS);
    }
    await quiet(w, standin);
    for (const t of takeOver) {
      await control("POST", `/tickets/${t.id}/comments`, {
        body: `${THANKS[t.i % THANKS.length]}${tail(t.i + 1, t.c.message)}`,
        author: "requester",
      });
      await sleep(GAP_MS / 2);
    }
    await quiet(w, standin);
    step(`${mix.takenOver} take overs, answered by agents, thanked by customers`);

    // 4. Two in three taken-over tickets are resolved in the sidebar (the learning loop runs), the
    //    rest released to the AI; a quarter of the AI's tickets are resolved in the sidebar and a
    //    sixth solved in Zendesk.
    for (const [k, t] of takeOver.entries()) {
      const agent = AGENTS[k % AGENTS.length] ?? AGENTS[0];
      if (k % 3 === 2) {
        await api(`/tickets/${t.id}/release`, { agent, force: true });
        mix.released++;
      } else {
        await api(`/tickets/${t.id}/resolve`, { agent });
        mix.resolved++;
      }
    }
    const taken = new Set(takeOver.map((t) => t.id));
    for (const [k, t] of answered.filter((t) => !taken.has(t.id)).entries()) {
      if (k % 4 === 1) {
        await api(`/tickets/${t.id}/resolve`, { agent: AGENTS[k % 2] ?? AGENTS[0] });
        mix.resolved++;
      } else if (k % 6 === 3) {
        await control("PATCH", `/tickets/${t.id}`, {
          status: "solved",
          actor: { ...(AGENTS[k % 2] ?? AGENTS[0]), role: "agent" },
        });
        mix.solvedInZendesk++;
      }
    }
    await quiet(w, standin);
    step(`${mix.released} releases, ${mix.resolved} resolves, ${mix.solvedInZendesk} solved in Zendesk`);
    return mix;
  } finally {
    off();
  }
}

// ---------------------------------------------------------------------------------------------------
// The D1 file: sizes by table (dbstat), rows, texts; ageing; retention.

function d1File(dir: string): string {
  const base = join(dir, "state/v3/d1");
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".sqlite") && name !== "metadata.sqlite") found.push(p);
    }
  };
  walk(base);
  if (found.length !== 1)
    throw new Error(`storage: expected one D1 file under ${base}, found ${found.length}`);
  return found[0] ?? "";
}

/** Waits up to 15 s for the lock of a workerd that is still shutting down. */
const open = (file: string) => new DatabaseSync(file, { timeout: 15_000 });
const num = (v: unknown) => Number(v ?? 0);

/** Tables that hold an installation's rows (every one has `installation_id`). */
function installationTables(db: DatabaseSync): string[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .map((r) => String(r.name));
  return tables.filter((t) =>
    db
      .prepare(`SELECT name FROM pragma_table_info(?)`)
      .all(t)
      .some((c) => c.name === "installation_id"),
  );
}

/** Which table a b-tree (table, index, FTS shadow table) counts for. */
function owners(db: DatabaseSync): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of db.prepare("SELECT name, tbl_name FROM sqlite_schema").all()) {
    const name = String(r.name);
    const table = String(r.tbl_name);
    map.set(name, /^kb_fts_/.test(table) ? "kb_fts" : table);
  }
  map.set("sqlite_schema", "(schema)");
  return map;
}

interface Snapshot {
  label: string;
  /** page_count × page_size, as D1 counts a database. */
  fileBytes: number;
  /** Without the free list (pages SQLite reuses before it grows the file). */
  liveBytes: number;
  /** After VACUUM (into a copy). */
  vacuumBytes: number;
  pageSize: number;
  /** Bytes of each table with its indexes, as stored (pages in use). */
  tables: Record<string, number>;
  /** The same after VACUUM. */
  vacuumTables: Record<string, number>;
  rows: Record<string, number>;
  messages: Record<string, number>;
  textBytes: { messages: number; customer: number; drafts: number };
  proposals: number;
}

/** Bytes of each table with its indexes (dbstat: whole pages). */
function tableBytes(db: DatabaseSync): Record<string, number> {
  const owner = owners(db);
  const out: Record<string, number> = {};
  for (const r of db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name").all()) {
    const t = owner.get(String(r.name)) ?? String(r.name);
    out[t] = (out[t] ?? 0) + num(r.bytes);
  }
  return out;
}

function snapshot(file: string, label: string, work: string): Snapshot {
  const db = open(file);
  try {
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const pragma = (p: string) => num(Object.values(db.prepare(`PRAGMA ${p}`).get() ?? {})[0]);
    const pageSize = pragma("page_size");
    const fileBytes = pragma("page_count") * pageSize;
    const liveBytes = fileBytes - pragma("freelist_count") * pageSize;
    const tables = tableBytes(db);
    const copy = join(work, `vacuum-${Date.now()}.sqlite`);
    db.prepare("VACUUM INTO ?").run(copy);
    const v = open(copy);
    let vacuumBytes = 0;
    let vacuumTables: Record<string, number> = {};
    try {
      vacuumBytes = num(v.prepare("PRAGMA page_count").get()?.page_count) * pageSize;
      vacuumTables = tableBytes(v);
    } finally {
      v.close();
      rmSync(copy, { force: true });
    }
    const rows: Record<string, number> = {};
    for (const t of installationTables(db))
      rows[t] = num(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()?.n);
    const messages: Record<string, number> = {};
    for (const r of db
      .prepare("SELECT author_kind AS k, count(*) AS n FROM messages GROUP BY author_kind")
      .all()) {
      messages[String(r.k)] = num(r.n);
    }
    const sum = (sql: string) => num(db.prepare(sql).get()?.n);
    const bytes = (col: string) => `total(length(CAST(${col} AS BLOB)))`;
    return {
      label,
      pageSize,
      fileBytes,
      liveBytes,
      vacuumBytes,
      tables,
      vacuumTables,
      rows,
      messages,
      textBytes: {
        messages: sum(`SELECT ${bytes("body")} AS n FROM messages`),
        customer: sum(`SELECT ${bytes("body")} AS n FROM messages WHERE author_kind = 'customer'`),
        drafts: sum(`SELECT ${bytes("body")} AS n FROM drafts`),
      },
      proposals: sum("SELECT count(*) AS n FROM kb_entries WHERE source_type = 'learning_loop'"),
    };
  } finally {
    db.close();
  }
}

/**
 * How many of the demo shop's customer messages can still be read in the raw database file (in the
 * free space left inside pages), and how many after VACUUM (where only live rows remain).
 */
function leftovers(file: string, work: string): { messages: number; raw: number; vacuumed: number } {
  const probes = demo<Conversation[]>("conversations.json").map((c) => Buffer.from(c.message.slice(0, 48)));
  const copy = join(work, "leftovers.sqlite");
  const db = open(file);
  try {
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db.prepare("VACUUM INTO ?").run(copy);
  } finally {
    db.close();
  }
  const count = (f: string) => {
    const bytes = readFileSync(f);
    return probes.filter((p) => bytes.includes(p)).length;
  };
  const out = { messages: probes.length, raw: count(file), vacuumed: count(copy) };
  rmSync(copy, { force: true });
  return out;
}

/** A connected installation's id (`i` and 15 characters, zendesk.connect.ts) instead of "default". */
const CONNECTED_ID = "i0123456789abcde";

/** How many more bytes the rows take (after VACUUM) when they carry a connected installation's id. */
function connectedIdBytes(file: string, work: string): number {
  const a = join(work, "rekey-a.sqlite");
  const b = join(work, "rekey-b.sqlite");
  // Bytes used inside pages (not whole pages: a few pages more or less would be noise at this size).
  const used = (f: string) => {
    const db = open(f);
    try {
      return num(db.prepare("SELECT sum(pgsize - unused) AS n FROM dbstat").get()?.n);
    } finally {
      db.close();
    }
  };
  const db = open(file);
  try {
    db.prepare("VACUUM INTO ?").run(a);
  } finally {
    db.close();
  }
  const before = used(a);
  const copy = open(a);
  try {
    for (const t of installationTables(copy))
      copy.prepare(`UPDATE ${t} SET installation_id = ?`).run(CONNECTED_ID);
    copy.prepare("VACUUM INTO ?").run(b);
  } finally {
    copy.close();
  }
  const delta = used(b) - before;
  rmSync(a, { force: true });
  rmSync(b, { force: true });
  return delta;
}

/** Every stored time (integer ms columns named `at`, `*_at`, `*_since`, `*_until`), `ms` earlier. */
function age(file: string, ms: number): string[] {
  const db = open(file);
  const moved: string[] = [];
  try {
    db.exec("BEGIN");
    for (const t of installationTables(db)) {
      const cols = db
        .prepare("SELECT name, type FROM pragma_table_info(?)")
        .all(t)
        .filter((c) => /^INTEGER$/i.test(String(c.type)) && /(^at|_at|_since|_until)$/.test(String(c.name)))
        .map((c) => String(c.name));
      if (cols.length === 0) continue;
      db.prepare(`UPDATE ${t} SET ${cols.map((c) => `${c} = ${c} - ?`).join(", ")}`).run(
        ...cols.map(() => ms),
      );
      moved.push(`${t}.{${cols.join(",")}}`);
    }
    db.exec("COMMIT");
  } finally {
    db.close();
  }
  return moved;
}

/** The Worker's cron (housekeeping: auto release, retention), until it has done its D1 work. */
async function cron(w: Running, standin: ZendeskStandin): Promise<void> {
  const before = (await w.tally()).statements;
  const res = await fetch(`${w.origin}/cdn-cgi/local/scheduled`);
  if (!res.ok) throw new Error(`storage: the scheduled event gave ${res.status}`);
  const deadline = Date.now() + 20_000;
  while ((await w.tally()).statements === before && Date.now() < deadline) await sleep(100);
  await quiet(w, standin);
}

// ---------------------------------------------------------------------------------------------------
// The report.

const CONVERSATION_TABLES = [
  "messages",
  "drafts",
  "ticket_events",
  "attention_items",
  "tickets",
  "webhook_deliveries",
  "job_payloads",
] as const;
const f0 = (n: number) => Math.round(n).toLocaleString("en-US");
const f1 = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const f2 = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const gb = (n: number) => f2(n / 1e9);

/** The planning figures of docs/decisions/007-scale.md. */
const MODEL = {
  ticketsPerDay: 2_000,
  retentionDays: 90,
  /** D1's limit per database (Cloudflare's D1 limits page), taken as 10^10 bytes. */
  dbBytes: 10e9,
  /** Share of a day's tickets in its busiest hour (assumed: a support desk's midday peak). */
  peakHourShare: 0.15,
  /** D1 time per statement (assumed from Cloudflare's guidance: indexed reads under 1 ms, writes "several ms"). */
  readMs: 1,
  writeMs: 5,
  /** Keep one database's busy time under this share (a queue in front of a single writer). */
  utilisation: 0.5,
};

function report(o: {
  seeded: Snapshot;
  stages: Snapshot[];
  mix: Mix;
  tally: Tally;
  moved: string[];
  /** Extra bytes of the last stage with a connected installation's id. */
  idBytes: number;
  left: { messages: number; raw: number; vacuumed: number };
  seconds: number;
}): string {
  const { seeded, stages, mix, tally } = o;
  const [fresh, window, kept] = stages;
  if (!fresh || !window || !kept) return "";
  const customer = fresh.messages.customer ?? 0;
  const allMessages = Object.values(fresh.messages).reduce((a, b) => a + b, 0);
  const perMsg = (bytes: number) => bytes / customer;
  const grown = (s: Snapshot, t: string) => (s.tables[t] ?? 0) - (seeded.tables[t] ?? 0);
  const live = (s: Snapshot) => s.liveBytes - seeded.liveBytes;
  const vac = (s: Snapshot) => s.vacuumBytes - seeded.vacuumBytes;
  const date = new Date().toISOString().slice(0, 10);
  const lines: string[] = [];
  lines.push(
    `Measured ${date} with \`npm run measure:storage\` (${f0(o.seconds)} s; \`wrangler dev\`, local D1, ` +
      `page size ${fresh.pageSize} B; node ${process.version}).`,
    "",
    `Traffic: ${mix.tickets} tickets with the demo shop's messages` +
      `${TAIL_BYTES > 0 ? ` (each customer message with a ${TAIL_BYTES}-byte e-mail tail: signature, quoted thread)` : ""}, ` +
      `${mix.followUps} follow-ups, ` +
      `${mix.takenOver} take overs with ${mix.agentReplies} agent answers, ${mix.released} releases, ` +
      `${mix.resolved} resolves in the sidebar, ${mix.solvedInZendesk} solved in Zendesk. Stored: ` +
      `${allMessages} messages (${Object.entries(fresh.messages)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}): ${f1(allMessages / mix.tickets)} per ticket, ${f1(customer / mix.tickets)} from the ` +
      `customer; ${fresh.rows.drafts ?? 0} drafts, ${fresh.rows.ticket_events ?? 0} audit events, ` +
      `${fresh.rows.attention_items ?? 0} attention items, ${fresh.rows.webhook_deliveries ?? 0} webhook ` +
      `deliveries, ${fresh.rows.job_payloads ?? 0} stored payloads, ${fresh.proposals} KB proposals. ` +
      `Texts: ${f0(fresh.textBytes.customer / customer)} B per customer message, ` +
      `${f0(fresh.textBytes.messages / allMessages)} B per message of any author, ` +
      `${f0(fresh.textBytes.drafts / Math.max(1, fresh.rows.drafts ?? 0))} B per draft.`,
    "",
    "Bytes per customer message, each table with its indexes, pages in use (the seeded schema, KB and " +
      "policies subtracted):",
    "",
    `| table | ${stages.map((s) => s.label).join(" | ")} |`,
    `|---|${stages.map(() => "---:").join("|")}|`,
  );
  for (const t of CONVERSATION_TABLES) {
    lines.push(`| \`${t}\` | ${stages.map((s) => f0(perMsg(grown(s, t)))).join(" | ")} |`);
  }
  const kbGrowth = (s: Snapshot) => grown(s, "kb_entries") + grown(s, "kb_fts");
  lines.push(
    `| KB proposals (\`kb_entries\`, \`kb_fts\` index) | ${stages.map((s) => f0(perMsg(kbGrowth(s)))).join(" | ")} |`,
    `| **database, pages in use** | ${stages.map((s) => `**${f0(perMsg(live(s)))}**`).join(" | ")} |`,
    `| database after \`VACUUM\` | ${stages.map((s) => f0(perMsg(vac(s)))).join(" | ")} |`,
    `| database file (free pages included) | ${stages.map((s) => f0(perMsg(s.fileBytes - seeded.fileBytes))).join(" | ")} |`,
    `| of which message and draft texts | ${stages
      .map((s) => f0(perMsg(s.textBytes.messages + s.textBytes.drafts)))
      .join(" | ")} |`,
    `| **per ticket, pages in use** | ${stages.map((s) => `**${f0(live(s) / mix.tickets)}**`).join(" | ")} |`,
    "",
  );

  // The model: one installation at MODEL.ticketsPerDay, texts kept MODEL.retentionDays; once with the
  // pages in use (what the database holds without VACUUM), once after VACUUM (the least it could hold).
  const m = MODEL;
  const idPerTicket = o.idBytes / mix.tickets;
  const model = (bytes: (s: Snapshot) => number) => {
    const perTicket = (s: Snapshot) => bytes(s) / mix.tickets;
    const forever = perTicket(kept) + idPerTicket;
    const texts = perTicket(window) - perTicket(kept);
    const dedupe = perTicket(fresh) - perTicket(window);
    const bounded = m.ticketsPerDay * (3 * dedupe + m.retentionDays * texts);
    const size = (days: number) =>
      m.ticketsPerDay *
      (Math.min(days, 3) * dedupe + Math.min(days, m.retentionDays) * texts + days * forever);
    const fillDays = (m.dbBytes - bounded) / (m.ticketsPerDay * forever);
    return {
      perTicket: `${f0(perTicket(fresh) + idPerTicket)} / ${f0(perTicket(window) + idPerTicket)} / ${f0(forever)} B`,
      window: `${gb(size(m.retentionDays))} GB`,
      bounded: `${f0(bounded / 1e6)} MB`,
      perYear: `${gb(365 * m.ticketsPerDay * forever)} GB`,
      sizes: `${gb(size(365))} GB / ${gb(size(3 * 365))} GB`,
      fit: `${Math.floor(m.dbBytes / size(365))} / ${Math.floor(m.dbBytes / size(3 * 365))}`,
      fill: `${f0(fillDays)} (${f1(fillDays / 365)} years)`,
      noRetention: f0(m.dbBytes / (m.ticketsPerDay * (perTicket(fresh) + idPerTicket))),
    };
  };
  const inUse = model(live);
  const vacuumed = model(vac);
  const row = (label: string, k: keyof ReturnType<typeof model>) =>
    `| ${label} | ${inUse[k]} | ${vacuumed[k]} |`;
  const reads = tally.statements - tally.writeStatements;
  const peakTicketsPerS = (m.ticketsPerDay * m.peakHourShare) / 3600;
  const writesPerS = (peakTicketsPerS * tally.writeStatements) / mix.tickets;
  const statementsPerS = (peakTicketsPerS * tally.statements) / mix.tickets;
  const busyMsPerS = peakTicketsPerS * ((reads * m.readMs + tally.writeStatements * m.writeMs) / mix.tickets);
  lines.push(
    `One installation at ${f0(m.ticketsPerDay)} tickets a day, texts kept ${m.retentionDays} days, with a ` +
      `connected installation's ${CONNECTED_ID.length}-character id instead of \`default\` ` +
      `(+${f0(idPerTicket)} B per ticket, measured by re-keying the rows):`,
    "",
    "| figure | pages in use | after `VACUUM` |",
    "|---|---:|---:|",
    row("per ticket: fresh / past the de-duplication window / for ever", "perTicket"),
    row(`size after ${m.retentionDays} days (window full)`, "window"),
    row("of which the bounded part (texts, de-duplication records)", "bounded"),
    row("growth after that (rows, audit trail, outcomes), per year", "perYear"),
    row("size after 1 year / 3 years", "sizes"),
    row("such installations in one 10 GB database, each with 1 year / 3 years of history", "fit"),
    row("days until this installation alone fills 10 GB, with retention", "fill"),
    row("days until it fills 10 GB with no retention (nothing erased or deleted)", "noRetention"),
    "",
    "| D1 work | value |",
    "|---|---:|",
    `| statements per ticket (of which writes), rows written per ticket | ${f1(tally.statements / mix.tickets)} (${f1(tally.writeStatements / mix.tickets)}), ${f1(tally.rowsWritten / mix.tickets)} |`,
    `| peak hour (${f0(m.peakHourShare * 100)} % of the day's tickets): statements/s (writes/s) | ${f2(statementsPerS)} (${f2(writesPerS)}) |`,
    `| D1 busy time at that peak (${m.readMs} ms a read, ${m.writeMs} ms a write) | ${f0(busyMsPerS)} ms/s |`,
    `| such installations at their peak on one database, busy ≤ ${f0(m.utilisation * 100)} % | ${Math.floor((m.utilisation * 1000) / busyMsPerS)} |`,
    "",
    `D1 work of the traffic (every statement of the Worker: webhooks, queue consumer, sidebar calls): ` +
      `${f0(tally.calls)} round trips (${f0(tally.writeCalls)} with a write), ${f0(tally.statements)} statements, ${f0(tally.writeStatements)} of ` +
      `them writes, ${f0(tally.rowsWritten)} rows written (D1's count), local SQLite time ${f0(tally.ms)} ms. ` +
      `Queue jobs: ${Object.entries(tally.jobs)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}. Writes: ${Object.entries(tally.writes)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}. Requests: ${Object.entries(tally.requests)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}.`,
    "",
    `After the erasure, ${o.left.raw} of the ${o.left.messages} demo customer messages can still be read ` +
      `in the raw database file (the free space of their pages), ${o.left.vacuumed} after \`VACUUM\` ` +
      `(in the KB proposals, which keep the customer's question by design).`,
    "",
    `Time passed by moving, while the Worker was stopped, these columns back (4 days, then 96 more): ` +
      `${o.moved.join(", ")}; then \`GET /cdn-cgi/local/scheduled\` ran the Worker's cron.`,
  );
  return lines.join("\n");
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "ohallo-storage-"));
  // STORAGE_KEEP=1 keeps the D1 file (and the rest of the run's directory) to look at afterwards.
  if (process.env.STORAGE_KEEP === "1") step(`keeping ${work}`);
  else cleanup.add(async () => rmSync(work, { recursive: true, force: true }));
  mkdirSync(join(work, "state"), { recursive: true });

  const fixed = workerVars("");
  const standin = await startZendeskStandin({
    email: fixed.ZENDESK_EMAIL ?? "",
    apiToken: fixed.ZENDESK_API_TOKEN ?? "",
    apiUser: { id: AI_AGENT_ID, name: "oHallo AI" },
    accountId: ACCOUNT_ID,
    rateLimit: null,
  });
  cleanup.add(() => standin.close());
  for (const a of AGENTS) standin.store.putUser({ ...a, role: "agent" });
  const vars = workerVars(standin.origin);
  let w = await startWorker(work, vars, true);
  standin.feed.config = {
    url: `${w.origin}/webhooks/zendesk`,
    secret: WEBHOOK_SECRET,
    retryDelaysMs: [500, 1000],
  };
  const restart = async () => {
    await w.stop();
    w = await startWorker(work, vars, false);
    if (standin.feed.config) standin.feed.config.url = `${w.origin}/webhooks/zendesk`;
  };

  step("seeding the demo shop's KB and policies");
  await seedDemo({ worker: w.origin, secret: APP_SECRET, standin: standin.origin });
  await w.stop();
  const file = d1File(work);
  const seeded = snapshot(file, "seeded", work);
  const seededIdBytes = connectedIdBytes(file, work);
  step("measured the seeded database");
  await restart();

  step(`driving ${TICKETS} tickets`);
  const mix = await drive(standin, w);
  const tally = await w.tally();
  await w.stop();
  const stages = [snapshot(file, "fresh", work)];

  step("4 days later: the cron's retention");
  const moved = age(file, 4 * DAY);
  await restart();
  await cron(w, standin);
  await w.stop();
  stages.push(snapshot(file, "4 days on: de-duplication records deleted", work));

  step("100 days later: the cron's retention");
  age(file, 96 * DAY);
  await restart();
  await cron(w, standin);
  await w.stop();
  stages.push(snapshot(file, "100 days on: texts erased", work));
  const idBytes = connectedIdBytes(file, work) - seededIdBytes;
  const left = leftovers(file, work);

  console.log(
    report({ seeded, stages, mix, tally, moved, idBytes, left, seconds: (Date.now() - began) / 1000 }),
  );
}

try {
  await main();
} catch (error) {
  console.error("storage: failed:", error);
  process.exitCode = 1;
} finally {
  await cleanup.runAll();
}
process.exit(process.exitCode ?? 0);
