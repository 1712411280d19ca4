// Launches the machine's Chromium (scripts/install-chromium.sh) for browser tests,
// headless with a fresh profile. Never downloads a browser.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { spkiHash } from "../../../standin/workspace/local-tls.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * `trust`: certificates (PEM) the browser accepts besides its own CAs, each by its key and nothing
 * else (a page the test opens on the local https Worker); every other certificate is checked.
 */
export async function launchChromium(
  options: { trust?: readonly string[] } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const trust = (options.trust ?? []).map(spkiHash);
  const profile = mkdtempSync(join(tmpdir(), "ohallo-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1000, height: 760 },
    locale: "en-US",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...(trust.length ? [`--ignore-certificate-errors-spki-list=${trust.join(",")}`] : []),
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
