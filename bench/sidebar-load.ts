// Benchmark 5, the sidebar's load in real Chromium: from navigation to the accessible "Take over"
// button in the framed sidebar, against a blank app page in the same ZAF host and iframe. The package
// is the local build (standin/workspace/local-app.ts: `domainWhitelist` https://localhost), and the
// Worker is reached over https through a TLS front on loopback: Zendesk's proxy sends the secure
// api_secret only over https to a whitelisted host, and the bench's Worker answers plain http for the
// load benchmarks.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { launchChromium } from "../test/browser/support/chromium.ts";
import { type HttpsBackend, startHttpsBackend } from "../test/browser/support/https-backend.ts";
import { buildLocalApp, LOCAL_APP_DIR } from "../standin/workspace/local-app.ts";
import { startZafHost, ZAF_PROXY_PATH, type ZafHost } from "../standin/workspace/zaf-host.ts";
import type { Cleanup } from "./cleanup.ts";
import { percentile } from "./load.ts";
import { APP_SECRET, type Product } from "./product.ts";

export interface LoadTimes {
  p50: number;
  p95: number;
  min: number;
  max: number;
}

export interface SidebarLoadResult {
  loads: number;
  sidebar: LoadTimes;
  blank: LoadTimes;
  /** The admin area (nav_bar) to its tab list, as an admin, in the same host. */
  admin: LoadTimes;
  /** Medians inside a sidebar load (ms from the host page's navigation start). */
  parts: { iframeStart: number; appDomReady: number; proxiedRead: number; proxiedRequests: number };
}

const appDir = LOCAL_APP_DIR;

/** `https://localhost:{port}` in front of an http origin (the tests' https backend, proxying). */
function httpsFront(target: string): Promise<HttpsBackend> {
  const to = new URL(target);
  return startHttpsBackend((req, res) => {
    const upstream = httpRequest(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
}

/** The built package's manifest and logo, with the sidebar replaced by a page holding one button. */
function blankPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), "ohallo-bench-blank-"));
  mkdirSync(join(dir, "assets"));
  const manifest = JSON.parse(readFileSync(join(appDir, "manifest.json"), "utf8"));
  manifest.location.support.ticket_sidebar.url = "assets/blank.html";
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
  copyFileSync(join(appDir, "assets/logo-small.png"), join(dir, "assets/logo-small.png"));
  writeFileSync(
    join(dir, "assets/blank.html"),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head>' +
      "<body><button>Blank</button></body></html>",
  );
  return dir;
}

function summary(ms: number[]): LoadTimes {
  const s = [...ms].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    min: s[0] ?? Number.NaN,
    max: s.at(-1) ?? Number.NaN,
  };
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

interface One {
  ms: number;
  iframeStart: number;
  appDomReady: number;
  proxied: number[];
}

async function loadOnce(context: BrowserContext, url: string, ready: (p: Page) => Locator): Promise<One> {
  const page = await context.newPage();
  const proxied: number[] = [];
  page.on("requestfinished", (req) => {
    if (new URL(req.url()).pathname === ZAF_PROXY_PATH) proxied.push(req.timing().responseEnd);
  });
  try {
    const started = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    await ready(page).waitFor({ state: "visible", timeout: 15_000 });
    const ms = performance.now() - started;
    const pageOrigin = await page.evaluate(() => performance.timeOrigin);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const inFrame = await frame?.evaluate(() => {
      const nav = performance.getEntries().find((e) => String(e.entryType) === "navigation");
      const dom =
        nav && "domContentLoadedEventEnd" in nav ? Number(nav.domContentLoadedEventEnd) : Number.NaN;
      return { origin: performance.timeOrigin, dom };
    });
    const iframeStart = (inFrame?.origin ?? Number.NaN) - pageOrigin;
    return { ms, iframeStart, appDomReady: iframeStart + (inFrame?.dom ?? Number.NaN), proxied };
  } finally {
    await page.close();
  }
}

export async function benchSidebarLoad(
  p: Product,
  ticketId: number,
  opts: { loads: number; warmup: number },
  cleanup: Cleanup,
): Promise<SidebarLoadResult> {
  await buildLocalApp();
  const blankDir = blankPackage();
  const stopBlankDir = cleanup.add(async () => rmSync(blankDir, { recursive: true, force: true }));
  const front = await httpsFront(p.worker.origin);
  const stopFront = cleanup.add(front.close);
  const settings = { backend_url: front.origin, api_secret: APP_SECRET };
  const hosts: ZafHost[] = [];
  const stopHosts = cleanup.add(async () => {
    await Promise.all(hosts.map((h) => h.close()));
  });
  const real = await startZafHost({ appDir, settings, trust: [front.cert] });
  hosts.push(real);
  const blank = await startZafHost({ appDir: blankDir, settings, trust: [front.cert] });
  hosts.push(blank);
  const browser = await launchChromium();
  const stopBrowser = cleanup.add(browser.close);
  try {
    const page = {
      user: { id: 7001, name: "Ana Berg" },
      ticket: { id: ticketId, subject: "Where is my parcel?" },
    };
    const sidebarUrl = real.pageUrl(page);
    const blankUrl = blank.pageUrl(page);
    const takeOver = (pg: Page) =>
      pg.frameLocator("#app").getByRole("button", { name: "Take over", exact: true });
    const blankButton = (pg: Page) =>
      pg.frameLocator("#app").getByRole("button", { name: "Blank", exact: true });
    const adminUrl = real.pageUrl({ user: { ...page.user, role: "admin" }, location: "nav_bar" });
    const adminReady = (pg: Page) => pg.frameLocator("#app").getByRole("tablist");
    const admin: One[] = [];
    const sidebar: One[] = [];
    const baseline: One[] = [];
    for (let i = 0; i < opts.warmup + opts.loads; i++) {
      // Which goes first alternates, so neither always follows the other.
      const first = i % 2 === 0;
      const b0 = first ? undefined : await loadOnce(browser.context, blankUrl, blankButton);
      const s = await loadOnce(browser.context, sidebarUrl, takeOver);
      const b = b0 ?? (await loadOnce(browser.context, blankUrl, blankButton));
      const a = await loadOnce(browser.context, adminUrl, adminReady);
      if (i >= opts.warmup) {
        sidebar.push(s);
        baseline.push(b);
        admin.push(a);
      }
    }
    return {
      loads: opts.loads,
      sidebar: summary(sidebar.map((s) => s.ms)),
      blank: summary(baseline.map((b) => b.ms)),
      admin: summary(admin.map((a) => a.ms)),
      parts: {
        iframeStart: median(sidebar.map((s) => s.iframeStart)),
        appDomReady: median(sidebar.map((s) => s.appDomReady)),
        proxiedRead: median(sidebar.map((s) => s.proxied.reduce((a, b) => Math.max(a, b), 0))),
        proxiedRequests: median(sidebar.map((s) => s.proxied.length)),
      },
    };
  } finally {
    await stopBrowser();
    await stopHosts();
    await stopFront();
    await stopBlankDir();
  }
}
