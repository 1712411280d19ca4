// Benchmark 4, the sidebar bundle: reads the size report `npm run build` wrote (dist/app-size.json,
// gzip level 9 by scripts/build-app.ts) and sets it against the budget and Zendesk's React scaffold.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { SizeReport } from "../scripts/build-app.ts";

export interface BundleResult {
  sidebar: SizeReport["sidebar"];
  raw: SizeReport["raw"];
  admin: number;
  budget: number;
  /** Not measured here: Zendesk's React + Garden scaffold, about 77 KB of gzipped JS (../shared/reference/zendesk.md). */
  scaffoldJs: number;
}

const root = resolve(import.meta.dirname, "..");

export function readBundle(): BundleResult {
  const report: SizeReport = JSON.parse(readFileSync(join(root, "dist/app-size.json"), "utf8"));
  return {
    sidebar: report.sidebar,
    raw: report.raw,
    admin: report.admin.js,
    budget: report.budget,
    scaffoldJs: 77 * 1024,
  };
}
