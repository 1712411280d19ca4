// The whole product on one machine, as `npm start` runs it and the end-to-end browser tests
// drive it: the Zendesk stand-in (signed webhooks to the Worker), the real Worker (wrangler dev:
// workerd, local D1 and queue), and the agent workspace framing the built sidebar. Stops only
// what it started.
import { mkdirSync, rmSync } from "node:fs";
import { startZendeskStandin, type ZendeskStandin } from "../zendesk/server.ts";
import type { Agent } from "./page.layout.ts";
import { startWorkspace, type Workspace, type WorkspaceOptions } from "./server.ts";
import { freePort, localWorkerVars, startWorkerProcess, type WorkerProcess } from "./worker-process.ts";

export const AGENTS: readonly Agent[] = [
  { id: 7001, name: "Ana Berg" },
  { id: 7002, name: "Bo Larsen" },
];

/** The demo installation's settings: local values, never real credentials. */
export const DEMO = {
  email: "ai@nordlys.example",
  apiToken: "local-token",
  webhookSecret: "local-webhook-secret",
  appSecret: "local-app-secret",
  aiAgentId: 900001,
} as const;

export interface SeedTarget {
  worker: string;
  secret: string;
  standin: string;
  agents: readonly Agent[];
}

export interface LocalProductOptions<T> {
  /** The built app package (dist/app). */
  appDir: string;
  /** The Worker's local D1 and queue. Emptied first: the stand-in keeps Zendesk in memory, so both start afresh. */
  persistDir: string;
  /** Fixed ports; 0 or missing picks free ones. */
  ports?: { worker?: number; standin?: number; workspace?: number; app?: number };
  /** OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL; with no key the offline drafter answers. */
  openai?: { apiKey?: string; baseUrl?: string; model?: string };
  onWorkerOutput?: (text: string) => void;
  /** Customer messages offered on the "New customer ticket" page. */
  examples?: WorkspaceOptions["examples"];
  /** Seeds the installation once everything answers (KB, policies, tickets). */
  seed: (target: SeedTarget) => Promise<T>;
}

export interface LocalProduct<T> {
  /** The one page to open: the agent workspace. */
  url: string;
  standin: ZendeskStandin;
  worker: WorkerProcess;
  workspace: Workspace;
  /** What `seed` returned. */
  seeded: T;
  stop(): Promise<void>;
}

export async function startLocalProduct<T>(options: LocalProductOptions<T>): Promise<LocalProduct<T>> {
  const ports = options.ports ?? {};
  const workerPort = ports.worker || (await freePort());
  const workerOrigin = `http://127.0.0.1:${workerPort}`;
  rmSync(options.persistDir, { recursive: true, force: true });
  mkdirSync(options.persistDir, { recursive: true });

  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const standin = await startZendeskStandin({
      port: ports.standin ?? 0,
      email: DEMO.email,
      apiToken: DEMO.apiToken,
      apiUser: { id: DEMO.aiAgentId, name: "oHallo AI" },
      webhook: { url: `${workerOrigin}/webhooks/zendesk`, secret: DEMO.webhookSecret },
    });
    stops.push(() => standin.close());
    const worker = await startWorkerProcess({
      port: workerPort,
      persistDir: options.persistDir,
      onOutput: options.onWorkerOutput,
      vars: localWorkerVars({ zendeskOrigin: standin.origin, ...DEMO, openai: options.openai }),
    });
    stops.push(() => worker.stop());
    const workspace = await startWorkspace({
      standin,
      appDir: options.appDir,
      worker: { origin: worker.origin, appSecret: DEMO.appSecret },
      aiAgentId: DEMO.aiAgentId,
      agents: AGENTS,
      examples: options.examples,
      port: ports.workspace ?? 0,
      appPort: ports.app ?? 0,
    });
    stops.push(() => workspace.close());
    const target = { worker: worker.origin, secret: DEMO.appSecret, standin: standin.origin, agents: AGENTS };
    const seeded = await options.seed(target);
    return { url: `${workspace.origin}/views/ai`, standin, worker, workspace, seeded, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
