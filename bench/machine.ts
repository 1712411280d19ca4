// Facts about the machine and tools a benchmark ran on, for the report. Reads only.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";

export interface Machine {
  date: string;
  cpus: string;
  cpuModel: string;
  memory: string;
  node: string;
  wrangler: string;
  chromium: string;
  /** Other work on the machine when the run began: it shares the CPUs with the measurements. */
  loadAtStart: string;
  workerdAtStart: number;
}

/** The 1, 5 and 15 minute load averages. */
export const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");

const root = resolve(import.meta.dirname, "..");

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, {
      encoding: "utf8",
      timeout: 10_000,
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "unknown";
  }
}

export function machine(): Machine {
  const mem = /^Mem:\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(run("free", ["-m"]));
  const version = (pkg: string): string => {
    const manifest: { version: string } = JSON.parse(
      readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8"),
    );
    return manifest.version;
  };
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpus: run("nproc", []),
    cpuModel: cpus()[0]?.model ?? "unknown",
    memory: mem ? `${mem[1]} MiB total, ${mem[3]} MiB free at start` : "unknown",
    node: process.version,
    wrangler: version("wrangler"),
    chromium: run("/usr/bin/chromium", ["--version"]),
    loadAtStart: load(),
    workerdAtStart: Number(run("pgrep", ["-c", "-x", "workerd"])) || 0,
  };
}
