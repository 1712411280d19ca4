// One account's rate limits as Zendesk counts them (developer.zendesk.com/api-reference/introduction/rate-limits):
// sliding windows account-wide, for Update Ticket per account, and per ticket and user. Decisions take `now`.

import { json, type StandinResponse } from "./http.ts";

export type RateLimitConfig = {
  /** All API requests a minute (Zendesk: 200 to 2500 by plan). Off unless set. */
  requestsPerMinute?: number | null;
  /** Update Ticket requests a minute per account (Zendesk: 100). */
  ticketUpdatesPerMinute?: number | null;
  /** Update Ticket requests in ten minutes per ticket and user (Zendesk: 30). */
  ticketUpdatesPerTicketUser?: number | null;
};
type Limits = Required<RateLimitConfig>;

/** On by default, as on every Zendesk account. */
export const ZENDESK_LIMITS: Limits = {
  requestsPerMinute: null,
  ticketUpdatesPerMinute: 100,
  ticketUpdatesPerTicketUser: 30,
};
export const OFF: Limits = {
  requestsPerMinute: null,
  ticketUpdatesPerMinute: null,
  ticketUpdatesPerTicketUser: null,
};

const MINUTE = 60_000;
const TEN_MINUTES = 600_000;
const RATE_LIMITED = {
  error: "APIRateLimitExceeded",
  description: "Number of allowed API requests per minute exceeded",
};
const TICKET_LIMITED = {
  error: "APIRateLimitExceeded",
  description: "Number of allowed ticket updates per ticket and user exceeded",
};

/** Update Ticket: `PUT /api/v2/tickets/{id}.json` (the tag routes are other endpoints). */
export function updatedTicket(method: string, path: string): number | undefined {
  const match = method === "PUT" ? /^\/api\/v2\/tickets\/(\d+)(?:\.json)?$/.exec(path) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export class RateLimiter {
  config: Limits;
  private readonly initial: Limits;
  private all: number[] = [];
  private updates: number[] = [];
  private perTicket = new Map<string, number[]>();

  constructor(config: RateLimitConfig | null = ZENDESK_LIMITS) {
    this.initial = { ...OFF, ...(config ?? OFF) };
    this.config = { ...this.initial };
  }

  /** `null` switches every limit off; a partial config changes only what it names. */
  configure(config: RateLimitConfig | null): void {
    this.config = config === null ? { ...OFF } : { ...this.config, ...config };
    this.clearWindows();
  }

  reset(): void {
    this.config = { ...this.initial };
    this.clearWindows();
  }

  /** Counts one request by `userId`; answers 429 with Retry-After when a window is full. */
  check(req: { method: string; path: string; userId: number }, now: number): StandinResponse | undefined {
    const ticketId = updatedTicket(req.method, req.path);
    const windows: [number[], number | null, number, object][] = [
      [this.all, this.config.requestsPerMinute, MINUTE, RATE_LIMITED],
    ];
    if (ticketId !== undefined) {
      const key = `${ticketId}:${req.userId}`;
      const own = this.perTicket.get(key) ?? [];
      this.perTicket.set(key, own);
      windows.push([this.updates, this.config.ticketUpdatesPerMinute, MINUTE, RATE_LIMITED]);
      windows.push([own, this.config.ticketUpdatesPerTicketUser, TEN_MINUTES, TICKET_LIMITED]);
    }
    for (const [window, limit, span, body] of windows) {
      while (window.length > 0 && (window[0] ?? 0) <= now - span) window.shift();
      if (limit !== null && window.length >= limit) {
        const waitMs = (window[0] ?? now) + span - now;
        return json(429, body, { "Retry-After": String(Math.max(1, Math.ceil(waitMs / 1000))) });
      }
    }
    for (const [window] of windows) window.push(now);
    return undefined;
  }

  private clearWindows(): void {
    this.all = [];
    this.updates = [];
    this.perTicket = new Map();
  }
}
