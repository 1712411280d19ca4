// The whole product on loopback for browser tests: the Zendesk stand-in, the real Worker
// (wrangler dev over https with a certificate made for the run; the default installation) and the
// ZAF host serving the app built for the local Worker (its domainWhitelist names localhost, so the
// proxy sends the api_secret). Helpers talk to each part the way Zendesk or an integrator would.
// Stops only what it started.
import { startZendeskStandin, type ZendeskStandin } from "../../../standin/zendesk/server.ts";
import { type LocalWorker, startLocalWorker } from "./local-worker.ts";
import { LOCAL_APP_DIR } from "../../../standin/workspace/local-app.ts";
import { createLocalCertificate, trustInThisProcess } from "../../../standin/workspace/local-tls.ts";
import { startZafHost, type ZafHost } from "../../../standin/workspace/zaf-host.ts";
import { localWorkerVars } from "../../../standin/workspace/worker-process.ts";

export const APP_SECRET = "browser-test-app-secret";
export const AI_AGENT_ID = 900001;
const WEBHOOK_SECRET = "browser-test-webhook-secret";
const EMAIL = "ai@nordlys.example";
const TOKEN = "browser-test-token";

export interface Stack {
  standin: ZendeskStandin;
  worker: LocalWorker;
  host: ZafHost;
  /** Calls the Worker's API directly, as an integrator with the secret would. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Makes `agent` an agent of the Zendesk account (the Worker checks every acting agent there). */
  putAgent(agent: { id: number; name: string }): Promise<void>;
  /** A customer writes a new ticket in Zendesk; returns its id. */
  createTicket(subject: string, message: string): Promise<number>;
  /** An agent answers in Zendesk's own UI (a public comment, or an internal note). */
  agentReplies(
    ticketId: number,
    agent: { id: number; name: string },
    body: string,
    isPublic?: boolean,
  ): Promise<void>;
  /** Reads Zendesk's copy of the ticket (status, tags, comments). */
  zendeskTicket(id: number): Promise<{
    ticket: { status: string; tags: string[] };
    comments: { body: string; author_id: number; public: boolean }[];
  }>;
  /** Polls the Worker's view of a ticket until `ready` holds. */
  waitForView<T = Record<string, unknown>>(
    id: number,
    ready: (view: T) => boolean,
    timeoutMs?: number,
  ): Promise<T>;
  stop(): Promise<void>;
}

/** `appDir`: a package built by `buildLocalApp` (local-app.ts). */
export async function startStack(appDir = LOCAL_APP_DIR): Promise<Stack> {
  const tls = createLocalCertificate();
  // The stand-in's webhooks and these helpers reach the Worker over https too.
  const untrust = trustInThisProcess(tls.cert);
  const standin = await startZendeskStandin({
    email: EMAIL,
    apiToken: TOKEN,
    apiUser: { id: AI_AGENT_ID, name: "oHallo AI" },
  });
  let worker: LocalWorker;
  try {
    worker = await startLocalWorker(
      localWorkerVars({
        zendeskOrigin: standin.origin,
        email: EMAIL,
        apiToken: TOKEN,
        webhookSecret: WEBHOOK_SECRET,
        aiAgentId: AI_AGENT_ID,
        appSecret: APP_SECRET,
      }),
      60_000,
      tls,
    );
  } catch (error) {
    await standin.close();
    untrust();
    throw error;
  }
  await fetch(`${standin.origin}/__standin/webhook`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      url: `${worker.origin}/webhooks/zendesk`,
      secret: WEBHOOK_SECRET,
      retryDelaysMs: [500, 1000],
    }),
  });
  const host = await startZafHost({
    appDir,
    settings: { backend_url: worker.origin, api_secret: APP_SECRET },
    trust: [tls.cert],
  });

  async function api(method: string, path: string, body?: unknown) {
    const res = await fetch(`${worker.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${APP_SECRET}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }

  return {
    standin,
    worker,
    host,
    api,
    async putAgent(agent) {
      const res = await fetch(`${standin.origin}/__standin/users`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...agent, role: "agent" }),
      });
      if (!res.ok) throw new Error(`stand-in: could not create agent ${agent.name}: ${res.status}`);
    },
    async createTicket(subject, message) {
      const res = await fetch(`${standin.origin}/__standin/tickets`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          subject,
          requester: { name: "Kari Nordmann", email: `kari.${Date.now()}@example.com` },
          comments: [{ body: message }],
        }),
      });
      const created = (await res.json()) as { ticket: { id: number } };
      return created.ticket.id;
    },
    async agentReplies(ticketId, agent, body, isPublic = true) {
      const res = await fetch(`${standin.origin}/__standin/tickets/${ticketId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ body, public: isPublic, author: { ...agent, role: "agent" } }),
      });
      if (!res.ok) throw new Error(`stand-in comment on ${ticketId}: ${res.status} ${await res.text()}`);
    },
    async zendeskTicket(id) {
      return (await (await fetch(`${standin.origin}/__standin/tickets/${id}`)).json()) as never;
    },
    async waitForView(id, ready, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      while (Date.now() < deadline) {
        const res = await api("GET", `/api/tickets/${id}`);
        last = res.body;
        if (res.status === 200 && ready(res.body as never)) return res.body as never;
        await new Promise((r) => setTimeout(r, 250));
      }
      const deliveries = JSON.stringify(standin.feed.listDeliveries(id));
      throw new Error(
        `ticket ${id} never reached the expected state; last view: ${JSON.stringify(last)}\n` +
          `webhook deliveries: ${deliveries}\nWorker output (end):\n${worker.output().slice(-3000)}`,
      );
    },
    async stop() {
      await host.close();
      await worker.stop();
      await standin.close();
      untrust();
    },
  };
}
