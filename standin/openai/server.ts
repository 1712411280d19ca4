// Composition root of the OpenAI stand-in: wires the completions route, scripts, the request log and the
// control API onto one node:http server. The only file that touches sockets or randomness.

import { randomBytes } from "node:crypto";
import { serveStandin } from "../http-server.ts";
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

  const http = await serveStandin({
    host,
    port: options.port ?? 0,
    handle,
    onCrash: (error, method, path) => {
      // A bug in the stand-in, not a simulated outage: say so loudly.
      console.error("openai stand-in crashed on", method, path, error);
      return openaiError(500, { message: `Stand-in bug: ${String(error)}`, type: "standin_bug" });
    },
    jsonContentType: "application/json",
  });
  const { origin, port } = http;

  return {
    origin,
    port,
    requests,
    scripts,
    setBrain,
    handle,
    close: async () => {
      closing.abort();
      await http.close();
    },
  };
}
