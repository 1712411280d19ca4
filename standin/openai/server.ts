// Composition root of the OpenAI stand-in: wires the completions route, scripts, the request log and the
// control API onto one node:http server. The only file that touches sockets or randomness.

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Brain } from "./brain.ts";
import { handleCompletions } from "./completions.ts";
import { handleControl } from "./control.ts";
import type { StandinRequest, StandinResponse } from "./http.ts";
import { RequestLog } from "./log.ts";
import { Scripts } from "./script.ts";
import { openaiError } from "./wire.ts";

export type OpenAIStandinOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  apiKey: string;
  /** The default brain; `grounded` unless given. */
  brain?: Brain;
  /** The unauthenticated control API; defaults to on only for a loopback host. */
  control?: boolean;
};

export type OpenAIStandin = {
  origin: string;
  port: number;
  requests: RequestLog;
  scripts: Scripts;
  setBrain(brain: Brain): void;
  /** The whole pipeline without a socket, for in-process tests. */
  handle(req: StandinRequest): Promise<StandinResponse>;
  close(): Promise<void>;
};

const COMPLETIONS = new Set(["/v1/chat/completions", "/chat/completions"]);
const isLoopback = (host: string) => host === "127.0.0.1" || host === "::1" || host === "localhost";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomId(prefix: string): string {
  const bytes = randomBytes(prefix === "req_" ? 32 : 29);
  return (
    prefix + Array.from(bytes, (b) => (prefix === "req_" ? (b % 16).toString(16) : ALPHABET[b % 62])).join("")
  );
}

export async function startOpenAIStandin(options: OpenAIStandinOptions): Promise<OpenAIStandin> {
  const host = options.host ?? "127.0.0.1";
  const controlEnabled = options.control ?? isLoopback(host);
  const initialBrain = options.brain ?? "grounded";
  let brain: Brain = initialBrain;
  const scripts = new Scripts();
  const requests = new RequestLog();
  const closing = new AbortController();
  const setBrain = (next: Brain) => {
    brain = next;
  };
  const completions = {
    apiKey: options.apiKey,
    scripts,
    log: requests,
    brain: () => brain,
    now: () => Date.now(),
    id: randomId,
    closing: closing.signal,
  };
  const control = {
    scripts,
    log: requests,
    brain: () => brain,
    setBrain,
    reset: () => {
      brain = initialBrain;
      scripts.clear();
      requests.clear();
    },
  };

  async function handle(req: StandinRequest): Promise<StandinResponse> {
    const path = req.url.pathname;
    if (path.startsWith("/__standin/") && controlEnabled) return handleControl(req, control);
    if (req.method === "POST" && COMPLETIONS.has(path)) return handleCompletions(req, completions);
    return openaiError(404, {
      message: `Invalid URL (${req.method} ${path})`,
      type: "invalid_request_error",
    });
  }

  async function onRequest(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host ?? `${host}:${port}`}`);
    const method = incoming.method ?? "GET";
    const req = { method, url, headers: incoming.headers, body: Buffer.concat(chunks).toString("utf8") };
    let response: StandinResponse;
    try {
      response = await handle(req);
    } catch (error) {
      // A bug in the stand-in, not a simulated outage: say so loudly.
      console.error("openai stand-in crashed on", method, url.pathname, error);
      response = openaiError(500, { message: `Stand-in bug: ${String(error)}`, type: "standin_bug" });
    }
    if (outgoing.destroyed) return; // the client gave up (a timeout while delayMs ran)
    const isText = typeof response.body === "string";
    const payload = isText ? String(response.body) : JSON.stringify(response.body);
    outgoing.writeHead(response.status, {
      "content-type": isText ? "text/plain; charset=utf-8" : "application/json",
      ...response.headers,
      "content-length": Buffer.byteLength(payload),
    });
    outgoing.end(payload);
  }

  const server = createServer((incoming, outgoing) => void onRequest(incoming, outgoing));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    origin,
    port,
    requests,
    scripts,
    setBrain,
    handle,
    close: async () => {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
