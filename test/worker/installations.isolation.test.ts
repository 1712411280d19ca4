// Two connected installations and the default one on one Worker: each answers its
// own customers from its own KB, no /api route and no webhook of one reads or
// changes the other's data, no secret appears in a response or a log line, and
// every request to Zendesk carries the marketplace headers.
import { env, exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import kb from "../../demo/kb.json";
import { signedWebhookRequest } from "../../standin/zendesk/webhooks";
import { TEST_ENCRYPTION_KEY, TEST_MARKETPLACE, TEST_OAUTH_CLIENT } from "../support/installations.config";
import {
  type Account,
  api,
  connect,
  createAccount,
  createTicket,
  deliver,
  requests,
  ticket,
  webhooks,
} from "./support/accounts";
import { ANA, waitUntil } from "./support/harness";

const SHIP = "Which countries do you ship to?";
const shipping = kb.find((e) => e.question === SHIP);

interface Tenant {
  account: Account;
  secret: string;
  installationId: string;
}
let a: Tenant;
let b: Tenant;
/** A third account, connected after A and B: it lands in A's database (the least used). */
let c: Tenant;
const logged: string[] = [];

beforeAll(async () => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(" "));
    });
  }
  const tenant = async (name: string): Promise<Tenant> => {
    const account = await createAccount(name);
    const { secret, installationId } = await connect(account);
    return { account, secret, installationId };
  };
  a = await tenant("alpha");
  b = await tenant("beta");
  c = await tenant("gamma");
  // Each installation has its own KB: only A knows the shipping answer.
  expect((await api(a.secret, "POST", "/kb-entries", shipping)).status).toBe(201);
  for (const t of [a, b, c]) {
    await t.account.control("POST", "/users", { ...ANA, role: "agent" });
  }
});

afterAll(() => vi.restoreAllMocks());

/** The `items` of a list answer. */
function itemsOf<T = unknown>(r: { body: Record<string, unknown> | null }): T[] {
  const items = r.body?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

async function settledOutcome(t: Tenant, id: number): Promise<{ attention: unknown[]; state: string }> {
  return waitUntil(async () => {
    await deliver(t.account, id);
    const view = await api(t.secret, "GET", `/tickets/${id}`);
    const body = view.body as { attention: unknown[]; state: string; events: { type: string }[] };
    return body.events.some((e) => e.type === "ai_replied" || e.type === "ai_flagged") ? body : null;
  }, 20_000);
}

describe("two connected installations and the default one", () => {
  it("each answers its own customers from its own knowledge base, as its own AI user", async () => {
    const inA = await createTicket(a.account, SHIP);
    const inB = await createTicket(b.account, SHIP);
    await settledOutcome(a, inA);
    await settledOutcome(b, inB);
    const zA = await ticket(a.account, inA);
    const zB = await ticket(b.account, inB);
    const aiA = zA.comments.filter((c) => c.author_id === a.account.admin.id && c.public);
    expect(aiA.map((c) => c.body).join("\n")).toContain(shipping?.answer);
    expect(zA.ticket.tags).toContain("ohallo_ai");
    // B's KB is empty: flagged, nothing sent.
    expect(zB.comments.filter((c) => c.author_id === b.account.admin.id)).toHaveLength(0);
    expect(zB.ticket.tags).toContain("ohallo_attention");
    // Ticket ids are the account's: the same number in another installation is another ticket.
    expect((await api(b.secret, "GET", `/tickets/${inA}`)).body).toMatchObject({ state: "open", events: [] });
    // A was connected first and lives in the second database (the least used; the default
    // installation is in the first): its rows are there, and only there.
    const rows = (db: D1Database, t: Tenant, table: string) =>
      db
        .prepare(`SELECT count(*) AS n FROM ${table} WHERE installation_id = ?`)
        .bind(t.installationId)
        .first<{ n: number }>()
        .then((r) => r?.n ?? 0);
    for (const table of ["tickets", "messages", "drafts", "kb_entries", "ticket_events"]) {
      expect(await rows(env.DB_1, a, table), `${table} of A in DB_1`).toBeGreaterThan(0);
      expect(await rows(env.DB, a, table), `${table} of A in DB`).toBe(0);
    }
    expect(await rows(env.DB, b, "tickets")).toBeGreaterThan(0);
    expect(await rows(env.DB_1, b, "tickets")).toBe(0);
  });

  it("no /api route reads or changes another installation's data with its secret", async () => {
    const inA = await createTicket(a.account, "Do you sell garden gnomes made of marble?");
    const view = await settledOutcome(a, inA);
    const item = (view.attention as { id: number }[])[0];
    const entry = itemsOf<{ id: number }>(await api(a.secret, "GET", "/kb-entries"))[0];
    const policy = await api(a.secret, "POST", "/policy-entries", {
      topic: "Legal",
      ruleText: "People only.",
      action: "escalate",
    });
    const policyId = (policy.body as { id: number }).id;
    expect(item && entry && policyId).toBeTruthy();
    const probes: [string, string, unknown?][] = [
      ["GET", `/attention-items?status=open`],
      ["POST", `/attention-items/${item?.id}/resolve`, {}],
      ["GET", `/kb-entries/${entry?.id}`],
      ["PATCH", `/kb-entries/${entry?.id}`, { answer: "hijacked" }],
      ["DELETE", `/kb-entries/${entry?.id}`],
      ["POST", `/kb-entries/${entry?.id}/approve`, {}],
      ["POST", `/kb-entries/${entry?.id}/reject`, {}],
      ["POST", `/kb-entries/${entry?.id}/publish`, {}],
      ["PATCH", `/policy-entries/${policyId}`, { ruleText: "hijacked" }],
      ["DELETE", `/policy-entries/${policyId}`],
      ["POST", `/tickets/${inA}/takeover`, { agent: ANA }],
    ];
    // Installations that share a database (C with A: ids are unique there) and one that does not
    // (B: its own rows may carry the same ids, which are then its own).
    const dbOf = async (t: Tenant) =>
      (
        await env.DB.prepare("SELECT database FROM installations WHERE id = ?")
          .bind(t.installationId)
          .first<{ database: string }>()
      )?.database;
    expect(await dbOf(c)).toBe(await dbOf(a));
    expect(await dbOf(b)).not.toBe(await dbOf(a));
    for (const [method, path, body] of probes) {
      const r = await api(c.secret, method, path, body);
      expect(r.status, `${method} ${path}`).not.toBe(500);
      if (method === "GET" && path.startsWith("/attention-items")) {
        const items = r.body?.items as { ticketId: number }[];
        expect(
          items.filter((i) => i.ticketId === inA),
          path,
        ).toEqual([]);
      } else if (!path.includes("/takeover")) {
        expect(r.status, `${method} ${path}`).toBe(404);
      }
    }
    // A's data is as it was.
    const still = await api(a.secret, "GET", `/kb-entries?limit=500`);
    expect(JSON.stringify(still.body)).not.toContain("hijacked");
    expect((await api(a.secret, "GET", `/tickets/${inA}`)).body).toMatchObject({ state: "open" });
    expect(itemsOf(await api(a.secret, "GET", "/attention-items?status=open")).length).toBeGreaterThan(0);
    // Settings and statistics are each installation's own.
    await api(b.secret, "PATCH", "/settings", { brandTone: "Terse." });
    expect((await api(a.secret, "GET", "/settings")).body?.brandTone).not.toBe("Terse.");
    expect((await api(env.APP_API_SECRET, "GET", "/settings")).body?.brandTone).not.toBe("Terse.");
  });

  it("a webhook signed with another installation's secret, or sent to another's endpoint, is refused (401, nothing stored)", async () => {
    const inA = await createTicket(a.account, "Hello there");
    const events = (await a.account.control("GET", `/events?ticketId=${inA}`)) as { body: unknown }[];
    const [hookA] = await webhooks(a.account);
    const [hookB] = await webhooks(b.account);
    if (!hookA || !hookB) throw new Error("no webhooks");
    const body = events[0]?.body as Parameters<typeof signedWebhookRequest>[1];
    const wrongSecret = await signedWebhookRequest(hookA.endpoint, body, { secret: hookB.secret });
    expect((await exports.default.fetch(wrongSecret)).status).toBe(401);
    const defaultSecret = await signedWebhookRequest(hookA.endpoint, body, {
      secret: env.ZENDESK_WEBHOOK_SECRET,
    });
    expect((await exports.default.fetch(defaultSecret)).status).toBe(401);
    const unknown = await signedWebhookRequest("http://worker/webhooks/zendesk/inobody", body, {
      secret: hookA.secret,
    });
    expect((await exports.default.fetch(unknown)).status).toBe(401);
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM tickets WHERE ticket_id = ?")
      .bind(inA)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });

  it("every request to Zendesk carried the marketplace headers, the token endpoint included", async () => {
    for (const t of [a, b]) {
      // The consent page is the admin's browser, not the Worker.
      const log = (await requests(t.account)).filter((r) => !r.path.startsWith("/oauth/authorizations"));
      expect(log.length).toBeGreaterThan(5);
      expect(log.some((r) => r.path.startsWith("/oauth/tokens"))).toBe(true);
      for (const r of log) {
        expect(r.marketplace, `${r.method} ${r.path}`).toEqual({
          name: TEST_MARKETPLACE.name,
          organizationId: TEST_MARKETPLACE.organizationId,
          appId: TEST_MARKETPLACE.appId,
        });
      }
    }
  });

  it("no secret appears in any response body or log line", async () => {
    const secrets = [
      a.secret,
      b.secret,
      env.APP_API_SECRET,
      env.ZENDESK_WEBHOOK_SECRET,
      TEST_OAUTH_CLIENT.secret,
      TEST_ENCRYPTION_KEY,
      ...(await webhooks(a.account)).map((w) => w.secret),
      ...(await webhooks(b.account)).map((w) => w.secret),
    ];
    const tokens = (await a.account.control("GET", "/oauth/tokens")) as {
      access_token?: string;
      refresh_token?: string;
    }[];
    for (const t of Array.isArray(tokens) ? tokens : [])
      secrets.push(t.access_token ?? "", t.refresh_token ?? "");
    const answers = [
      await api(a.secret, "GET", "/installation"),
      await api(a.secret, "GET", "/installation/export"),
      await api(a.secret, "GET", "/settings"),
      await api(a.secret, "GET", "/kb-entries"),
      await api("wrong", "GET", "/installation"),
    ];
    for (const secret of secrets.filter((s) => s.length >= 8)) {
      for (const r of answers) expect(r.text).not.toContain(secret);
      for (const line of logged) expect(line).not.toContain(secret);
    }
  });
});
