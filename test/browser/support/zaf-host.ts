// A local stand-in for Zendesk's side of a ZAF v2 app: serves a built app package (dist/app)
// from its own origin, frames it in a host page that speaks the ZAF wire protocol, and plays
// Zendesk's request proxy (secure settings substituted here, server side, never in the page).
// Reused by the browser tests and the local demo. Never writes to the package it serves.
import { readFileSync } from "node:fs";
import {
  createServer,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { hostPageHtml, type PageConfig } from "./zaf-host.page.ts";

export interface ZafHostOptions {
  /** A built app package: manifest.json and assets/. */
  appDir: string;
  /** Installation settings by parameter name; the manifest's `secure` ones never reach the page. */
  settings: Record<string, string>;
  host?: string;
  /** Port of the host page (the stand-in for https://<subdomain>.zendesk.com); 0 picks one. */
  port?: number;
  /** Port the app's assets are served from (Zendesk's app CDN); 0 picks one. */
  appPort?: number;
  subdomain?: string;
  /** How long the proxy waits for the backend (default 15 s). */
  requestTimeoutMs?: number;
}

export interface HostUser {
  id: number;
  name: string;
  locale?: string;
  email?: string;
  role?: "admin" | "agent";
}

export interface HostPage {
  user: HostUser;
  /** The ticket the app sits beside (ticket_sidebar). */
  ticket?: { id: number; subject?: string; status?: string };
  /** A location from the manifest (default ticket_sidebar). */
  location?: string;
}

/** One request the app made through the proxy, as the app wrote it (placeholders unreplaced). */
export interface ProxiedRequest {
  method: string;
  url: string;
  secure: boolean;
  headers: Record<string, string>;
  status: number;
}

export interface ZafHost {
  origin: string;
  appOrigin: string;
  pageUrl(page: HostPage): string;
  requests: ProxiedRequest[];
  /** Changes installation settings for the pages opened next (e.g. a wrong secret). */
  setSettings(patch: Record<string, string>): void;
  close(): Promise<void>;
}

interface Manifest {
  name?: string;
  version?: string;
  parameters?: { name: string; secure?: boolean }[];
  location?: Record<string, Record<string, { url?: string } | string>>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(`http://${host}:${(server.address() as AddressInfo).port}`));
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

interface Reply {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
}

/** One request, one connection: no kept-alive socket the backend may close under us. */
function forward(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
) {
  return new Promise<Reply>((ok, fail) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, { method, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        ok({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          contentType: String(res.headers["content-type"] ?? ""),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", fail);
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", fail);
    req.end(body);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

export async function startZafHost(options: ZafHostOptions): Promise<ZafHost> {
  const appDir = resolve(options.appDir);
  const manifest = JSON.parse(readFileSync(join(appDir, "manifest.json"), "utf8")) as Manifest;
  const secure = new Set((manifest.parameters ?? []).filter((p) => p.secure).map((p) => p.name));
  let settings = { ...options.settings };
  const requests: ProxiedRequest[] = [];
  const host = options.host ?? "127.0.0.1";

  /** Zendesk's proxy replaces {{setting.x}}; secure settings only in a `secure: true` request. */
  const substitute = (text: string, allowSecure: boolean) =>
    text.replace(/\{\{\s*setting\.([\w-]+)\s*\}\}/g, (whole, name: string) =>
      name in settings && (allowSecure || !secure.has(name)) ? (settings[name] ?? "") : whole,
    );

  async function proxy(raw: string): Promise<Reply> {
    const o = JSON.parse(raw) as {
      url?: string;
      type?: string;
      contentType?: string;
      data?: unknown;
      headers?: Record<string, string>;
      secure?: boolean;
    };
    const isSecure = o.secure === true;
    const entry: ProxiedRequest = {
      method: o.type ?? "GET",
      url: String(o.url),
      secure: isSecure,
      headers: o.headers ?? {},
      status: 0,
    };
    requests.push(entry);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.headers ?? {})) headers[k] = substitute(String(v), isSecure);
    if (o.contentType) headers["content-type"] = o.contentType;
    const method = entry.method.toUpperCase();
    const body = method === "GET" || o.data === undefined ? undefined : substitute(String(o.data), isSecure);
    try {
      const url = new URL(substitute(String(o.url), isSecure));
      const reply = await forward(url, method, headers, body, options.requestTimeoutMs ?? 15_000);
      entry.status = reply.status;
      return reply;
    } catch (error) {
      // What a proxy says when the backend does not answer.
      entry.status = 502;
      return {
        status: 502,
        statusText: "Bad Gateway",
        contentType: "text/plain",
        body: `Bad Gateway: ${(error as Error).message}`,
      };
    }
  }

  const app = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = resolve(appDir, `.${path}`);
    if (!file.startsWith(appDir + sep) || !path.startsWith("/assets/"))
      return send(res, 404, "text/plain", "Not found");
    try {
      send(res, 200, TYPES[extname(file)] ?? "application/octet-stream", readFileSync(file));
    } catch {
      send(res, 404, "text/plain", "Not found");
    }
  });
  const appOrigin = await listen(app, host, options.appPort ?? 0);

  const page = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "POST" && url.pathname === "/__zaf/request") {
      // Only the host page may use the proxy; the framed app must go through postMessage.
      if (req.headers.origin !== origin) return send(res, 403, "text/plain", "Forbidden");
      return send(res, 200, "application/json", JSON.stringify(await proxy(await readBody(req))));
    }
    const encoded = url.searchParams.get("page");
    if (url.pathname !== "/" || !encoded) return send(res, 404, "text/plain", "Not found");
    const wanted = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as HostPage;
    return send(res, 200, TYPES[".html"] ?? "", hostPageHtml(pageConfig(wanted)));
  });
  const origin = await listen(page, host, options.port ?? 0);

  function pageConfig(wanted: HostPage): PageConfig {
    const location = wanted.location ?? "ticket_sidebar";
    const spec = manifest.location?.support?.[location];
    const assetPath = typeof spec === "string" ? spec : spec?.url;
    if (!assetPath) throw new Error(`zaf-host: the manifest has no support.${location} location`);
    const user = {
      locale: "en-US",
      email: `agent${wanted.user.id}@example.com`,
      role: "agent",
      ...wanted.user,
    };
    const ticket = wanted.ticket ? { subject: "A ticket", status: "open", ...wanted.ticket } : null;
    const appGuid = `guid-${Math.random().toString(36).slice(2)}`;
    const visible = Object.fromEntries(Object.entries(settings).filter(([k]) => !secure.has(k)));
    const subdomain = options.subdomain ?? "nordlys";
    return {
      appUrl: `${appOrigin}/${assetPath}`,
      appOrigin,
      appGuid,
      appName: manifest.name ?? "App",
      location,
      ticket,
      context: {
        product: "support",
        location,
        instanceGuid: appGuid,
        ticketId: ticket?.id,
        account: { subdomain },
      },
      metadata: {
        appId: 1,
        installationId: 1,
        name: manifest.name,
        version: manifest.version,
        settings: visible,
      },
      values: {
        currentUser: user,
        currentAccount: { subdomain },
        ...(ticket
          ? {
              ticket,
              "ticket.id": ticket.id,
              "ticket.status": ticket.status,
              "ticket.subject": ticket.subject,
            }
          : {}),
      },
    };
  }

  return {
    origin,
    appOrigin,
    requests,
    pageUrl: (wanted) => `${origin}/?page=${Buffer.from(JSON.stringify(wanted)).toString("base64url")}`,
    setSettings(patch) {
      settings = { ...settings, ...patch };
    },
    async close() {
      await Promise.all([app, page].map((s) => new Promise((ok) => s.close(() => ok(undefined)))));
    },
  };
}
