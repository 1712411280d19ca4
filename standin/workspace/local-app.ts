// The app package as it is deployed for the local Worker: the same build as `npm run build`, with the
// local Worker's host (`localhost`, served over https) as the manifest's `domainWhitelist`, so
// Zendesk's proxy (zaf-proxy.ts) sends the secure api_secret there. Kept apart from dist/app, the
// package one uploads; `npm start` and the browser tests use this one.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type BuildResult, buildApp } from "../../scripts/build-app.ts";
import { LOCAL_WORKER_HOST } from "./local-tls.ts";

const root = resolve(import.meta.dirname, "../..");

/** Where the local package goes. */
export const LOCAL_APP_DIR = join(root, "dist", "local", "app");

export function buildLocalApp(): Promise<BuildResult> {
  // The port differs per run; the whitelist holds the host alone, and each installation sets backend_url.
  return buildApp({ outDir: LOCAL_APP_DIR, publicOrigin: `https://${LOCAL_WORKER_HOST}` });
}

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** The package is rebuilt when any of its sources (or the build script) is newer than its manifest. */
export function localAppIsStale(): boolean {
  const manifest = join(LOCAL_APP_DIR, "manifest.json");
  if (!existsSync(manifest)) return true;
  const sources = ["app", "manifest", "translations", "common", "scripts/build-app.ts"].map((d) =>
    newest(join(root, d)),
  );
  return Math.max(...sources) > statSync(manifest).mtimeMs;
}
