// Builds the Zendesk app package into dist/app (manifest, translations, assets,
// requirements) and reports the gzipped size of the sidebar and of the admin area. Run by `npm run build`
// and `npm run deploy`; the tests import `buildApp`. Must never write outside its output directory and report.
//
// The package names one deployment: its public origin (OHALLO_PUBLIC_ORIGIN, or the `publicOrigin`
// option) becomes the `backend_url` setting's default and the only `domainWhitelist` entry. A
// Marketplace package is the same for every account, so it names the one Worker that serves them all.
// Without an origin the package keeps manifest/manifest.json's development values (the local Worker).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

/** The sidebar (JS + CSS + HTML, SDK included) must stay under this, gzipped (18.2 KB in issue 12). */
export const SIDEBAR_BUDGET_BYTES = 19 * 1024;
/** The admin area (nav_bar, English included) is its own bundle; it must still open fast. */
export const ADMIN_BUDGET_BYTES = 40 * 1024;

export interface BuildOptions {
  /** The project root (default: this script's parent directory). */
  root?: string;
  /** Where the package goes (default: <root>/dist/app). */
  outDir?: string;
  /**
   * The deployment's public origin, e.g. `https://ohallo-zendesk.acme.workers.dev` (default: env
   * OHALLO_PUBLIC_ORIGIN). Null or unset without the env: manifest/manifest.json's development values.
   */
  publicOrigin?: string | null;
}

/** The Worker `npm start` and `wrangler dev` run; manifest/manifest.json is the package for it. */
export const LOCAL_ORIGIN = "http://localhost:8787";

export interface DeploymentOrigin {
  /** Scheme, host and port when not the default; no path, no trailing slash. */
  origin: string;
  /** The host alone, as `domainWhitelist` lists it. */
  host: string;
}

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Checks a deployment's public origin and returns it normalised. https only (plain http only for a
 * local Worker); no path, query, fragment or credentials, since the app appends its own paths to it.
 * Throws an Error whose message says what is wrong and what is expected.
 */
export function parsePublicOrigin(input: string): DeploymentOrigin {
  const text = input.trim();
  const example = "the Worker's origin, like https://ohallo-zendesk.acme.workers.dev";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not a URL: give ${example}`);
  }
  const local = LOCAL_HOSTS.includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local))
    throw new Error(`"${text}" must start with https:// (Zendesk only calls https): give ${example}`);
  if (url.username || url.password) throw new Error(`"${text}" must not hold a user name or password`);
  if (url.pathname !== "/" || url.search || url.hash)
    throw new Error(`"${text}" must be an origin without a path, query or fragment: give ${example}`);
  return { origin: url.origin, host: url.hostname };
}

/** Whether an origin is this machine's (allowed for development, never for a deployment). */
export const isLocalOrigin = (o: DeploymentOrigin) => LOCAL_HOSTS.includes(o.host);

/**
 * The manifest for one deployment: `backend_url` defaults to its origin (Zendesk fills the setting
 * in at install; an installation that already has a value keeps it) and `domainWhitelist` lists its
 * host alone, so Zendesk's proxy sends the secure `api_secret` to that host and no other.
 */
export function applyDeploymentOrigin(
  manifest: Record<string, unknown>,
  target: DeploymentOrigin,
): Record<string, unknown> {
  const parameters = Array.isArray(manifest.parameters)
    ? (manifest.parameters as Record<string, unknown>[])
    : [];
  if (!parameters.some((p) => p.name === "backend_url"))
    throw new Error("build-app: manifest.json has no backend_url parameter");
  return {
    ...manifest,
    parameters: parameters.map((p) => (p.name === "backend_url" ? { ...p, default: target.origin } : p)),
    domainWhitelist: [target.host],
  };
}

interface PageSize {
  js: number;
  css: number;
  html: number;
  total: number;
}

export interface SizeReport {
  budget: number;
  sidebar: PageSize;
  adminBudget: number;
  admin: PageSize;
  /** The largest of the admin's other locales (assets/admin.<locale>.json), loaded at start. */
  adminLocale: number;
  raw: { js: number; css: number };
}

export interface BuildResult {
  outDir: string;
  reportPath: string;
  size: SizeReport;
  /** The origin the package talks to, and whether the build was given one (else the local default). */
  origin: DeploymentOrigin & { given: boolean };
}

/** The origin the options or the environment name, or null for the development package. */
function requestedOrigin(options: BuildOptions): DeploymentOrigin | null {
  if (options.publicOrigin !== undefined)
    return options.publicOrigin === null ? null : parsePublicOrigin(options.publicOrigin);
  const fromEnv = process.env.OHALLO_PUBLIC_ORIGIN?.trim();
  if (fromEnv) return parsePublicOrigin(fromEnv);
  if (process.env.OHALLO_WORKER_HOST)
    throw new Error(
      "OHALLO_WORKER_HOST is no longer read: set OHALLO_PUBLIC_ORIGIN to the Worker's origin (https://…).",
    );
  return null;
}

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

/** The SDK polyfills Promise when missing; every browser Zendesk supports has it. */
const noPromisePolyfill: Plugin = {
  name: "no-promise-polyfill",
  setup(b) {
    b.onResolve({ filter: /native-promise-only/ }, (args) => ({ path: args.path, namespace: "no-polyfill" }));
    b.onLoad({ filter: /.*/, namespace: "no-polyfill" }, () => ({ contents: "module.exports = Promise;" }));
  },
};

/**
 * Writes Garden's value in place of every `var(--zd-*)` (tokens that name other tokens resolved too),
 * so the CSS carries no token definitions: the same computed styles, fewer bytes. Fails on a token
 * Garden does not define.
 */
export function inlineGardenTokens(css: string, gardenCss: string): string {
  const defined = new Map<string, string>();
  for (const m of gardenCss.matchAll(/(--zd-[\w-]+)\s*:\s*([^;]+);/g))
    defined.set(m[1] ?? "", (m[2] ?? "").trim());
  const resolve = (text: string, seen: readonly string[]): string =>
    text.replace(/var\(\s*(--zd-[\w-]+)\s*\)/g, (_, name: string) => {
      const value = defined.get(name);
      if (value === undefined) throw new Error(`build-app: unknown Garden token ${name}`);
      if (seen.includes(name)) throw new Error(`build-app: Garden token ${name} refers to itself`);
      return resolve(value, [...seen, name]);
    });
  const out = resolve(css, []);
  const left = /var\(\s*--zd-/.exec(out);
  if (left)
    throw new Error(
      `build-app: a Garden token with a fallback is not supported: ${out.slice(left.index, left.index + 60)}`,
    );
  return out;
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

function writeJson(path: string, value: unknown) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

export async function buildApp(options: BuildOptions = {}): Promise<BuildResult> {
  const root = resolve(options.root ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
  const target = requestedOrigin(options);
  const outDir = resolve(options.outDir ?? join(root, "dist", "app"));
  const assets = join(outDir, "assets");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  mkdirSync(join(outDir, "translations"));

  // One bundle per location; the shared schemas run on a small zod stand-in in the browser
  // (docs/decisions/002-sidebar-ui.md).
  const bundle = (name: string, entry: string) =>
    build({
      absWorkingDir: root,
      entryPoints: { [name]: entry },
      bundle: true,
      minify: true,
      format: "iife",
      target: ["chrome111", "edge111", "firefox113", "safari16.4"],
      jsx: "automatic",
      jsxImportSource: "preact",
      alias: { zod: "./app/schema/zod-lite.ts" },
      plugins: [noPromisePolyfill],
      legalComments: "eof",
      write: false,
      outdir: assets,
      logLevel: "warning",
    });
  const scripts = await Promise.all([
    bundle("sidebar", "app/sidebar/main.tsx"),
    bundle("admin", "app/admin/main.tsx"),
  ]);
  const styles = await build({
    absWorkingDir: root,
    entryPoints: ["app/styles/sidebar.css", "app/styles/admin.css"],
    bundle: true,
    minify: true,
    target: ["chrome111", "edge111", "firefox113", "safari16.4"],
    write: false,
    outdir: assets,
    logLevel: "warning",
  });
  for (const file of scripts.flatMap((s) => s.outputFiles)) writeFileSync(file.path, file.contents);
  const gardenCss = readFileSync(
    join(root, "node_modules/@zendeskgarden/css-variables/dist/index.css"),
    "utf8",
  );
  for (const file of styles.outputFiles) writeFileSync(file.path, inlineGardenTokens(file.text, gardenCss));
  for (const page of ["index.html", "admin.html"]) cpSync(join(root, "app", page), join(assets, page));
  for (const file of readdirSync(join(root, "app", "assets"))) {
    cpSync(join(root, "app", "assets", file), join(assets, file));
  }

  const source = readJson(join(root, "manifest", "manifest.json"));
  const manifest = target ? applyDeploymentOrigin(source, target) : source;
  writeJson(join(outDir, "manifest.json"), manifest);
  writeJson(join(outDir, "requirements.json"), readJson(join(root, "manifest", "requirements.json")));
  // Zendesk reads translations/ (marketplace texts); the app fetches its locale from assets/i18n/.
  mkdirSync(join(assets, "i18n"));
  for (const file of readdirSync(join(root, "translations")).filter((f) => f.endsWith(".json"))) {
    const translations = readJson(join(root, "translations", file));
    writeJson(join(outDir, "translations", file), translations);
    // Each location bundles English and fetches the agent's own language from here.
    for (const location of ["sidebar", "admin"] as const) {
      writeFileSync(join(assets, "i18n", `${location}.${file}`), JSON.stringify(translations[location]));
    }
  }

  const read = (file: string) => readFileSync(join(assets, file));
  const page = (name: string, html: string): PageSize => {
    const size = { js: gz(read(`${name}.js`)), css: gz(read(`${name}.css`)), html: gz(read(html)), total: 0 };
    size.total = size.js + size.css + size.html;
    return size;
  };
  const size: SizeReport = {
    budget: SIDEBAR_BUDGET_BYTES,
    sidebar: page("sidebar", "index.html"),
    adminBudget: ADMIN_BUDGET_BYTES,
    admin: page("admin", "admin.html"),
    adminLocale: Math.max(
      ...readdirSync(join(assets, "i18n"))
        .filter((f) => /^admin\.\w+\.json$/.test(f))
        .map((f) => gz(read(`i18n/${f}`))),
    ),
    raw: { js: read("sidebar.js").length, css: read("sidebar.css").length },
  };
  const reportPath = join(dirname(outDir), `${basename(outDir)}-size.json`);
  writeJson(reportPath, size);
  // manifest/manifest.json is the package for LOCAL_ORIGIN (the tests hold it to that).
  const origin = { ...(target ?? parsePublicOrigin(LOCAL_ORIGIN)), given: target !== null };
  return { outDir, reportPath, size, origin };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** One paragraph on the origin the package was built for (printed by the build and the deploy). */
export function describeOrigin(origin: BuildResult["origin"]): string {
  if (origin.given)
    return `Backend: ${origin.origin} (the backend_url setting's default; domainWhitelist: ${origin.host}).`;
  return (
    `No deployment origin given (OHALLO_PUBLIC_ORIGIN): the package keeps the development values, ` +
    `backend_url ${origin.origin} and domainWhitelist ${origin.host}, for npm start and the tests. ` +
    "For Zendesk, build it for your Worker: OHALLO_PUBLIC_ORIGIN=https://<your Worker> npm run build " +
    "(npm run deploy does this)."
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { outDir, reportPath, size, origin } = await buildApp();
  const { sidebar, admin } = size;
  const parts = (p: PageSize) => `(JS ${kb(p.js)}, CSS ${kb(p.css)}, HTML ${kb(p.html)})`;
  console.log(`Zendesk app package: ${outDir}`);
  console.log(`Sidebar gzipped: ${kb(sidebar.total)} of ${kb(size.budget)} ${parts(sidebar)}`);
  console.log(
    `Admin area gzipped: ${kb(admin.total)} of ${kb(size.adminBudget)} ${parts(admin)}, ` +
      `plus its locale if not English (at most ${kb(size.adminLocale)})`,
  );
  console.log(`Size report: ${reportPath}`);
  console.log(describeOrigin(origin));
  if (sidebar.total > size.budget) console.warn("WARNING: the sidebar is over its gzipped budget.");
  if (admin.total > size.adminBudget) console.warn("WARNING: the admin area is over its gzipped budget.");
  if (!existsSync(join(outDir, "assets", "logo.png"))) console.warn("WARNING: assets/logo.png is missing.");
}
