// The stand-in's tiny request/response shapes, kept apart from node:http so handlers stay plain functions
// that tests can call directly. No OpenAI knowledge here.

import type { StandinRequest, StandinResponse } from "../http-server.ts";

export type { StandinRequest, StandinResponse };

export function json(status: number, body: unknown, headers?: Record<string, string>): StandinResponse {
  return headers ? { status, body, headers } : { status, body };
}

export function header(req: StandinRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves after `ms`, or at once when `signal` aborts (the server is closing). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
