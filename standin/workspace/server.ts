// The local agent workspace: one page that stands in for Zendesk's agent UI over the Zendesk
// stand-in (views, a ticket with its conversation, reply boxes, the agent picker) and frames
// the real built sidebar through the ZAF bridge. Reads the stand-in's store in process; writes
// only through its control API. Never part of the app package (nothing in app/ imports it).
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import type { ZendeskStandin } from "../zendesk/server.ts";
import { ControlError, controlClient } from "./control.client.ts";
import { adminBody } from "./page.admin.ts";
import { ADMIN_PATH, type Agent, page } from "./page.layout.ts";
import { type Example, listBody, newTicketBody } from "./page.list.ts";
import { ticketBody } from "./page.ticket.ts";
import { conversation, isViewKey, rows, versionOf, viewCounts } from "./tickets.ts";
import { closeServer, createZafBridge, listen, ZAF_PROXY_PATH } from "./zaf-host.ts";
import { readBody } from "./zaf-proxy.ts";

export interface WorkspaceOptions {
  standin: ZendeskStandin;
  /** The built app package (dist/app). */
  appDir: string;
  /** The app's installation settings: backend_url and the secure api_secret (APP_API_SECRET). */
  worker: { origin: string; appSecret: string };
  /** ZENDESK_AI_AGENT_ID: whose comments are the AI's. */
  aiAgentId: number;
  /** The agents one can sign in as; the first is the default. */
  agents: readonly Agent[];
  /** Customer messages offered on the "New customer ticket" page. */
  examples?: readonly Example[];
  host?: string;
  /** 0 (the default) picks a free port; so does `appPort` (the app's own origin, as Zendesk's CDN). */
  port?: number;
  appPort?: number;
}

export interface Workspace {
  origin: string;
  appOrigin: string;
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

export async function startWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const { standin, agents, aiAgentId } = options;
  const store = standin.store;
  const control = controlClient(standin.origin);
  for (const agent of agents) await control.putAgent(agent);
  const bridge = await createZafBridge({
    appDir: options.appDir,
    settings: { backend_url: options.worker.origin, api_secret: options.worker.appSecret },
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
  const user = (id: number) => store.users.get(id);
  const tickets = () => [...store.tickets.values()];

  function agentOf(req: IncomingMessage): Agent {
    const id = Number(/(?:^|;\s*)ohallo_agent=(\d+)/.exec(req.headers.cookie ?? "")?.[1]);
    return agents.find((a) => a.id === id) ?? (agents[0] as Agent);
  }

  function frame(req: IncomingMessage, path: string, title: string, body: string, ticketId?: number) {
    const t = ticketId === undefined ? undefined : store.tickets.get(ticketId);
    return page({
      title,
      agent: agentOf(req),
      agents,
      path,
      live: { version: versionOf(tickets()), ticket: t && { id: t.id, version: versionOf([t]) } },
      tab: t && { id: t.id, subject: t.subject },
      app: path === ADMIN_PATH,
      body,
    });
  }

  function ticketPage(req: IncomingMessage, res: ServerResponse, id: number) {
    const t = store.tickets.get(id);
    if (!t)
      return html(res, 404, frame(req, "/views/ai", "Not found", `<p class="empty">No ticket #${id}.</p>`));
    const agent = agentOf(req);
    const requester = user(t.requester_id)?.name ?? `User ${t.requester_id}`;
    const zaf = bridge.pageConfig({
      user: { ...agent, locale: "en-US" },
      ticket: { id: t.id, subject: t.subject, status: t.status },
    });
    const entries = conversation(store.comments.get(id) ?? [], user, aiAgentId);
    const appIcon = `${bridge.appOrigin}/assets/logo-small.png`;
    const body = ticketBody({ ticket: t, requester, entries, agent, zaf, appIcon }, new Date());
    html(res, 200, frame(req, `/tickets/${id}`, `#${id} ${t.subject}`, body, id));
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

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const path = url.pathname;
    const method = req.method ?? "GET";
    const ticketMatch = /^\/tickets\/(\d+)(\/comments)?$/.exec(path);
    const asset = assets[path];
    if (method === "GET" && asset) return send(res, 200, `${asset[0]}; charset=utf-8`, asset[1]);
    if (method === "POST" && path === ZAF_PROXY_PATH) return bridge.serveProxy(req, res, origin);
    if (method === "GET" && path === "/") return redirect(res, "/views/ai");
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
      const body = listBody(viewCounts(all), view, rows(all, view, user), new Date());
      return html(res, 200, frame(req, path, "Views", body));
    }
    if (method === "GET" && path === "/tickets/new") {
      const examples = options.examples ?? [];
      const chosen = examples[Number(url.searchParams.get("example") ?? -1)];
      const body = newTicketBody(viewCounts(tickets()), examples, chosen);
      return html(res, 200, frame(req, path, "New ticket", body));
    }
    if (method === "GET" && ticketMatch && !ticketMatch[2])
      return ticketPage(req, res, Number(ticketMatch[1]));
    if (method === "GET" && path === ADMIN_PATH) {
      const zaf = bridge.pageConfig({
        user: { ...agentOf(req), locale: "en-US", role: "admin" },
        location: "nav_bar",
        ticketUrl: "/tickets/{id}",
      });
      return html(res, 200, frame(req, path, "oHallo", adminBody(zaf)));
    }
    if (method !== "POST") return send(res, 404, "text/plain", "Not found");

    const form = new URLSearchParams(await readBody(req));
    const text = (name: string) => (form.get(name) ?? "").trim();
    if (path === "/agent") {
      const chosen = agents.find((a) => a.id === Number(form.get("agent"))) ?? agents[0];
      const next = text("next").startsWith("/") ? text("next") : "/";
      return redirect(res, next, { "set-cookie": `${COOKIE}=${chosen?.id}; Path=/; SameSite=Lax` });
    }
    if (path === "/tickets") {
      return write(req, res, async () => {
        const id = await control.createTicket({
          subject: text("subject") || "(no subject)",
          requester: { name: text("name") || "Customer", email: text("email") || undefined },
          body: text("body"),
        });
        return `/tickets/${id}`;
      });
    }
    if (ticketMatch?.[2]) {
      const id = Number(ticketMatch[1]);
      const agent = agentOf(req);
      return write(req, res, async () => {
        await (form.get("as") === "customer"
          ? control.comment(id, { body: text("body"), public: true, author: "requester" })
          : control.comment(id, {
              body: text("body"),
              public: form.get("public") !== "false",
              author: { ...agent, role: "agent" },
            }));
        return `/tickets/${id}`;
      });
    }
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
    async close() {
      await Promise.all([closeServer(server), bridge.close()]);
    },
  };
}
