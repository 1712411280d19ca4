// Things that go wrong on purpose: installed faults, Zendesk-like rate limits, and the request log tests assert on.
// Decisions take `now` as an argument; nothing here sleeps or touches the store.

import { json, type StandinResponse } from "./http.ts";

export type FaultStatus = 429 | 500 | 502 | 503;
export type FaultMatch = { method?: string; pathPrefix?: string; ticketId?: number };
export type Fault = {
  id: number;
  match: FaultMatch;
  status?: FaultStatus;
  times: number;
  retryAfter?: number;
  delayMs?: number;
};
export type RateLimitConfig = { requestsPerMinute?: number; ticketUpdatesPerMinute?: number };
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
  body: unknown;
};

const RATE_LIMITED = {
  error: "APIRateLimitExceeded",
  description: "Number of allowed API requests per minute exceeded",
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
  if (match.pathPrefix && !path.startsWith(match.pathPrefix)) return false;
  if (match.ticketId !== undefined && match.ticketId !== ticketId) return false;
  return true;
}

/** 502 comes from Zendesk's edge as HTML, so a client that assumes JSON errors finds out here. */
export function faultResponse(fault: Fault & { status: FaultStatus }): StandinResponse {
  const retry = fault.retryAfter === undefined ? undefined : { "Retry-After": String(fault.retryAfter) };
  switch (fault.status) {
    case 429:
      return json(429, RATE_LIMITED, { "Retry-After": String(fault.retryAfter ?? 1) });
    case 500:
      return json(500, { error: "InternalServerError", description: "Something went wrong" }, retry);
    case 502:
      return {
        status: 502,
        headers: { "Content-Type": "text/html", ...retry },
        body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
      };
    case 503:
      return json(
        503,
        { error: "ServiceUnavailable", description: "Zendesk is temporarily unavailable" },
        retry,
      );
  }
}

/** Sliding one-minute windows, account-wide and for Update Ticket, as Zendesk counts them. */
export class RateLimiter {
  config: RateLimitConfig | null = null;
  private all: number[] = [];
  private updates: number[] = [];

  configure(config: RateLimitConfig | null): void {
    this.config = config;
    this.all = [];
    this.updates = [];
  }

  check(method: string, path: string, now: number): StandinResponse | undefined {
    if (!this.config) return undefined;
    const isUpdate = method === "PUT" && /^\/api\/v2\/tickets\/\d+\.json$/.test(path);
    const checks: [number[], number | undefined][] = [[this.all, this.config.requestsPerMinute]];
    if (isUpdate) checks.push([this.updates, this.config.ticketUpdatesPerMinute]);
    for (const [window, limit] of checks) {
      while (window.length > 0 && (window[0] ?? 0) <= now - 60_000) window.shift();
      if (limit !== undefined && window.length >= limit) {
        const waitMs = (window[0] ?? now) + 60_000 - now;
        return json(429, RATE_LIMITED, { "Retry-After": String(Math.max(1, Math.ceil(waitMs / 1000))) });
      }
    }
    for (const [window] of checks) window.push(now);
    return undefined;
  }
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
