// Things that go wrong on purpose (installed faults) and the request log tests assert on. Paths are relative to
// the account (`/api/v2/...`, `/oauth/tokens`). Nothing here sleeps or touches the store.

import { json, type StandinResponse } from "./http.ts";

export const FAULT_STATUSES = [400, 403, 404, 409, 422, 429, 500, 502, 503] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];
/** `path` matches exactly, `pathPrefix` any path that starts with it; both are account-relative. */
export type FaultMatch = { method?: string; path?: string; pathPrefix?: string; ticketId?: number };
export type Fault = {
  id: number;
  match: FaultMatch;
  status?: FaultStatus;
  times: number;
  retryAfter?: number;
  delayMs?: number;
  /**
   * A raw body sent instead of the answer's (not JSON, cut off): with `status`, that fault's answer garbled;
   * without, the request is handled (a write is applied) and only its answer is garbled, as when a proxy
   * mangles a response Zendesk already acted on.
   */
  body?: string;
};
/** The X-Zendesk-Marketplace-* headers a request carried (null when it carried none of them). */
export type MarketplaceHeaders = { name: string | null; organizationId: string | null; appId: string | null };
export type LoggedRequest = {
  seq: number;
  method: string;
  path: string;
  query: string;
  ticketId: number | null;
  status: number;
  at: string;
  durationMs: number;
  headers: Record<string, string>;
  marketplace: MarketplaceHeaders | null;
  body: unknown;
};

export class Faults {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: Omit<Fault, "id">): Fault {
    const fault = { ...input, id: this.nextId++ };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }

  /** Consumes one use of the first fault that matches; a used-up fault disappears. */
  take(method: string, path: string, ticketId: number | undefined): Fault | undefined {
    const fault = this.faults.find((f) => matches(f.match, method, path, ticketId));
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

function matches(match: FaultMatch, method: string, path: string, ticketId: number | undefined): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path !== undefined && match.path !== path) return false;
  if (match.pathPrefix && !path.startsWith(match.pathPrefix)) return false;
  if (match.ticketId !== undefined && match.ticketId !== ticketId) return false;
  return true;
}

const DESCRIPTIONS: Record<FaultStatus, [string, string]> = {
  400: ["InvalidValue", "The request is invalid"],
  403: ["Forbidden", "You do not have access to this page."],
  404: ["RecordNotFound", "Not found"],
  409: ["Conflict", "The request conflicts with the resource's current state"],
  422: ["RecordInvalid", "Record validation errors"],
  429: ["APIRateLimitExceeded", "Number of allowed API requests per minute exceeded"],
  500: ["InternalServerError", "Something went wrong"],
  502: ["BadGateway", "Bad gateway"],
  503: ["ServiceUnavailable", "Zendesk is temporarily unavailable"],
};

/**
 * A fault's answer in the body shape of the API it hits: `{errors: [...]}` on the Webhooks API, `{error,
 * description}` elsewhere. 502 comes from Zendesk's edge as HTML, so a client that assumes JSON finds out here.
 */
export function faultResponse(fault: Fault & { status: FaultStatus }, path: string): StandinResponse {
  const retry =
    fault.status === 429 || fault.retryAfter !== undefined
      ? { "Retry-After": String(fault.retryAfter ?? 1) }
      : undefined;
  if (fault.status === 502) {
    return {
      status: 502,
      headers: { "Content-Type": "text/html", ...retry },
      body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
    };
  }
  const [error, description] = DESCRIPTIONS[fault.status];
  const body = path.startsWith("/api/v2/webhooks")
    ? { errors: [{ code: error, title: description, detail: description }] }
    : { error, description };
  return json(fault.status, body, retry);
}

/** Bounded, so a benchmark can run for hours. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  private readonly cap: number;

  constructor(cap = 10_000) {
    this.cap = cap;
  }

  add(entry: Omit<LoggedRequest, "seq">): void {
    this.entries.push({ ...entry, seq: ++this.seq });
    if (this.entries.length > this.cap) this.entries.splice(0, this.entries.length - this.cap);
  }

  list(filter: { ticketId?: number; since?: number } = {}): LoggedRequest[] {
    return this.entries.filter(
      (e) =>
        (filter.ticketId === undefined || e.ticketId === filter.ticketId) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
