// The local agent workspace: one page that stands in for Zendesk's agent UI over the Zendesk
// stand-in (views, a ticket with its conversation, reply boxes, the agent picker) and frames
// the real built sidebar through the ZAF bridge. Many accounts: each lives under `/{subdomain}`
// (as each Zendesk account has its own host), with its own tickets, agents and app installation;
// the top bar switches between them. Reads the stand-in's stores in process; writes only through
// each account's control API. Never part of the app package (nothing in app/ imports it).
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import type { Account } from "../zendesk/account.ts";
import type { ZendeskStandin } from "../zendesk/server.ts";
import { ControlError, type ControlClient, controlClient } from "./control.client.ts";
import { adminBody } from "./page.admin.ts";
import { ADMIN_PATH, type AccountRef, type Agent, page } from "./page.layout.ts";
import { type Example, listBody, newTicketBody } from "./page.list.ts";
import { ticketBody } from "./page.ticket.ts";
import { conversation, isViewKey, rows, versionOf, viewCounts } from "./tickets.ts";
import { type AppInstallation, closeServer, createZafBridge, listen, ZAF_PROXY_PATH } from "./zaf-host.ts";
import { readBody } from "./zaf-proxy.ts";

/** A Zendesk account of the stand-in the workspace shows, with the app installed. */
export interface WorkspaceAccount extends AccountRef {
  /** The user the Worker posts AI replies as (whose comments are the AI's). */
  aiAgentId: number;
  /** The agents one can sign in as (agents of that account); the first is the default. */
  agents: readonly Agent[];
  /** Customer messages offered on the "New customer ticket" page. */
  examples?: readonly Example[];
}

export interface WorkspaceOptions {
  standin: ZendeskStandin;
  /** The built app package (its manifest's domainWhitelist must name the Worker's host). */
  appDir: string;
  /** The app's id: its installation in each account holds backend_url and the secure api_secret. */
  appId: number;
  /** The accounts to switch between; the first is where `/` leads. */
  accounts: readonly WorkspaceAccount[];
  /** Certificates (PEM) the proxy trusts besides Node's CAs: the local Worker's. */
  trust?: readonly string[];
  host?: string;
  /** 0 (the default) picks a free port; so does `appPort` (the app's own origin, as Zendesk's CDN). */
  port?: number;
  appPort?: number;
}

export interface Workspace {
  origin: string;
  appOrigin: string;
  /** `{origin}/{subdomain}`: where an account's pages are. */
  accountUrl(subdomain: string): string;
  close(): Promise<void>;
}

const here = import.meta.dirname;
const root = resolve(here, "../..");
const COOKIE = "ohallo_agent";
const STYLES = ["base", "badges", "views", "ticket", "admin"];

async function clientScript(): Promise<string> {
  const out = await build({
    entryPoints: [join(here, "client", "live.ts")],
    bundle: true,
    format: "iife",
    target: "chrome111",
    write: false,
    logLevel: "warning",
  });
  return out.outputFiles[0]?.text ?? "";
}

function send(res: ServerResponse, status: number, type: string, body: string, headers = {}) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
  res.end(body);
}
const html = (res: ServerResponse, status: number, body: string) =>
  send(res, status, "text/html; charset=utf-8", body);
const redirect = (res: ServerResponse, to: string, headers = {}) =>
  send(res, 303, "text/plain", "", { location: to, ...headers });

/** An account as one request sees it: its stand-in parts, its control API, its base path. */
interface Scope {
  def: WorkspaceAccount;
  account: Account;
  control: ControlClient;
  base: string;
}

/** Settings as ZAF hands them over: strings (a missing value is empty). */
const asStrings = (settings: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(settings).map(([k, v]) => [k, v === null || v === undefined ? "" : String(v)]),
  );

export async function startWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const { standin } = options;
  const first = options.accounts[0];
  if (!first) throw new Error("workspace: needs at least one account");
  const home = first.subdomain;
  const scopes = new Map<string, Scope>();
  for (const def of options.accounts) {
    const account = standin.account(def.subdomain);
    if (!account) throw new Error(`workspace: the stand-in has no account ${def.subdomain}`);
    const control = controlClient(`${standin.origin}/${def.subdomain}`);
    scopes.set(def.subdomain, { def, account, control, base: `/${def.subdomain}` });
  }
  /** The app's installation in an account, read afresh (a reconnect writes a new api_secret). */
  const installation = (subdomain: string): AppInstallation | undefined => {
    const found = scopes
      .get(subdomain)
      ?.account.apps.list()
      .find((i) => i.app_id === options.appId);
    return found?.enabled ? { id: found.id, settings: asStrings(found.settings) } : undefined;
  };
  const bridge = await createZafBridge({
    appDir: options.appDir,
    installation,
    trust: options.trust,
    subdomain: home,
    host: options.host,
    appPort: options.appPort,
  });
  const assets: Record<string, [string, string]> = {
    "/garden.css": [
      "text/css",
      readFileSync(join(root, "node_modules/@zendeskgarden/css-variables/dist/index.css"), "utf8"),
    ],
    "/workspace.css": [
      "text/css",
      STYLES.map((name) => readFileSync(join(here, "styles", `${name}.css`), "utf8")).join("\n"),
    ],
    "/workspace.js": ["text/javascript", await clientScript()],
  };
  const accountRefs: AccountRef[] = options.accounts.map((a) => ({ subdomain: a.subdomain, name: a.name }));

  function agentOf(req: IncomingMessage, s: Scope): Agent {
    const id = Number(/(?:^|;\s*)ohallo_agent=(\d+)/.exec(req.headers.cookie ?? "")?.[1]);
    return s.def.agents.find((a) => a.id === id) ?? (s.def.agents[0] as Agent);
  }

  function frame(
    req: IncomingMessage,
    s: Scope,
    path: string,
    title: string,
    body: string,
    ticketId?: number,
  ) {
    const store = s.account.store;
    const t = ticketId === undefined ? undefined : store.tickets.get(ticketId);
    return page({
      title,
      account: { subdomain: s.def.subdomain, name: s.def.name },
      accounts: accountRefs,
      base: s.base,
      agent: agentOf(req, s),
      agents: s.def.agents,
      path,
      live: {
        version: versionOf([...store.tickets.values()]),
        ticket: t && { id: t.id, version: versionOf([t]) },
      },
      tab: t && { id: t.id, subject: t.subject },
      app: path === ADMIN_PATH,
      body,
    });
  }

  function ticketPage(req: IncomingMessage, res: ServerResponse, s: Scope, id: number) {
    const store = s.account.store;
    const t = store.tickets.get(id);
    if (!t)
      return html(
        res,
        404,
        frame(req, s, "/views/ai", "Not found", `<p class="empty">No ticket #${id}.</p>`),
      );
    const agent = agentOf(req, s);
    const user = (uid: number) => store.users.get(uid);
    const requester = user(t.requester_id)?.name ?? `User ${t.requester_id}`;
    const zaf = bridge.pageConfig({
      user: { ...agent, locale: "en-US" },
      ticket: { id: t.id, subject: t.subject, status: t.status },
      subdomain: s.def.subdomain,
    });
    const entries = conversation(store.comments.get(id) ?? [], user, s.def.aiAgentId);
    const appIcon = `${bridge.appOrigin}/assets/logo-small.png`;
    const body = ticketBody({ ticket: t, requester, entries, agent, zaf, appIcon, base: s.base }, new Date());
    html(res, 200, frame(req, s, `/tickets/${id}`, `#${id} ${t.subject}`, body, id));
  }

  /** Answers a write: JSON for the live script, a redirect for a plain form post. */
  async function write(req: IncomingMessage, res: ServerResponse, run: () => Promise<string>) {
    const wantsJson = /json/.test(req.headers.accept ?? "");
    try {
      const to = await run();
      return wantsJson
        ? send(res, 200, "application/json", JSON.stringify({ ok: true, next: to }))
        : redirect(res, to);
    } catch (error) {
      const status = error instanceof ControlError ? error.status : 500;
      const message = (error as Error).message;
      return wantsJson
        ? send(res, status >= 500 ? 502 : status, "application/json", JSON.stringify({ error: message }))
        : send(res, 400, "text/plain; charset=utf-8", message);
    }
  }

  /** One account's pages; `path` is under its base. */
  async function accountRoute(req: IncomingMessage, res: ServerResponse, s: Scope, url: URL, path: string) {
    const method = req.method ?? "GET";
    const store = s.account.store;
    const tickets = () => [...store.tickets.values()];
    const user = (uid: number) => store.users.get(uid);
    const ticketMatch = /^\/tickets\/(\d+)(\/comments)?$/.exec(path);
    if (method === "GET" && (path === "" || path === "/")) return redirect(res, `${s.base}/views/ai`);
    if (method === "GET" && path === "/live") {
      const t = store.tickets.get(Number(url.searchParams.get("ticket")));
      const live = {
        version: versionOf(tickets()),
        ticket: t ? versionOf([t]) : null,
        status: t?.status ?? null,
      };
      return send(res, 200, "application/json", JSON.stringify(live));
    }
    const view = /^\/views\/([a-z]+)$/.exec(path)?.[1];
    if (method === "GET" && view && isViewKey(view)) {
      const all = tickets();
      const body = listBody(viewCounts(all), view, rows(all, view, user), new Date(), s.base);
      return html(res, 200, frame(req, s, path, "Views", body));
    }
    if (method === "GET" && path === "/tickets/new") {
      const examples = s.def.examples ?? [];
      const chosen = examples[Number(url.searchParams.get("example") ?? -1)];
      const body = newTicketBody(viewCounts(tickets()), examples, chosen, s.base);
      return html(res, 200, frame(req, s, path, "New ticket", body));
    }
    if (method === "GET" && ticketMatch && !ticketMatch[2])
      return ticketPage(req, res, s, Number(ticketMatch[1]));
    if (method === "GET" && path === ADMIN_PATH) {
      const zaf = bridge.pageConfig({
        user: { ...agentOf(req, s), locale: "en-US", role: "admin" },
        location: "nav_bar",
        ticketUrl: `${s.base}/tickets/{id}`,
        subdomain: s.def.subdomain,
      });
      return html(res, 200, frame(req, s, path, "oHallo", adminBody(zaf)));
    }
    if (method !== "POST") return send(res, 404, "text/plain", "Not found");

    const form = new URLSearchParams(await readBody(req));
    const text = (name: string) => (form.get(name) ?? "").trim();
    if (path === "/agent") {
      const chosen = s.def.agents.find((a) => a.id === Number(form.get("agent"))) ?? s.def.agents[0];
      const next = text("next").startsWith("/") ? text("next") : "/views/ai";
      // Each account has its own agents: the cookie is the account's (its path).
      const cookie = `${COOKIE}=${chosen?.id}; Path=${s.base}; SameSite=Lax`;
      return redirect(res, `${s.base}${next}`, { "set-cookie": cookie });
    }
    if (path === "/tickets") {
      return write(req, res, async () => {
        const id = await s.control.createTicket({
          subject: text("subject") || "(no subject)",
          requester: { name: text("name") || "Customer", email: text("email") || undefined },
          body: text("body"),
        });
        return `${s.base}/tickets/${id}`;
      });
    }
    if (ticketMatch?.[2]) {
      const id = Number(ticketMatch[1]);
      const agent = agentOf(req, s);
      return write(req, res, async () => {
        await (form.get("as") === "customer"
          ? s.control.comment(id, { body: text("body"), public: true, author: "requester" })
          : s.control.comment(id, {
              body: text("body"),
              public: form.get("public") !== "false",
              author: { ...agent, role: "agent" },
            }));
        return `${s.base}/tickets/${id}`;
      });
    }
    return send(res, 404, "text/plain", "Not found");
  }

  /** Where switching account lands: the same kind of page (a ticket belongs to one account: its views). */
  const SAME_IN_ANY_ACCOUNT = /^\/(views\/[a-z]+|tickets\/new|apps\/ohallo)$/;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const path = url.pathname;
    const method = req.method ?? "GET";
    const asset = assets[path];
    if (method === "GET" && asset) return send(res, 200, `${asset[0]}; charset=utf-8`, asset[1]);
    if (method === "POST" && path === ZAF_PROXY_PATH) return bridge.serveProxy(req, res, origin);
    if (method === "GET" && path === "/") return redirect(res, `/${home}/views/ai`);
    if (method === "POST" && path === "/account") {
      const form = new URLSearchParams(await readBody(req));
      const to = scopes.get(form.get("account") ?? "") ?? (scopes.get(home) as Scope);
      const next = form.get("next") ?? "";
      return redirect(res, `${to.base}${SAME_IN_ANY_ACCOUNT.test(next) ? next : "/views/ai"}`);
    }
    const [, segment = "", rest = ""] = /^\/([^/]+)(\/.*)?$/.exec(path) ?? [];
    const scope = scopes.get(segment);
    if (scope) return accountRoute(req, res, scope, url, rest);
    // A path without an account (an older link): the first account's.
    if (method === "GET" && (SAME_IN_ANY_ACCOUNT.test(path) || /^\/tickets\/\d+$/.test(path)))
      return redirect(res, `/${home}${path}${url.search}`);
    return send(res, 404, "text/plain", "Not found");
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error("workspace: failed on", req.method, req.url, error);
      if (!res.headersSent) send(res, 500, "text/plain", String(error));
    });
  });
  const origin = await listen(server, options.host ?? "127.0.0.1", options.port ?? 0);
  return {
    origin,
    appOrigin: bridge.appOrigin,
    accountUrl: (subdomain) => `${origin}/${subdomain}`,
    async close() {
      await Promise.all([closeServer(server), bridge.close()]);
    },
  };
}
