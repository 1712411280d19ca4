// The ZAF host against the built sidebar and a scripted backend: the handshake, `get`,
// resize, subscriptions and pushed events, and the request proxy that keeps the secret
// server side. Independent of the Worker, so protocol failures show up on their own.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLocalApp } from "../../standin/workspace/local-app.ts";
import { launchChromium } from "./support/chromium.ts";
import { type HttpsBackend, startHttpsBackend } from "./support/https-backend.ts";
import { startZafHost, type ZafHost } from "../../standin/workspace/zaf-host.ts";

const SECRET = "scripted-backend-secret";
const seen: { method: string; url: string; authorization: string | undefined; body: string }[] = [];
let view = {
  ticketId: 31,
  state: "open",
  owner: null,
  autonomy: "auto",
  autoReleaseHours: null,
  waiting: false,
  attention: [],
  pendingDraft: null,
  events: [],
} as Record<string, unknown>;
let backend: HttpsBackend;
let backendOrigin: string;
let host: ZafHost;
let browser: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  const { outDir } = await buildLocalApp();
  backend = await startHttpsBackend(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({
      method: req.method ?? "",
      url: req.url ?? "",
      authorization: req.headers.authorization,
      body,
    });
    if (req.headers.authorization !== `Bearer ${SECRET}`) {
      res
        .writeHead(401, { "content-type": "application/json" })
        .end(JSON.stringify({ error: "unauthorized" }));
    } else if (req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(view));
    } else {
      view = { ...view, state: "in_progress", owner: { id: 5, name: "Sam" } };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
    }
  });
  backendOrigin = backend.origin;
  host = await startZafHost({
    appDir: outDir,
    settings: { backend_url: backendOrigin, api_secret: SECRET },
    trust: [backend.cert],
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await backend?.close();
});

async function open(ticketId = 31): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(host.pageUrl({ user: { id: 5, name: "Sam" }, ticket: { id: ticketId } }));
  return page;
}

describe("the ZAF host", () => {
  it("serves the app from its own origin and registers it", async () => {
    expect(new URL(host.origin).port).not.toBe(new URL(host.appOrigin).port);
    const page = await open();
    await page.frameLocator("#app").getByText("Open: AI handling").waitFor();
    expect(
      await page.evaluate(
        () => (window as unknown as { zafHost: { registered: boolean } }).zafHost.registered,
      ),
    ).toBe(true);
    await page.close();
  });

  it("proxies requests, putting the secure setting in server side only", async () => {
    const page = await open();
    await page.frameLocator("#app").getByText("Open: AI handling").waitFor();
    const get = seen.find((r) => r.url === "/api/tickets/31");
    expect(get?.authorization).toBe(`Bearer ${SECRET}`);
    expect(host.requests.at(-1)).toMatchObject({
      secure: true,
      headers: { Authorization: "Bearer {{setting.api_secret}}" },
    });
    // Neither the host page nor the app ever holds the secret.
    expect(await page.content()).not.toContain(SECRET);
    expect(await page.frameLocator("#app").locator("html").innerHTML()).not.toContain(SECRET);
    const settings = await page.evaluate(
      () => JSON.parse(document.getElementById("zaf-config")?.textContent ?? "{}").metadata.settings,
    );
    expect(settings).toEqual({ backend_url: backendOrigin });
    await page.close();
  });

  it("lets only the host page use the proxy", async () => {
    const attempt = await fetch(`${host.origin}/__zaf/request`, {
      method: "POST",
      headers: { origin: host.appOrigin, "content-type": "text/plain" },
      body: JSON.stringify({ url: `${backendOrigin}/api/tickets/31`, type: "GET", secure: true }),
    });
    expect(attempt.status).toBe(403);
  });

  it("resizes the iframe to the app's content", async () => {
    const page = await open();
    await page.frameLocator("#app").getByText("Open: AI handling").waitFor();
    await expect
      .poll(() =>
        page.evaluate(
          () => (window as unknown as { zafHost: { resizes: unknown[] } }).zafHost.resizes.length,
        ),
      )
      .toBeGreaterThan(0);
    const box = await page.locator("#app").boundingBox();
    expect(box?.height).toBeGreaterThan(150);
    await page.close();
  });

  it("pushes the events the app subscribed to, and the app reads again", async () => {
    const page = await open();
    const app = page.frameLocator("#app");
    await app.getByText("Open: AI handling").waitFor();
    const subscribed = await page.evaluate(() => [
      ...(window as unknown as { zafHost: { subscriptions: Set<string> } }).zafHost.subscriptions,
    ]);
    expect(subscribed).toEqual(
      expect.arrayContaining(["ticket.updated", "ticket.status.changed", "app.activated"]),
    );
    view = { ...view, state: "resolved" };
    const pushed = await page.evaluate(() =>
      (window as unknown as { zafHost: { trigger(e: string): boolean } }).zafHost.trigger("ticket.updated"),
    );
    expect(pushed).toBe(true);
    await app.getByText("Resolved", { exact: true }).first().waitFor();
    view = { ...view, state: "open", owner: null };
    await page.close();
  });

  it("sends actions with the agent from currentUser", async () => {
    const page = await open();
    const app = page.frameLocator("#app");
    await app.getByRole("button", { name: "Take over", exact: true }).click();
    await app.getByText("In progress: taken over by you").waitFor();
    const post = seen.find((r) => r.method === "POST");
    expect(post?.url).toBe("/api/tickets/31/takeover");
    expect(JSON.parse(post?.body ?? "{}")).toEqual({ agent: { id: 5, name: "Sam" } });
    view = { ...view, state: "open", owner: null };
    await page.close();
  });

  it("answers 401 when the secret is wrong, and the app says so", async () => {
    host.setSettings({ api_secret: "wrong" });
    const page = await open();
    await page.frameLocator("#app").getByText("refused the app's API secret (401)").waitFor();
    host.setSettings({ api_secret: SECRET });
    await page.close();
  });
});
