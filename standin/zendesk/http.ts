// The stand-in's tiny request/response shapes and route tables, kept apart from node:http so handlers stay plain
// functions that tests and benchmarks can call directly.

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

/** A form-encoded or JSON body, by its Content-Type (OAuth clients send either). */
export function parseBody(req: StandinRequest): Parsed {
  const type = header(req, "content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) return parseJson(req.body);
  return { ok: true, value: Object.fromEntries(new URLSearchParams(req.body)) };
}

export const noContent = (): StandinResponse => ({ status: 204, body: "" });

export const html = (
  status: number,
  body: string,
  headers: Record<string, string> = {},
): StandinResponse => ({
  status,
  body,
  headers: { "Content-Type": "text/html; charset=utf-8", ...headers },
});

export const redirect = (location: string): StandinResponse => ({
  status: 302,
  body: "",
  headers: { Location: location },
});

/** One route of an API table: `handle` gets the pattern's match on the account-relative path. */
export type Route<C> = {
  method: string;
  pattern: RegExp;
  handle: (req: StandinRequest, ctx: C, match: RegExpExecArray) => StandinResponse;
};

export function route<C>(routes: readonly Route<C>[], req: StandinRequest, path: string, ctx: C) {
  for (const r of routes) {
    if (r.method !== req.method) continue;
    const match = r.pattern.exec(path);
    if (match) return r.handle(req, ctx, match);
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The ticket a Support API path is about, for fault matching and the request log. */
export function ticketIdOf(path: string): number | undefined {
  const match = /^\/api\/v2\/tickets\/(\d+)(?:\.json|\/|$)/.exec(path);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
