// HTTP to one Zendesk account: auth, the marketplace headers on every request,
// timeouts, and failures classified (retry or not, Retry-After, a write left in
// doubt). It never retries by itself, but once: after a 401 it renews an OAuth
// token and repeats the request (access tokens expire). Nothing outside
// helpdesk/zendesk/ knows Zendesk's wire formats.
import * as z from "zod";
import type { MarketplaceHeaders, ZendeskAuth } from "../../config";
import { Disconnected, HelpdeskError } from "../helpdesk.port";

/** Longer than Zendesk normally needs, shorter than the send lease (drafting/send.protocol.ts). */
export const ZENDESK_TIMEOUT_MS = 10_000;

/** Where the Authorization header comes from: a static credential, or OAuth tokens that expire. */
export interface AuthSource {
  header(): Promise<string>;
  /** After a 401: get a fresh token (false when there is none to get). */
  renew?(): Promise<boolean>;
}

export function staticAuth(auth: ZendeskAuth): AuthSource {
  const header =
    auth.kind === "oauth" ? `Bearer ${auth.token}` : `Basic ${btoa(`${auth.email}/token:${auth.token}`)}`;
  return { header: async () => header };
}

export function marketplaceHeaders(m: MarketplaceHeaders | null): Record<string, string> {
  return m
    ? {
        "X-Zendesk-Marketplace-Name": m.name,
        "X-Zendesk-Marketplace-Organization-Id": m.organizationId,
        "X-Zendesk-Marketplace-App-Id": m.appId,
      }
    : {};
}

export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class ZendeskClient {
  constructor(
    readonly origin: string,
    private readonly auth: AuthSource,
    private readonly marketplace: MarketplaceHeaders | null,
    private readonly timeoutMs: number = ZENDESK_TIMEOUT_MS,
  ) {}

  /** JSON in, JSON out; `null` for a 204. Throws HelpdeskError with the failure classified. */
  async request(method: string, path: string, json?: unknown): Promise<unknown> {
    let res = await this.send(method, path, json);
    if (res.status === 401 && this.auth.renew) {
      if (!(await this.auth.renew())) throw new Disconnected();
      res = await this.send(method, path, json);
      if (res.status === 401) throw new Disconnected();
    }
    if (res.ok) {
      if (res.status === 204) return null;
      try {
        return await res.json();
      } catch {
        // Zendesk acted on a write it answered 2xx; only its answer is unreadable: in doubt, as
        // after a timeout, so the send is reconciled with the ticket's comments, never repeated.
        throw new HelpdeskError(
          `Zendesk ${method} answered ${res.status} with a body that is not JSON`,
          true,
          res.status,
          null,
          method !== "GET",
        );
      }
    }
    const text = await res.text().catch(() => "");
    const retryable = res.status === 429 || res.status >= 500;
    throw new HelpdeskError(
      `Zendesk ${method} ${path.split("?")[0]} answered ${res.status}${summary(text)}`,
      retryable,
      res.status,
      retryAfterMs(res.headers.get("Retry-After"), Date.now()),
    );
  }

  private async send(method: string, path: string, json: unknown): Promise<Response> {
    const url = path.startsWith("http") ? path : `${this.origin}${path}`;
    try {
      return await fetch(url, {
        method,
        headers: {
          Authorization: await this.auth.header(),
          Accept: "application/json",
          ...marketplaceHeaders(this.marketplace),
          ...(json === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: json === undefined ? null : JSON.stringify(json),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      if (e instanceof HelpdeskError) throw e;
      const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
      // A write that timed out may still have been applied by Zendesk.
      throw new HelpdeskError(
        `Zendesk ${method} ${path.split("?")[0]} ${timedOut ? "timed out" : "failed"}`,
        true,
        null,
        null,
        method !== "GET",
      );
    }
  }
}

const ErrorWire = z.looseObject({
  error: z.unknown().optional(),
  description: z.unknown().optional(),
  // Guide's 400: `{"title": "Invalid attribute", "message": "You passed an invalid value for ..."}`.
  title: z.unknown().optional(),
  message: z.unknown().optional(),
  // RecordInvalid: `{"details": {"field": [{"description": "Title: cannot be blank"}]}}`.
  details: z.record(z.string(), z.unknown()).optional(),
});

const Detail = z.array(z.looseObject({ description: z.string() }));

/** Zendesk's own sentences about the fields it refused (its wording, not the values sent). */
function detailLines(details: Record<string, unknown> | undefined): string[] {
  return Object.values(details ?? {})
    .flatMap((d) => {
      const parsed = Detail.safeParse(d);
      return parsed.success ? parsed.data.map((x) => x.description) : [];
    })
    .slice(0, 3);
}

const strings = (...xs: unknown[]) => xs.filter((x): x is string => typeof x === "string");

/** Zendesk's error name and description, never the request (it may carry customer text). */
function summary(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "";
  }
  const j = ErrorWire.safeParse(parsed);
  if (!j.success) return "";
  // The Support API nests the same pair under `error` in places (`{"error": {"title", "message"}}`).
  const nested = ErrorWire.safeParse(j.data.error);
  const inner = nested.success ? strings(nested.data.title, nested.data.message) : [];
  const parts = [
    ...strings(j.data.error, j.data.description, j.data.title, j.data.message),
    ...inner,
    ...detailLines(j.data.details),
  ];
  return parts.length ? `: ${parts.join(" - ").slice(0, 300)}` : "";
}
