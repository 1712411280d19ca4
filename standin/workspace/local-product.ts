// The whole product on one machine, as `npm start` runs it and the end-to-end browser tests
// drive it: the Zendesk stand-in (many accounts, OAuth, signed webhooks), the real Worker
// (wrangler dev over https: workerd, local D1 and queue) configured for connected installations
// only, the seed (which creates the accounts and connects each the real way), and the agent
// workspace framing the built app for each account. Stops only what it started.
import { mkdirSync, rmSync } from "node:fs";
import { startZendeskStandin, type ZendeskStandin } from "../zendesk/server.ts";
import { createLocalCertificate, trustInThisProcess } from "./local-tls.ts";
import { startWorkspace, type Workspace, type WorkspaceAccount } from "./server.ts";
import { connectedWorkerVars, freePort, startWorkerProcess, type WorkerProcess } from "./worker-process.ts";

/**
 * The Worker's connected-installations settings for the local demo: local values, never real
 * credentials. A global OAuth client (`zdg-`: it works in every account of the stand-in), the
 * app's id, a fixed encryption key for the sealed tokens (the local D1 is emptied at each start),
 * and the marketplace headers a marketplace app's backend sends.
 */
export const LOCAL_CONNECT = {
  client: { identifier: "zdg-ohallo-local", secret: "local-oauth-client-secret" },
  appId: 900_100,
  /** base64 of 32 fixed bytes: "ohallo-local-demo-key-not-secret". */
  encryptionKey: Buffer.from("ohallo-local-demo-key-not-secret").toString("base64"),
  marketplace: { name: "oHallo", organizationId: "9001", appId: "900100" },
} as const;

export interface SeedTarget {
  /** The Worker's public origin, `https://localhost:{port}` (this process trusts its certificate). */
  worker: string;
  standin: string;
  /** The app the Worker looks for in each account (ZENDESK_APP_ID). */
  appId: number;
}

/** What a seed returns: at least the accounts it made, for the workspace (the first opens). */
export interface Seeded {
  accounts: readonly WorkspaceAccount[];
}

export interface LocalProductOptions<T extends Seeded> {
  /** The app package built for the local Worker's host (local-app.ts). */
  appDir: string;
  /** The Worker's local D1 and queue. Emptied first: the stand-in keeps Zendesk in memory, so both start afresh. */
  persistDir: string;
  /** Fixed ports; 0 or missing picks free ones. */
  ports?: { worker?: number; standin?: number; workspace?: number; app?: number };
  /** OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL; with no key the offline drafter answers. */
  openai?: { apiKey?: string; baseUrl?: string; model?: string };
  onWorkerOutput?: (text: string) => void;
  /** A wrangler config file instead of wrangler.toml (the bench takes the queue's batch wait out). */
  workerConfig?: string;
  /** Creates the accounts, connects each and seeds them, once everything answers. */
  seed: (target: SeedTarget) => Promise<T>;
}

export interface LocalProduct<T extends Seeded> {
  /** The one page to open: the first account's agent workspace. */
  url: string;
  standin: ZendeskStandin;
  worker: WorkerProcess;
  workspace: Workspace;
  /** The local Worker's certificate (PEM), trusted by this process while the product runs. */
  certificate: string;
  /** What `seed` returned. */
  seeded: T;
  stop(): Promise<void>;
}

export async function startLocalProduct<T extends Seeded>(
  options: LocalProductOptions<T>,
): Promise<LocalProduct<T>> {
  const ports = options.ports ?? {};
  const workerPort = ports.worker || (await freePort());
  rmSync(options.persistDir, { recursive: true, force: true });
  mkdirSync(options.persistDir, { recursive: true });

  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    // https for the Worker, as Zendesk's proxy sends secure settings only over https.
    const tls = createLocalCertificate();
    const untrust = trustInThisProcess(tls.cert);
    stops.push(async () => untrust());
    // The default account stays empty: the seed's accounts are the demo.
    const standin = await startZendeskStandin({
      port: ports.standin ?? 0,
      email: "admin@default.example",
      apiToken: "local-default-account-token",
    });
    stops.push(() => standin.close());
    const worker = await startWorkerProcess({
      port: workerPort,
      persistDir: options.persistDir,
      https: tls,
      config: options.workerConfig,
      onOutput: options.onWorkerOutput,
      vars: connectedWorkerVars({
        zendeskOrigin: standin.origin,
        publicOrigin: `https://localhost:${workerPort}`,
        client: LOCAL_CONNECT.client,
        encryptionKey: LOCAL_CONNECT.encryptionKey,
        appId: LOCAL_CONNECT.appId,
        marketplace: LOCAL_CONNECT.marketplace,
        openai: options.openai,
      }),
    });
    stops.push(() => worker.stop());
    // Zendesk knows the Worker's global OAuth client and its callback.
    const registered = await fetch(`${standin.origin}/__standin/oauth/clients`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        identifier: LOCAL_CONNECT.client.identifier,
        secret: LOCAL_CONNECT.client.secret,
        redirect_uris: [`${worker.origin}/connect/zendesk/callback`],
        name: "oHallo",
      }),
    });
    if (!registered.ok) throw new Error(`stand-in: registering the OAuth client: ${registered.status}`);
    const seeded = await options.seed({
      worker: worker.origin,
      standin: standin.origin,
      appId: LOCAL_CONNECT.appId,
    });
    const workspace = await startWorkspace({
      standin,
      appDir: options.appDir,
      appId: LOCAL_CONNECT.appId,
      accounts: seeded.accounts,
      trust: [tls.cert],
      port: ports.workspace ?? 0,
      appPort: ports.app ?? 0,
    });
    stops.push(() => workspace.close());
    const home = seeded.accounts[0]?.subdomain ?? "";
    return {
      url: `${workspace.accountUrl(home)}/views/ai`,
      standin,
      worker,
      workspace,
      certificate: tls.cert,
      seeded,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
