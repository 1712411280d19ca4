// One mapping from expected failures to HTTP answers. Every error body is
// `{"error": "..."}`; nothing internal (stack, secret, SQL) is ever included.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import { ConfigError } from "../config";
import { BusyError } from "../lib/busy";
import { UpstreamError } from "../lib/upstream";

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, `${what} not found`);
export const badRequest = (message: string) => new HttpError(400, message);

export function zodMessage(e: ZodError): string {
  return e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
    .join("; ");
}

export function onError(e: Error, c: Context): Response {
  if (e instanceof HttpError) return c.json({ error: e.message, ...e.extra }, e.status);
  if (e instanceof ZodError) return c.json({ error: zodMessage(e) }, 400);
  if (e instanceof BusyError) {
    c.header("Retry-After", "1");
    return c.json({ error: e.message }, 503);
  }
  if (e instanceof ConfigError) {
    console.error(e.message);
    return c.json({ error: e.message }, 500);
  }
  if (e instanceof UpstreamError) {
    console.warn(`upstream: ${e.message}`);
    const retry = e.retryAfterMs !== null ? Math.ceil(e.retryAfterMs / 1000) : null;
    if (retry !== null) c.header("Retry-After", String(retry));
    return c.json({ error: `A service we depend on failed: ${e.message}` }, 502);
  }
  console.error("unexpected error", e);
  return c.json({ error: "Internal error" }, 500);
}
