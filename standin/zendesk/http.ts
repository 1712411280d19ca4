// The stand-in's tiny request/response shapes, kept apart from node:http so handlers stay plain functions
// that tests and benchmarks can call directly.

import type { StandinRequest, StandinResponse } from "../http-server.ts";

export type { StandinRequest, StandinResponse };
export type Parsed = { ok: true; value: unknown } | { ok: false; response: StandinResponse };

export function json(status: number, body: unknown, headers?: Record<string, string>): StandinResponse {
  return headers ? { status, body, headers } : { status, body };
}

export function header(req: StandinRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** An empty body reads as `{}`, as Rails does for Zendesk. */
export function parseJson(body: string): Parsed {
  if (body.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return {
      ok: false,
      response: json(400, { error: "InvalidJSON", description: "Request body is not valid JSON" }),
    };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The ticket a Support API path is about, for fault matching and the request log. */
export function ticketIdOf(path: string): number | undefined {
  const match = /^\/api\/v2\/tickets\/(\d+)(?:\.json|\/)/.exec(path);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
