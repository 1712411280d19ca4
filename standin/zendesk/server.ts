// Composition root of the Zendesk stand-in: wires store, Support API, control API, faults and webhook
// deliveries onto one node:http server. The only file that touches sockets.

import type { IncomingMessage } from "node:http";
import { serveStandin } from "../http-server.ts";
import { handleSupportApi } from "./api.ts";
import { type ControlContext, handleControl } from "./control.ts";
import { type WebhookConfig, WebhookFeed } from "./delivery.ts";
import { Faults, faultResponse, type RateLimitConfig, RateLimiter, RequestLog } from "./faults.ts";
import { json, type StandinRequest, type StandinResponse, ticketIdOf } from "./http.ts";
import type { User } from "./model.ts";
import { ZendeskStore } from "./store.ts";

export type StandinOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  email: string;
  apiToken: string;
  oauthToken?: string;
  /** When set, every change is delivered as a signed webhook in the background. */
  webhook?: WebhookConfig;
  accountId?: number;
  /** The user the credentials belong to (default author of API comments). */
  apiUser?: { id?: number; name?: string };
  /** Off unless given: benchmarks should not trip over it by accident. */
  rateLimit?: RateLimitConfig;
  /** The unauthenticated control API; defaults to on only for a loopback host. */
  control?: boolean;
};

export type ZendeskStandin = {
  origin: string;
  port: number;
  store: ZendeskStore;
  feed: WebhookFeed;
  faults: Faults;
  requests: RequestLog;
  /** The whole pipeline without a socket, for benchmarks and in-process tests. */
  handle(req: StandinRequest): Promise<StandinResponse>;
  /** Resolves when no webhook delivery (retries included) is in flight. */
  settled(): Promise<void>;
  close(): Promise<void>;
};

const isLoopback = (host: string) => host === "127.0.0.1" || host === "::1" || host === "localhost";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function loggable(body: string): unknown {
  if (body === "") return null;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function flatHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

export async function startZendeskStandin(options: StandinOptions): Promise<ZendeskStandin> {
  const host = options.host ?? "127.0.0.1";
  const controlEnabled = options.control ?? isLoopback(host);
  const store = new ZendeskStore();
  const feed = new WebhookFeed(options.accountId ?? 10000001, options.webhook ?? null);
  const faults = new Faults();
  const rateLimiter = new RateLimiter();
  const requests = new RequestLog();
  const auth = { email: options.email, apiToken: options.apiToken, oauthToken: options.oauthToken };

  let apiUserId = options.apiUser?.id;
  const seedApiUser = (): User => {
    const name = options.apiUser?.name ?? "Zendesk API user";
    const user = store.putUser({ id: apiUserId, name, email: options.email, role: "admin" });
    apiUserId = user.id;
    return user;
  };
  const apiUser = () => (apiUserId === undefined ? undefined : store.users.get(apiUserId)) ?? seedApiUser();
  const reset = () => {
    store.reset();
    faults.clear();
    requests.clear();
    feed.clear();
    rateLimiter.configure(options.rateLimit ?? null);
    seedApiUser();
  };
  reset();
  store.onChange((change) => feed.record(change));
  const control: ControlContext = { store, feed, faults, rateLimiter, log: requests, apiUser, reset };

  async function handle(req: StandinRequest): Promise<StandinResponse> {
    const path = req.url.pathname;
    if (path.startsWith("/__standin/")) {
      return controlEnabled ? handleControl(req, control) : json(404, { error: "InvalidEndpoint" });
    }
    const started = Date.now();
    const ticketId = ticketIdOf(path);
    const fault = faults.take(req.method, path, ticketId);
    if (fault?.delayMs) await sleep(fault.delayMs);
    const response =
      fault?.status !== undefined
        ? faultResponse({ ...fault, status: fault.status })
        : (rateLimiter.check(req.method, path, Date.now()) ??
          (path.startsWith("/api/v2/")
            ? handleSupportApi(req, { store, auth, apiUser })
            : json(404, { error: "InvalidEndpoint", description: "Not found" })));
    requests.add({
      method: req.method,
      path,
      query: req.url.search,
      ticketId: ticketId ?? null,
      status: response.status,
      at: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      headers: flatHeaders(req.headers),
      body: loggable(req.body),
    });
    return response;
  }

  const http = await serveStandin({
    host,
    port: options.port ?? 0,
    handle,
    onCrash: (error, method, path) => {
      // A bug in the stand-in, not a simulated outage: say so loudly.
      console.error("zendesk stand-in crashed on", method, path, error);
      return json(500, { error: "StandinBug", description: String(error) });
    },
    jsonContentType: "application/json; charset=utf-8",
  });
  const { origin, port } = http;

  return {
    origin,
    port,
    store,
    feed,
    faults,
    requests,
    handle,
    settled: () => feed.settled(),
    close: async () => {
      feed.close();
      await http.close();
    },
  };
}
