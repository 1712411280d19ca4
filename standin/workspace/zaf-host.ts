// A local stand-in for Zendesk's side of a ZAF v2 app: serves a built app package (dist/app)
// from its own origin, frames it in a host page that speaks the ZAF wire protocol, and plays
// Zendesk's request proxy (zaf-proxy.ts: secure settings substituted server side, never in a page,
// and only for the manifest's `domainWhitelist` over https). One bridge serves many accounts: a
// page names its account, and the proxy uses that account's app installation.
// `createZafBridge` is the reusable part (the workspace frames the sidebar with it);
// `startZafHost` adds a bare host page for the sidebar's browser tests. Never writes to the package.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { hostPageHtml, type PageConfig } from "./zaf-host.page.ts";
import { createZafProxy, type ProxiedRequest, readBody } from "./zaf-proxy.ts";

export type { ProxiedRequest } from "./zaf-proxy.ts";

/** An account's installation of the app, as Zendesk keeps it (secure settings included). */
export interface AppInstallation {
  id: number;
  settings: Record<string, string>;
}

export interface ZafHostOptions {
  /** A built app package: manifest.json and assets/. */
  appDir: string;
  /**
   * Installation settings by parameter name, for every account unless `installation` is given;
   * the manifest's `secure` ones never reach the page.
   */
  settings?: Record<string, string>;
  /** The app's installation in an account (read at each page and request), or undefined: not installed. */
  installation?: (subdomain: string) => AppInstallation | undefined;
  /** Certificates (PEM) the proxy trusts besides Node's CAs: the local Worker's self-signed one. */
  trust?: readonly string[];
  host?: string;
  /** Port of the host page (the stand-in for https://<subdomain>.zendesk.com); 0 picks one. */
  port?: number;
  /** Port the app's assets are served from (Zendesk's app CDN); 0 picks one. */
  appPort?: number;
  /** The account of a page that names none (default "nordlys"). */
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
  /** A location from the manifest (default ticket_sidebar; nav_bar is the admin area). */
  location?: string;
  /** Where the app's `routeTo("ticket", id)` takes the page ("{id}" replaced). */
  ticketUrl?: string;
  /** The Zendesk account the page belongs to (default: the host's `subdomain`). */
  subdomain?: string;
}

/** What a page that frames the app needs: the app's origin, its config, and the proxy. */
export interface ZafBridge {
  appOrigin: string;
  requests: ProxiedRequest[];
  pageConfig(page: HostPage): PageConfig;
  /** Serves `POST /__zaf/request?account=` for a host page served from `pageOrigin`. */
  serveProxy(req: IncomingMessage, res: ServerResponse, pageOrigin: string): Promise<void>;
  setSettings(patch: Record<string, string>): void;
  close(): Promise<void>;
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
  domainWhitelist?: string[];
}

export const ZAF_PROXY_PATH = "/__zaf/request";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(`http://${host}:${(server.address() as AddressInfo).port}`));
  });
}

export const closeServer = (server: Server) =>
  new Promise<void>((ok) => {
    server.closeAllConnections();
    server.close(() => ok());
  });

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

export async function createZafBridge(options: ZafHostOptions): Promise<ZafBridge> {
  const appDir = resolve(options.appDir);
  const manifest = JSON.parse(readFileSync(join(appDir, "manifest.json"), "utf8")) as Manifest;
  const secure = new Set((manifest.parameters ?? []).filter((p) => p.secure).map((p) => p.name));
  const proxy = createZafProxy({
    settings: options.settings ?? {},
    secure,
    domainWhitelist: manifest.domainWhitelist ?? [],
    trust: options.trust,
    timeoutMs: options.requestTimeoutMs,
  });
  const host = options.host ?? "127.0.0.1";
  const defaultSubdomain = options.subdomain ?? "nordlys";
  let overrides: Record<string, string> = {};
  /** The account's installation; a test's `setSettings` patches apply on top. */
  const installationIn = (subdomain: string): AppInstallation | undefined => {
    if (!options.installation) return { id: 1, settings: proxy.settings() };
    const found = options.installation(subdomain);
    return found && { id: found.id, settings: { ...found.settings, ...overrides } };
  };

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
    const subdomain = wanted.subdomain ?? defaultSubdomain;
    const installation = installationIn(subdomain);
    if (!installation) throw new Error(`zaf-host: the app is not installed in ${subdomain}`);
    const visible = Object.fromEntries(Object.entries(installation.settings).filter(([k]) => !secure.has(k)));
    return {
      ...(wanted.ticketUrl ? { ticketUrl: wanted.ticketUrl } : {}),
      proxyUrl: `${ZAF_PROXY_PATH}?account=${encodeURIComponent(subdomain)}`,
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
        installationId: installation.id,
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
    appOrigin,
    requests: proxy.requests,
    pageConfig,
    async serveProxy(req, res, pageOrigin) {
      // Only the host page may use the proxy; the framed app must go through postMessage.
      if (req.headers.origin !== pageOrigin) return send(res, 403, "text/plain", "Forbidden");
      const account = new URL(req.url ?? "/", "http://x").searchParams.get("account") ?? defaultSubdomain;
      const installation = installationIn(account);
      if (!installation) return send(res, 404, "text/plain", `The app is not installed in ${account}`);
      const reply = await proxy.handle(await readBody(req), installation.settings);
      send(res, 200, "application/json", JSON.stringify(reply));
    },
    setSettings(patch) {
      proxy.setSettings(patch);
      overrides = { ...overrides, ...patch };
    },
    close: () => closeServer(app),
  };
}

export async function startZafHost(options: ZafHostOptions): Promise<ZafHost> {
  const bridge = await createZafBridge(options);
  const page = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "POST" && url.pathname === ZAF_PROXY_PATH) return bridge.serveProxy(req, res, origin);
    const encoded = url.searchParams.get("page");
    if (url.pathname !== "/" || !encoded) return send(res, 404, "text/plain", "Not found");
    const wanted = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as HostPage;
    return send(res, 200, TYPES[".html"] ?? "", hostPageHtml(bridge.pageConfig(wanted)));
  });
  const origin = await listen(page, options.host ?? "127.0.0.1", options.port ?? 0);

  return {
    origin,
    appOrigin: bridge.appOrigin,
    requests: bridge.requests,
    pageUrl: (wanted) => `${origin}/?page=${Buffer.from(JSON.stringify(wanted)).toString("base64url")}`,
    setSettings: bridge.setSettings,
    async close() {
      await Promise.all([bridge.close(), closeServer(page)]);
    },
  };
}
