// The workspace's stand-in for Zendesk's request proxy, at the wire: a secure setting is put in only
// for a `secure: true` request over https to a host of the manifest's `domainWhitelist`; anywhere
// else the placeholder goes out as written. TLS stays checked (the local certificate is trusted only
// when given). And one ZAF bridge serving two accounts, each with its own installation.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalCertificate, type LocalCertificate } from "../../standin/workspace/local-tls.ts";
import { startZafHost, ZAF_PROXY_PATH, type ZafHost } from "../../standin/workspace/zaf-host.ts";
import { createZafProxy, isWhitelisted } from "../../standin/workspace/zaf-proxy.ts";

const SECRET = "ohs_proxy-test-secret";
const PLACEHOLDER = "Bearer {{setting.api_secret}}";
const secure = new Set(["api_secret"]);

interface Seen {
  url: string;
  authorization: string | undefined;
  body: string;
}

/** Records what arrived; answers 200 with the right secret, 401 otherwise (as the Worker does). */
function backend(seen: Seen[]) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({ url: req.url ?? "", authorization: req.headers.authorization, body });
    const ok = req.headers.authorization?.startsWith(`Bearer ${SECRET}`) ?? false;
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? { ok: true } : { error: "Missing or wrong API secret" }));
  };
}

let tls: LocalCertificate;
let httpsOrigin: string;
let httpOrigin: string;
let httpsPort: number;
const seen: Seen[] = [];
const servers: { close(): void; closeAllConnections(): void }[] = [];

beforeAll(async () => {
  tls = createLocalCertificate();
  const secureServer = createHttpsServer(
    { key: tls.key, cert: tls.cert },
    (q, r) => void backend(seen)(q, r),
  );
  const plainServer = createHttpServer((q, r) => void backend(seen)(q, r));
  for (const s of [secureServer, plainServer]) {
    await new Promise<void>((ok) => s.listen(0, "127.0.0.1", ok));
    servers.push(s);
  }
  httpsPort = (secureServer.address() as AddressInfo).port;
  httpsOrigin = `https://localhost:${httpsPort}`;
  httpOrigin = `http://localhost:${(plainServer.address() as AddressInfo).port}`;
});

afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

const request = (url: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ url, type: "GET", headers: { Authorization: PLACEHOLDER }, secure: true, ...extra });

function proxy(domainWhitelist: string[], trust: string[] = [tls.cert]) {
  return createZafProxy({ settings: { api_secret: SECRET }, secure, domainWhitelist, trust });
}

describe("isWhitelisted", () => {
  it("matches a host by name, case aside, and a *. entry by the names under it", () => {
    expect(isWhitelisted("localhost", ["localhost"])).toBe(true);
    expect(isWhitelisted("LocalHost", ["localhost"])).toBe(true);
    expect(isWhitelisted("ohallo.acme.com", ["ohallo.acme.com"])).toBe(true);
    expect(isWhitelisted("ohallo.acme.workers.dev", ["*.workers.dev"])).toBe(true);
    expect(isWhitelisted("ohallo.workers.dev.", ["*.workers.dev"])).toBe(true);
  });

  it("refuses everything else", () => {
    expect(isWhitelisted("workers.dev", ["*.workers.dev"])).toBe(false);
    expect(isWhitelisted("evilworkers.dev", ["*.workers.dev"])).toBe(false);
    expect(isWhitelisted("workers.dev.evil.example", ["*.workers.dev"])).toBe(false);
    expect(isWhitelisted("api.acme.com", ["acme.com"])).toBe(false);
    expect(isWhitelisted("127.0.0.1", ["localhost"])).toBe(false);
    expect(isWhitelisted("localhost", [])).toBe(false);
    expect(isWhitelisted("", [""])).toBe(false);
  });
});

describe("the proxy's rule for secure settings", () => {
  it("puts the secret in for a whitelisted host over https", async () => {
    const p = proxy(["localhost"]);
    const reply = await p.handle(request(`${httpsOrigin}/api/tickets/1`));
    expect(reply.status).toBe(200);
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${SECRET}`);
    expect(p.requests.at(-1)).toMatchObject({
      secureSettingsSent: true,
      headers: { Authorization: PLACEHOLDER },
    });
  });

  it("in the body too, when the request may carry it", async () => {
    const p = proxy(["localhost"]);
    await p.handle(
      request(`${httpsOrigin}/api/echo`, { type: "POST", data: '{"s":"{{setting.api_secret}}"}' }),
    );
    expect(seen.at(-1)?.body).toBe(`{"s":"${SECRET}"}`);
  });

  it("sends the placeholder as written to a host not in the whitelist, and the backend refuses it", async () => {
    const p = proxy(["*.workers.dev"]);
    const reply = await p.handle(
      request(`${httpsOrigin}/api/tickets/1`, { type: "POST", data: '{"s":"{{setting.api_secret}}"}' }),
    );
    expect(reply.status).toBe(401);
    expect(seen.at(-1)).toMatchObject({ authorization: PLACEHOLDER, body: '{"s":"{{setting.api_secret}}"}' });
    expect(p.requests.at(-1)?.secureSettingsSent).toBe(false);
  });

  it("sends the placeholder over plain http, even to a whitelisted host", async () => {
    const reply = await proxy(["localhost"]).handle(request(`${httpOrigin}/api/tickets/1`));
    expect(reply.status).toBe(401);
    expect(seen.at(-1)?.authorization).toBe(PLACEHOLDER);
  });

  it("goes by the name in the URL: the same server as 127.0.0.1 is not localhost", async () => {
    const reply = await proxy(["localhost"]).handle(request(`https://127.0.0.1:${httpsPort}/api/tickets/1`));
    expect(reply.status).toBe(401);
    expect(seen.at(-1)?.authorization).toBe(PLACEHOLDER);
  });

  it("puts secure settings only in secure requests", async () => {
    const reply = await proxy(["localhost"]).handle(
      request(`${httpsOrigin}/api/tickets/1`, { secure: false }),
    );
    expect(reply.status).toBe(401);
    expect(seen.at(-1)?.authorization).toBe(PLACEHOLDER);
  });

  it("fills non-secure settings anywhere, the URL included", async () => {
    const p = createZafProxy({
      settings: { backend_url: httpOrigin, api_secret: SECRET },
      secure,
      domainWhitelist: ["localhost"],
    });
    const reply = await p.handle(
      request("{{setting.backend_url}}/api/tickets/2", {
        headers: { "X-Backend": "{{setting.backend_url}}" },
      }),
    );
    expect(reply.status).toBe(401);
    expect(seen.at(-1)?.url).toBe("/api/tickets/2");
  });

  it("checks TLS: a certificate it was not told to trust is a 502, and nothing is sent", async () => {
    const before = seen.length;
    const reply = await proxy(["localhost"], []).handle(request(`${httpsOrigin}/api/tickets/1`));
    expect(reply.status).toBe(502);
    expect(reply.body).toMatch(/self-signed|certificate/i);
    expect(seen.length).toBe(before);
  });
});

describe("one ZAF host, two accounts", () => {
  let host: ZafHost;
  let appDir: string;
  const installations: Record<string, { id: number; settings: Record<string, string> }> = {};

  beforeAll(async () => {
    appDir = mkdtempSync(join(tmpdir(), "ohallo-zaf-"));
    writeFileSync(
      join(appDir, "manifest.json"),
      JSON.stringify({
        name: "oHallo",
        location: { support: { ticket_sidebar: { url: "assets/index.html" } } },
        parameters: [
          { name: "backend_url", type: "url" },
          { name: "api_secret", type: "text", secure: true },
        ],
        domainWhitelist: ["localhost"],
      }),
    );
    installations.nordlys = { id: 11, settings: { backend_url: httpsOrigin, api_secret: SECRET } };
    installations.fjord = { id: 22, settings: { backend_url: httpsOrigin, api_secret: `${SECRET}-fjord` } };
    host = await startZafHost({
      appDir,
      installation: (sub) => installations[sub],
      trust: [tls.cert],
    });
  });

  afterAll(async () => {
    await host?.close();
    rmSync(appDir, { recursive: true, force: true });
  });

  const page = (subdomain: string) => {
    const encoded = new URL(host.pageUrl({ user: { id: 1, name: "Ana" }, subdomain })).searchParams.get(
      "page",
    );
    return JSON.parse(Buffer.from(encoded ?? "", "base64url").toString("utf8")) as { subdomain: string };
  };

  const viaHost = (subdomain: string) =>
    fetch(`${host.origin}${ZAF_PROXY_PATH}?account=${subdomain}`, {
      method: "POST",
      headers: { origin: host.origin, "content-type": "application/json" },
      body: request(`${httpsOrigin}/api/tickets/1`),
    });

  it("uses each account's own installation for its requests", async () => {
    expect(page("fjord").subdomain).toBe("fjord");
    expect(((await (await viaHost("nordlys")).json()) as { status: number }).status).toBe(200);
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${SECRET}`);
    await viaHost("fjord");
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${SECRET}-fjord`);
  });

  it("gives the page the account's subdomain and installation, never its secure settings", async () => {
    const html = await (
      await fetch(host.pageUrl({ user: { id: 1, name: "Ana" }, subdomain: "fjord" }))
    ).text();
    const config = JSON.parse(
      /<script type="application\/json" id="zaf-config">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}",
    );
    expect(config.context.account).toEqual({ subdomain: "fjord" });
    expect(config.values.currentAccount).toEqual({ subdomain: "fjord" });
    expect(config.metadata).toMatchObject({ installationId: 22, settings: { backend_url: httpsOrigin } });
    expect(config.proxyUrl).toBe(`${ZAF_PROXY_PATH}?account=fjord`);
    expect(html).not.toContain(SECRET);
  });

  it("has no installation for an account without the app", async () => {
    expect((await viaHost("elsewhere")).status).toBe(404);
  });
});
