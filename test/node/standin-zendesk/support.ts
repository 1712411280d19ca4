// Helpers for the Zendesk stand-in's own tests: a stand-in per test file, a Support API client with credentials,
// the control API of any account, and a webhook receiver that answers what a test scripts.
import { createServer, type IncomingHttpHeaders } from "node:http";
import {
  type StandinOptions,
  startZendeskStandin,
  type ZendeskStandin,
} from "../../../standin/zendesk/server.ts";

export const EMAIL = "ai@nordlys.example";
export const TOKEN = "test-token";
export const OAUTH = "oauth-test-token";
export const BASIC = `Basic ${btoa(`${EMAIL}/token:${TOKEN}`)}`;
export const AI = 900001;

export function start(options: Partial<StandinOptions> = {}): Promise<ZendeskStandin> {
  return startZendeskStandin({
    email: EMAIL,
    apiToken: TOKEN,
    oauthToken: OAUTH,
    apiUser: { id: AI },
    ...options,
  });
}

// biome-ignore lint/suspicious/noExplicitAny: tests read Zendesk's JSON ad hoc, as the old single file did via JSON.parse.
export type Answer = { status: number; headers: Headers; body: any };

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body };
}

/** A Support API call on `base` (the stand-in's origin, or `{origin}/{subdomain}`). */
export async function api(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; auth?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: init.auth ?? BASIC, "content-type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    redirect: "manual",
  });
  return answer(res);
}

/** The control API of the account at `base`. */
export async function control(base: string, path: string, method = "GET", body?: unknown): Promise<Answer> {
  const res = await fetch(`${base}/__standin${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer(res);
}

export async function seedTicket(base: string, id: number, extra: Record<string, unknown> = {}) {
  const res = await control(base, "/tickets", "POST", {
    id,
    subject: `Ticket ${id}`,
    requester: { name: "Customer", email: `customer-${id}@example.com` },
    comments: [{ body: "Where is my order?" }],
    ...extra,
  });
  if (res.status !== 201) throw new Error(`seed ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export type Received = { headers: IncomingHttpHeaders; body: string; path: string };

/** A webhook receiver: `reply(n)` gives the n-th request's status (and headers); everything is recorded. */
export async function receiver(
  reply: (n: number) => { status: number; headers?: Record<string, string>; delayMs?: number },
) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body, path: req.url ?? "" });
      const r = reply(received.length);
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(r.status, r.headers).end();
      }, r.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/webhooks/zendesk`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits until the next whole second has just begun, so a test's changes share (or straddle) a stamp on purpose. */
export async function atSecondStart(): Promise<void> {
  const ms = Date.now() % 1000;
  await new Promise((r) => setTimeout(r, 1000 - ms + 5));
}
