// Starts the real Worker for browser tests and benchmarks on a free port with a fresh local
// database (standin/workspace/worker-process.ts does the work), and removes that database on stop.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LocalCertificate } from "../../../standin/workspace/local-tls.ts";
import { startWorkerProcess } from "../../../standin/workspace/worker-process.ts";

export { freePort } from "../../../standin/workspace/worker-process.ts";

export interface LocalWorker {
  origin: string;
  /** What wrangler printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `vars` are the Worker's vars and secrets (contract names); empty values are passed as empty.
 * With `https`, the Worker answers at `https://localhost:{port}` with that certificate.
 */
export async function startLocalWorker(
  vars: Record<string, string>,
  timeoutMs = 60_000,
  https?: LocalCertificate,
): Promise<LocalWorker> {
  const state = mkdtempSync(join(tmpdir(), "ohallo-worker-"));
  try {
    const worker = await startWorkerProcess({ vars, persistDir: state, timeoutMs, https });
    return {
      origin: worker.origin,
      output: worker.output,
      async stop() {
        await worker.stop();
        rmSync(state, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(state, { recursive: true, force: true });
    throw error;
  }
}
