// Seeds the local demo as it would live, in two Zendesk accounts of the stand-in: Nordlys Home
// (demo/kb.json, policies.json, six tickets from conversations.json) and Fjord Outdoor, a smaller
// shop (demo/fjord.json). For each: the account with its admin and agents, the app installed
// (backend_url, a secure api_secret) with the views it creates, then oHallo CONNECTED the real way
// over HTTP (the Worker's /connect/zendesk redirect, the account's consent page answered "Allow",
// the callback; the Worker then registers its webhook and writes a fresh api_secret into the app's
// installation). After that everything goes through that installation only: KB entries and
// policies through the Worker's API with the api_secret read back from the installation (as
// Zendesk's proxy would send it), tickets written by customers in the account (its own signed
// webhook → Worker → queue → AI), take over / resolve through the API, as the sidebar does.
import { readFileSync } from "node:fs";

export interface SeedTarget {
  /** The Worker's public origin (https; the calling process trusts its local certificate). */
  worker: string;
  /** The Zendesk stand-in's origin (accounts at `{standin}/{subdomain}`). */
  standin: string;
  /** ZENDESK_APP_ID: the app the Worker looks for in each account. */
  appId: number;
}
interface Agent {
  id: number;
  name: string;
}
export type DemoRole = "answered" | "flagged" | "taken_over" | "resolved";
export interface SeededTicket {
  role: DemoRole;
  id: number;
  subject: string;
  /** The conversation of demo/conversations.json it comes from (Nordlys Home), or "". */
  conversation: string;
}
interface Conversation {
  id: string;
  subject: string;
  message: string;
  expected: { outcome: string };
}
interface TicketView {
  events: { type: string }[];
  attention: unknown[];
  pendingDraft: unknown;
}
export interface Example {
  subject: string;
  message: string;
  /** What the offline drafter does with it. */
  outcome: string;
}

interface DemoTicket {
  role: DemoRole;
  requester: string;
  subject: string;
  message: string;
  conversation: string;
}
interface Shop {
  subdomain: string;
  name: string;
  /** The admin who connects oHallo: a dedicated integration admin, so AI replies are signed "oHallo AI". */
  admin: { name: string; email: string };
  agents: Agent[];
  kb: unknown[];
  policies: unknown[];
  tickets: DemoTicket[];
  examples: Example[];
}

const json = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(`../demo/${file}`, import.meta.url), "utf8")) as T;

/** Who writes what at Nordlys Home; the conversations are the labelled ones of demo/conversations.json. */
const NORDLYS_TICKETS: { role: DemoRole; conversation: string; requester: string }[] = [
  { role: "answered", conversation: "c01", requester: "Giulia Rossi" },
  { role: "answered", conversation: "c29", requester: "Lucía García" },
  { role: "flagged", conversation: "c05", requester: "Emma Wilson" },
  { role: "flagged", conversation: "c03", requester: "Daniel Harris" },
  { role: "taken_over", conversation: "c46", requester: "Sofie Jensen" },
  { role: "resolved", conversation: "c59", requester: "Mads Nielsen" },
];
const TAKEN_OVER_REPLY =
  "Hi Sofie, I caught your order before it left our warehouse and changed the delivery address " +
  "to the new one. You will get a fresh shipping confirmation within the hour. Best, Bo";

const EXAMPLES: Record<string, string> = {
  c12: "the AI answers",
  c19: "the AI answers",
  c35: "the AI answers",
  c26: "the AI flags it: a person is asked for",
  c22: "the AI flags it: no approved answer",
};

/** A few customer messages to try on Nordlys Home's "New customer ticket" page, none used by the seed. */
export function demoExamples(): Example[] {
  const conversations = json<Conversation[]>("conversations.json");
  return Object.entries(EXAMPLES).flatMap(([id, outcome]) => {
    const c = conversations.find((x) => x.id === id);
    return c ? [{ subject: c.subject, message: c.message, outcome }] : [];
  });
}

function nordlys(): Shop {
  const conversations = json<Conversation[]>("conversations.json");
  return {
    subdomain: "nordlys",
    name: "Nordlys Home",
    admin: { name: "oHallo AI", email: "ai@nordlys.example" },
    agents: [
      { id: 7001, name: "Ana Berg" },
      { id: 7002, name: "Bo Larsen" },
    ],
    kb: json<unknown[]>("kb.json"),
    policies: json<unknown[]>("policies.json"),
    tickets: NORDLYS_TICKETS.map((d) => {
      const c = conversations.find((x) => x.id === d.conversation);
      if (!c) throw new Error(`seed: no conversation ${d.conversation}`);
      return { ...d, subject: c.subject, message: c.message };
    }),
    examples: demoExamples(),
  };
}

function fjord(): Shop {
  const data = json<{ kb: unknown[]; policies: unknown[]; tickets: Omit<DemoTicket, "conversation">[] }>(
    "fjord.json",
  );
  return {
    subdomain: "fjord",
    name: "Fjord Outdoor",
    admin: { name: "oHallo AI", email: "ai@fjord.example" },
    agents: [
      { id: 7101, name: "Frida Dahl" },
      { id: 7102, name: "Jonas Lie" },
    ],
    kb: data.kb,
    policies: data.policies,
    tickets: data.tickets.map((t) => ({ ...t, conversation: "" })),
    examples: [
      {
        subject: "Boot repair",
        message: "Do you repair hiking boots? The sole of mine is coming off.",
        outcome: "the AI answers",
      },
      {
        subject: "Jacket care",
        message: "How do I re-waterproof my rain jacket? It soaks through now.",
        outcome: "the AI answers",
      },
    ],
  };
}

async function http(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { redirect: "manual", ...init });
  if (res.status >= 400) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  return res;
}

const sendJson = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** An account's control API (`{standin}/{subdomain}/__standin`): what Zendesk's own UI and admin do. */
function controlOf(t: SeedTarget, subdomain: string) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const url = `${t.standin}/${subdomain}/__standin${path}`;
    const res = await http(url, body === undefined ? { method } : sendJson(method, body));
    return (await res.json()) as T;
  };
}

/** The Worker's API as Zendesk's proxy calls it for this installation (its api_secret). */
function apiOf(worker: string, secret: string) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const init = body === undefined ? { method } : sendJson(method, body);
    const res = await http(`${worker}/api${path}`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${secret}` },
    });
    return (await res.json()) as T;
  };
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The consent page's "Allow" form: where it posts and what it carries. */
export function allowForm(html: string): { action: string; fields: [string, string][] } {
  for (const m of html.matchAll(/<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const inputs = [...(m[2] ?? "").matchAll(/<input\b[^>]*\bname="([^"]*)"[^>]*\bvalue="([^"]*)"[^>]*>/g)];
    const fields = inputs.map((i): [string, string] => [unescapeHtml(i[1] ?? ""), unescapeHtml(i[2] ?? "")]);
    if (fields.some(([name, value]) => name === "decision" && value === "allow"))
      return { action: unescapeHtml(m[1] ?? ""), fields };
  }
  throw new Error("seed: the consent page has no Allow form");
}

/**
 * An admin connects oHallo to the account, over HTTP as a browser would: the Worker's redirect to
 * the account's consent page, Allow, the redirect back to the Worker's callback.
 */
export async function connectAccount(t: SeedTarget, subdomain: string): Promise<void> {
  const start = await http(`${t.worker}/connect/zendesk?subdomain=${encodeURIComponent(subdomain)}`);
  const authorize = start.headers.get("location");
  if (start.status !== 302 || !authorize) throw new Error(`seed: /connect/zendesk answered ${start.status}`);
  const consent = await http(authorize);
  const form = allowForm(await consent.text());
  const decided = await http(new URL(form.action, authorize).href, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form.fields).toString(),
  });
  const callback = decided.headers.get("location");
  if (decided.status !== 302 || !callback) throw new Error(`seed: the consent answered ${decided.status}`);
  if (!callback.startsWith(`${t.worker}/connect/zendesk/callback?`) || /[?&]error=/.test(callback))
    throw new Error(`seed: the consent did not come back with a code: ${callback}`);
  const done = await http(callback);
  const page = await done.text();
  if (done.status !== 200 || !page.includes("is connected"))
    throw new Error(
      `seed: connecting ${subdomain} failed (${done.status}): ${page.replace(/<[^>]+>/g, " ")}`,
    );
}

/** Waits until the Worker has dealt with the customer's message: answered, flagged or held. */
async function handled(api: ReturnType<typeof apiOf>, id: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await api<TicketView>("GET", `/tickets/${id}`);
    if (view.events.some((e) => e.type.startsWith("ai_")) || view.attention.length || view.pendingDraft)
      return;
    if (Date.now() > deadline) throw new Error(`seed: the Worker did not handle ticket ${id} in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** KB entries and policies, as an admin would add them in the app, only into an empty installation. */
async function seedKnowledge(
  api: ReturnType<typeof apiOf>,
  kb: unknown[],
  policies: unknown[],
): Promise<string> {
  const existing = await api<{ total: number }>("GET", "/kb-entries?limit=1");
  if (existing.total > 0) return `kept the existing ${existing.total} KB entries`;
  for (const e of kb) await api("POST", "/kb-entries", e);
  for (const p of policies) await api("POST", "/policy-entries", p);
  return `${kb.length} KB entries, ${policies.length} ${policies.length === 1 ? "policy" : "policies"}`;
}

/** Nordlys Home's KB entries and policies into one installation (the benchmarks' default one). */
export function seedDemo(t: { worker: string; secret: string; standin?: string }): Promise<string> {
  return seedKnowledge(
    apiOf(t.worker, t.secret),
    json<unknown[]>("kb.json"),
    json<unknown[]>("policies.json"),
  );
}

export interface SeededAccount {
  subdomain: string;
  name: string;
  /** The Worker's installation id (the end of its webhook's endpoint). */
  installationId: string;
  /** The api_secret the Worker wrote into the app's installation (what Zendesk's proxy sends). */
  secret: string;
  /** The admin who connected it: the Worker posts AI replies as this user. */
  aiAgentId: number;
  agents: readonly Agent[];
  tickets: SeededTicket[];
  examples: Example[];
  summary: string;
}

async function seedShop(t: SeedTarget, shop: Shop): Promise<SeededAccount> {
  const created = await http(
    `${t.standin}/__standin/accounts`,
    sendJson("POST", { subdomain: shop.subdomain, admin: shop.admin, email: shop.admin.email }),
  );
  const { account } = (await created.json()) as { account: { admin: { id: number } } };
  const control = controlOf(t, shop.subdomain);
  for (const a of shop.agents) {
    const email = `${a.name.split(" ")[0]?.toLowerCase()}@${shop.subdomain}.example`;
    await control("POST", "/users", { ...a, email, role: "agent" });
  }
  // Installing the app: its settings (api_secret is secure, set by the Worker on connect) and the
  // views of its requirements.json.
  await control("POST", "/apps/installations", {
    app_id: t.appId,
    settings: { backend_url: t.worker },
    secure: ["api_secret"],
  });
  const requirements = JSON.parse(
    readFileSync(new URL("../manifest/requirements.json", import.meta.url), "utf8"),
  ) as { views?: Record<string, { title: string; active?: boolean; all?: unknown[]; any?: unknown[] }> };
  for (const v of Object.values(requirements.views ?? {}))
    await control("POST", "/views", { title: v.title, active: v.active, all: v.all, any: v.any });
  // A section in the account's Guide, so "Publish to Guide" in the admin area has a place to go.
  await control("POST", "/help-center/sections", { name: `${shop.name} help` });

  await connectAccount(t, shop.subdomain);

  // From here on, only what the connect left in the account.
  const { installations } = await control<{
    installations: { app_id: number; settings: Record<string, unknown> }[];
  }>("GET", "/apps/installations");
  const secret = String(installations.find((i) => i.app_id === t.appId)?.settings.api_secret ?? "");
  if (!secret.startsWith("ohs_")) throw new Error(`seed: no api_secret in ${shop.subdomain}'s installation`);
  const { webhooks } = await control<{ webhooks: { endpoint: string }[] }>("GET", "/webhooks");
  const hook = webhooks.find((w) => w.endpoint.startsWith(`${t.worker}/webhooks/zendesk/`));
  if (!hook) throw new Error(`seed: the Worker registered no webhook in ${shop.subdomain}`);
  const installationId = hook.endpoint.split("/").pop() ?? "";
  const api = apiOf(t.worker, secret);

  const knowledge = await seedKnowledge(api, shop.kb, shop.policies);

  const tickets: SeededTicket[] = [];
  for (const d of shop.tickets) {
    const email = `${d.requester.split(" ")[0]?.toLowerCase()}@example.com`;
    const ticket = await control<{ ticket: { id: number } }>("POST", "/tickets", {
      subject: d.subject,
      requester: { name: d.requester, email },
      comments: [{ body: d.message, author: "requester" }],
    });
    tickets.push({ role: d.role, id: ticket.ticket.id, subject: d.subject, conversation: d.conversation });
  }
  await Promise.all(tickets.map((s) => handled(api, s.id)));
  const [first, second] = shop.agents;
  for (const s of tickets) {
    if (s.role === "taken_over" && second) {
      await api("POST", `/tickets/${s.id}/takeover`, { agent: second });
      await control("POST", `/tickets/${s.id}/comments`, {
        body: TAKEN_OVER_REPLY,
        public: true,
        author: { ...second, role: "agent" },
      });
    }
    if (s.role === "resolved" && first) await api("POST", `/tickets/${s.id}/resolve`, { agent: first });
  }
  return {
    subdomain: shop.subdomain,
    name: shop.name,
    installationId,
    secret,
    aiAgentId: account.admin.id,
    agents: shop.agents,
    tickets,
    examples: shop.examples,
    summary: `${knowledge}, ${tickets.length} tickets`,
  };
}

export interface DemoSeed {
  summary: string;
  /** Nordlys Home first (where the workspace opens), then Fjord Outdoor. */
  accounts: SeededAccount[];
  /** Nordlys Home's tickets. */
  tickets: SeededTicket[];
}

/** Both demo accounts, one after the other (each connect is its own OAuth dance). */
export async function seedLocalDemo(t: SeedTarget): Promise<DemoSeed> {
  const accounts: SeededAccount[] = [];
  for (const shop of [nordlys(), fjord()]) accounts.push(await seedShop(t, shop));
  const summary = accounts.map((a) => `${a.name} (${a.subdomain}): ${a.summary}`).join("; ");
  return { summary, accounts, tickets: accounts[0]?.tickets ?? [] };
}
