// The product on loopback for the reliability run: the Zendesk and OpenAI stand-ins (in this process) and
// the real Worker (`wrangler dev`: workerd, a fresh local D1 and queue) configured for connected
// installations only, with the model path (OPENAI_API_KEY + OPENAI_BASE_URL at the OpenAI stand-in).
// The two demo accounts are connected the real way by the seed (scripts/seed-demo.ts: OAuth consent,
// the callback, the Worker's own webhook and api_secret); a third, empty account is connected the same
// way for the fuzzing that may change settings or disconnect. Stops only what it started.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectAccount, seedLocalDemo } from "../../scripts/seed-demo.ts";
import { type OpenAIStandin, startOpenAIStandin } from "../../standin/openai/server.ts";
import { LOCAL_CONNECT } from "../../standin/workspace/local-product.ts";
import {
  connectedWorkerVars,
  freePort,
  startWorkerProcess,
  type WorkerProcess,
} from "../../standin/workspace/worker-process.ts";
import { startZendeskStandin, type ZendeskStandin } from "../../standin/zendesk/server.ts";
import type { Cleanup } from "../../bench/cleanup.ts";

export const OPENAI_KEY = "reliability-openai-key";
export const FUZZ_SUBDOMAIN = "fuzzbox";

export interface Agent {
  id: number;
  name: string;
}

/** One connected account: what its admin's connect left (secret, webhook) and who works there. */
export interface Account {
  subdomain: string;
  installationId: string;
  /** The api_secret the Worker wrote into the app's installation (what Zendesk's proxy sends). */
  secret: string;
  /** The Worker's webhook in the account: where it delivers, signed with this secret. */
  webhook: { id: string; url: string; secret: string };
  accountId: number;
  /** The user the Worker posts AI replies as. */
  aiAgentId: number;
  agents: Agent[];
  /** Tickets the seed made (left out of every count). */
  seededTickets: number[];
}

export interface Stack {
  zendesk: ZendeskStandin;
  openai: OpenAIStandin;
  worker: WorkerProcess;
  persistDir: string;
  /** nordlys and fjord, connected and seeded by the demo seed. */
  accounts: Account[];
  /** An empty account connected the same way, for fuzzing that may change or disconnect it. */
  fuzz: Account;
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** What the connect left in an account: the api_secret in the app's installation, the Worker's webhook. */
async function connected(
  zendesk: string,
  worker: string,
  subdomain: string,
): Promise<Pick<Account, "secret" | "webhook" | "installationId">> {
  const base = `${zendesk}/${subdomain}/__standin`;
  const { installations } = await json<{
    installations: { app_id: number; settings: Record<string, unknown> }[];
  }>(await fetch(`${base}/apps/installations`), "installations");
  const secret = String(
    installations.find((i) => i.app_id === LOCAL_CONNECT.appId)?.settings.api_secret ?? "",
  );
  const { webhooks } = await json<{ webhooks: { id: string; endpoint: string; secret: string }[] }>(
    await fetch(`${base}/webhooks`),
    "webhooks",
  );
  const hook = webhooks.find((w) => w.endpoint.startsWith(`${worker}/webhooks/zendesk/`));
  if (!secret.startsWith("ohs_") || !hook) throw new Error(`reliability: ${subdomain} is not connected`);
  return {
    secret,
    webhook: { id: hook.id, url: hook.endpoint, secret: hook.secret },
    installationId: hook.endpoint.split("/").pop() ?? "",
  };
}

/** An empty account, the app installed and oHallo connected as an admin would (no KB, no tickets). */
async function connectEmptyAccount(zendesk: string, worker: string, subdomain: string): Promise<Account> {
  const created = await json<{ account: { accountId: number; admin: { id: number } } }>(
    await fetch(
      `${zendesk}/__standin/accounts`,
      post({ subdomain, admin: { name: "oHallo AI", email: `ai@${subdomain}.example` } }),
    ),
    "account",
  );
  const base = `${zendesk}/${subdomain}/__standin`;
  const agents = [{ id: 7201, name: "Fay Fuzz" }];
  for (const a of agents) await json(await fetch(`${base}/users`, post({ ...a, role: "agent" })), "agent");
  await json(
    await fetch(
      `${base}/apps/installations`,
      post({ app_id: LOCAL_CONNECT.appId, settings: { backend_url: worker }, secure: ["api_secret"] }),
    ),
    "app installation",
  );
  await connectAccount({ worker, standin: zendesk, appId: LOCAL_CONNECT.appId }, subdomain);
  return {
    subdomain,
    accountId: created.account.accountId,
    aiAgentId: created.account.admin.id,
    agents,
    seededTickets: [],
    ...(await connected(zendesk, worker, subdomain)),
  };
}

/**
 * Starts everything, registering each stop with `cleanup` as soon as it exists (a failure or Ctrl-C
 * half way still stops what was started). `log` sees progress lines.
 */
export async function startStack(cleanup: Cleanup, log: (line: string) => void): Promise<Stack> {
  const persistDir = mkdtempSync(join(tmpdir(), "ohallo-reliability-"));
  cleanup.add(async () => rmSync(persistDir, { recursive: true, force: true }));
  const zendesk = await startZendeskStandin({
    port: 0,
    email: "admin@default.example",
    apiToken: "reliability-default-token",
  });
  cleanup.add(() => zendesk.close());
  const openai = await startOpenAIStandin({ apiKey: OPENAI_KEY, port: 0 });
  cleanup.add(() => openai.close());

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const worker = await startWorkerProcess({
    port,
    persistDir,
    timeoutMs: 120_000,
    vars: connectedWorkerVars({
      zendeskOrigin: zendesk.origin,
      publicOrigin: origin,
      client: LOCAL_CONNECT.client,
      encryptionKey: LOCAL_CONNECT.encryptionKey,
      appId: LOCAL_CONNECT.appId,
      marketplace: LOCAL_CONNECT.marketplace,
      openai: { apiKey: OPENAI_KEY, baseUrl: `${openai.origin}/v1`, model: "gpt-standin" },
    }),
  });
  cleanup.add(() => worker.stop());
  log(
    `Worker up at ${worker.origin} in ${((Date.now() - started) / 1000).toFixed(1)} s (wrangler dev, local D1)`,
  );

  await json(
    await fetch(
      `${zendesk.origin}/__standin/oauth/clients`,
      post({
        identifier: LOCAL_CONNECT.client.identifier,
        secret: LOCAL_CONNECT.client.secret,
        redirect_uris: [`${worker.origin}/connect/zendesk/callback`],
        name: "oHallo",
      }),
    ),
    "OAuth client",
  );
  const seeding = Date.now();
  const seed = await seedLocalDemo({
    worker: worker.origin,
    standin: zendesk.origin,
    appId: LOCAL_CONNECT.appId,
  });
  const accounts: Account[] = [];
  for (const a of seed.accounts) {
    const standinAccount = zendesk.account(a.subdomain);
    if (!standinAccount) throw new Error(`reliability: no stand-in account ${a.subdomain}`);
    accounts.push({
      subdomain: a.subdomain,
      accountId: standinAccount.accountId,
      aiAgentId: a.aiAgentId,
      agents: [...a.agents],
      seededTickets: a.tickets.map((t) => t.id),
      ...(await connected(zendesk.origin, worker.origin, a.subdomain)),
    });
  }
  const fuzz = await connectEmptyAccount(zendesk.origin, worker.origin, FUZZ_SUBDOMAIN);
  log(
    `seeded and connected ${[...accounts, fuzz].map((a) => a.subdomain).join(", ")} the real way in ` +
      `${((Date.now() - seeding) / 1000).toFixed(1)} s (${seed.summary})`,
  );
  return {
    zendesk,
    openai,
    worker,
    persistDir,
    accounts,
    fuzz,
  };
}
