// The product on loopback for benchmarks: the Zendesk stand-in (in this process) and the real
// Worker (`wrangler dev`, fresh local D1 and queue, offline drafter). Stops only what it started.
import { z } from "zod";
import { startZendeskStandin, type ZendeskStandin } from "../standin/zendesk/server.ts";
import { type LocalWorker, startLocalWorker } from "../test/browser/support/local-worker.ts";
import { productConfig, startWrangler } from "./wrangler.ts";
import { localWorkerVars } from "../standin/workspace/worker-process.ts";

export const APP_SECRET = "bench-app-secret";
export const WEBHOOK_SECRET = "bench-webhook-secret";
export const AI_AGENT_ID = 900001;
export const ACCOUNT_ID = 10000001;
const EMAIL = "ai@nordlys.example";
const TOKEN = "bench-token";

const Created = z.object({ ticket: z.object({ id: z.number() }) });

export interface Product {
  standin: ZendeskStandin;
  worker: LocalWorker;
  /** The Worker's API, as the sidebar (through Zendesk's proxy) or an admin calls it. */
  api(method: string, path: string, body?: unknown): Promise<unknown>;
  /** A customer writes a new ticket in Zendesk; its signed webhooks go out to the Worker. */
  createTicket(subject: string, message: string): Promise<number>;
  stop(): Promise<void>;
}

/** The Worker's vars and secrets (contract names) for a bench run against a stand-in at `zendesk`. */
export function workerVars(zendesk: string): Record<string, string> {
  return localWorkerVars({
    zendeskOrigin: zendesk,
    email: EMAIL,
    apiToken: TOKEN,
    webhookSecret: WEBHOOK_SECRET,
    aiAgentId: AI_AGENT_ID,
    appSecret: APP_SECRET,
  });
}

/**
 * The stand-in sends every change to the Worker as a signed webhook, as Zendesk does.
 * `batchTimeoutSeconds`: the queue's `max_batch_timeout` instead of wrangler.toml's.
 */
export async function startProduct(opts: { batchTimeoutSeconds?: number } = {}): Promise<Product> {
  const standin = await startZendeskStandin({
    email: EMAIL,
    apiToken: TOKEN,
    apiUser: { id: AI_AGENT_ID, name: "oHallo AI" },
    accountId: ACCOUNT_ID,
  });
  let worker: LocalWorker;
  try {
    const vars = workerVars(standin.origin);
    const { batchTimeoutSeconds } = opts;
    worker =
      batchTimeoutSeconds === undefined
        ? await startLocalWorker(vars)
        : await startWrangler({
            config: productConfig({ consumer: true, batchTimeoutSeconds }),
            vars,
            migrate: true,
            readyPath: "/healthz",
          });
  } catch (error) {
    await standin.close();
    throw error;
  }
  standin.feed.config = {
    url: `${worker.origin}/webhooks/zendesk`,
    secret: WEBHOOK_SECRET,
    retryDelaysMs: [500, 1000],
  };
  let customers = 0;

  return {
    standin,
    worker,
    async api(method, path, body) {
      const res = await fetch(`${worker.origin}${path}`, {
        method,
        headers: { authorization: `Bearer ${APP_SECRET}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async createTicket(subject, message) {
      customers++;
      const res = await fetch(`${standin.origin}/__standin/tickets`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          subject,
          requester: { name: `Customer ${customers}`, email: `customer.${customers}@example.com` },
          comments: [{ body: message }],
        }),
      });
      if (res.status !== 201) throw new Error(`stand-in: creating a ticket gave ${res.status}`);
      return Created.parse(await res.json()).ticket.id;
    },
    async stop() {
      try {
        await worker.stop();
      } finally {
        await standin.close();
      }
    },
  };
}
