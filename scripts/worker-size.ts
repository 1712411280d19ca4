// Measures the Worker bundle: bundles worker/src the way `wrangler deploy` does (esbuild with wrangler's
// conditions, target and defines, `minify` from wrangler.toml, node built-ins left to the runtime) and
// reports its gzipped size as wrangler's "Total Upload … gzip" does, with its biggest parts from esbuild's
// metafile. Used by the budget test (test/unit/worker-bundle.test.ts) and `npm run bench`. Writes nothing.
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { buildSync } from "esbuild";

/** The Worker (minified, gzipped as wrangler counts it) must stay under this (docs/decisions/008-bundles.md). */
export const WORKER_BUDGET_BYTES = 160 * 1024;

export interface WorkerPart {
  /** A package directory (`zod/v4/locales`, `hono/dist`) or an area of our code (`worker/src/drafting`). */
  name: string;
  /** Bytes of the (minified) bundle that come from it, before gzip. */
  bytes: number;
}

export interface WorkerSize {
  /** The bundle (index.js), before gzip. */
  raw: number;
  /** gzip at zlib's default level, as wrangler prints it. */
  gzip: number;
  budget: number;
  minify: boolean;
  /** Every part, biggest first; their bytes add up to the bundle's less esbuild's own glue. */
  parts: WorkerPart[];
  /** Every input file of the bundle, relative to the root (for tests that check what is not in it). */
  inputs: string[];
}

/** Where a bundled file belongs: its package and up to two directories below it, or an area of our code. */
export function partOf(input: string): string {
  const path = input.replace(/\\/g, "/");
  const i = path.lastIndexOf("node_modules/");
  if (i >= 0) {
    const segments = path.slice(i + "node_modules/".length).split("/");
    const name = segments[0]?.startsWith("@") ? 2 : 1;
    // The package, then directories only (never the file's name), at most two of them.
    return segments.slice(0, Math.min(segments.length - 1, name + 2)).join("/");
  }
  // Our code by area (worker/src/drafting); a file on its own (worker/src/index.ts, common/api.schema.ts).
  const segments = path.split("/");
  return segments[0] === "worker" && segments[1] === "src" && segments.length > 3
    ? segments.slice(0, 3).join("/")
    : path;
}

export function measureWorker(root = resolve(import.meta.dirname, "..")): WorkerSize {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const main = /^main\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!main) throw new Error("worker-size: wrangler.toml has no main");
  const minify = /^minify\s*=\s*true\b/m.test(toml);
  const result = buildSync({
    absWorkingDir: root,
    entryPoints: [main],
    bundle: true,
    format: "esm",
    // As wrangler (deployment-bundle/bundle.ts): no platform, its conditions, es2024, names kept.
    conditions: ["workerd", "worker", "browser"],
    target: "es2024",
    supported: { "import-source": true, using: true },
    keepNames: true,
    minify,
    define: {
      "navigator.userAgent": '"Cloudflare-Workers"',
      "process.env.NODE_ENV": '"production"',
      "global.process.env.NODE_ENV": '"production"',
      "globalThis.process.env.NODE_ENV": '"production"',
    },
    // nodejs_compat: the runtime provides node:* (and the bare names papaparse asks for).
    external: ["cloudflare:*", "node:*", ...builtinModules],
    loader: { ".wasm": "binary", ".txt": "text", ".html": "text", ".sql": "text", ".bin": "binary" },
    metafile: true,
    write: false,
    outdir: join(root, "dist/worker-size"),
    logLevel: "error",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"));
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith(".js"))?.[1];
  if (!js || !output) throw new Error("worker-size: esbuild wrote no JavaScript");
  const parts = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = partOf(input);
    parts.set(name, (parts.get(name) ?? 0) + bytesInOutput);
  }
  return {
    raw: js.contents.length,
    gzip: gzipSync(js.contents).length,
    budget: WORKER_BUDGET_BYTES,
    minify,
    parts: [...parts].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
    inputs: Object.keys(output.inputs),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const size = measureWorker();
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`Worker bundle: ${kib(size.raw)}, ${kib(size.gzip)} gzipped (budget ${kib(size.budget)})`);
  for (const part of size.parts.slice(0, 15)) console.log(`${kib(part.bytes).padStart(10)}  ${part.name}`);
}
