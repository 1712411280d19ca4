// Zendesk's request proxy for a ZAF app (`client.request`): substitutes `{{setting.x}}` server
// side and forwards to the backend. A secure setting is put in only for a `secure: true` request
// over https to a host of the manifest's `domainWhitelist`; otherwise its placeholder goes out as
// written (and the backend refuses it). Never lets a secure setting reach a page, and answers like
// a proxy (502) when the backend is down. TLS is checked as usual, trusting Node's CAs plus any
// certificate given (the local Worker's self-signed one).
import { type IncomingMessage, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { trustedWith } from "./local-tls.ts";

/** One request the app made through the proxy, as the app wrote it (placeholders unreplaced). */
export interface ProxiedRequest {
  method: string;
  url: string;
  secure: boolean;
  headers: Record<string, string>;
  status: number;
  /** Whether secure settings were put in (a secure request, https, a whitelisted host). */
  secureSettingsSent: boolean;
}

export interface ProxyReply {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
}

export interface ZafProxy {
  requests: ProxiedRequest[];
  /**
   * Answers one `client.request` options object (JSON text, as the host page posts it), with the
   * installation's `settings` when given (else the proxy's own).
   */
  handle(raw: string, settings?: Record<string, string>): Promise<ProxyReply>;
  setSettings(patch: Record<string, string>): void;
  settings(): Record<string, string>;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Whether `host` is one of the manifest's `domainWhitelist` entries: the same name (case aside), or
 * under a `*.` entry (`*.workers.dev` covers `ohallo.acme.workers.dev`, not `workers.dev`).
 */
export function isWhitelisted(host: string, whitelist: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (!name) return false;
  return whitelist.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry.startsWith("*.")) return name.endsWith(entry.slice(1)) && name.length > entry.length - 1;
    return entry !== "" && entry === name;
  });
}

/** Where secure settings may go: https, and a host of the whitelist. */
export function mayReceiveSecureSettings(url: URL, whitelist: readonly string[]): boolean {
  return url.protocol === "https:" && isWhitelisted(url.hostname, whitelist);
}

/** One request, one connection: no kept-alive socket the backend may close under us. */
function forward(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
  ca: string[] | undefined,
) {
  return new Promise<ProxyReply>((ok, fail) => {
    const https = url.protocol === "https:";
    const send = https ? httpsRequest : httpRequest;
    const options = { method, headers, agent: false, timeout: timeoutMs, ...(https && ca ? { ca } : {}) };
    const req = send(url, options, (res) => {
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

export function createZafProxy(options: {
  settings: Record<string, string>;
  /** Names of the manifest's `secure` parameters. */
  secure: ReadonlySet<string>;
  /** The manifest's `domainWhitelist`: the only hosts secure settings are sent to (over https). */
  domainWhitelist: readonly string[];
  /** Certificates (PEM) trusted besides Node's default CAs: the local Worker's. */
  trust?: readonly string[];
  timeoutMs?: number;
}): ZafProxy {
  let settings = { ...options.settings };
  const { secure, domainWhitelist } = options;
  const ca = options.trust?.length ? trustedWith(options.trust) : undefined;
  const requests: ProxiedRequest[] = [];

  const substituteIn = (values: Record<string, string>) => (text: string, allowSecure: boolean) =>
    text.replace(/\{\{\s*setting\.([\w-]+)\s*\}\}/g, (whole, name: string) =>
      name in values && (allowSecure || !secure.has(name)) ? (values[name] ?? "") : whole,
    );

  async function handle(raw: string, installation?: Record<string, string>): Promise<ProxyReply> {
    const substitute = substituteIn(installation ?? settings);
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
      secureSettingsSent: false,
    };
    requests.push(entry);
    try {
      // The destination decides: only the non-secure settings may shape the URL it is read from.
      const url = new URL(substitute(String(o.url), false));
      const allowSecure = isSecure && mayReceiveSecureSettings(url, domainWhitelist);
      entry.secureSettingsSent = allowSecure;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(o.headers ?? {})) headers[k] = substitute(String(v), allowSecure);
      if (o.contentType) headers["content-type"] = o.contentType;
      const method = entry.method.toUpperCase();
      const body =
        method === "GET" || o.data === undefined ? undefined : substitute(String(o.data), allowSecure);
      // A secure setting in the URL is put in too, as long as it leaves the destination as it was.
      const full = allowSecure ? new URL(substitute(String(o.url), true)) : url;
      const target = full.origin === url.origin ? full : url;
      const reply = await forward(target, method, headers, body, options.timeoutMs ?? 15_000, ca);
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

  return {
    requests,
    handle,
    setSettings(patch) {
      settings = { ...settings, ...patch };
    },
    settings: () => settings,
  };
}
