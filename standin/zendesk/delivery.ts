// Turns store changes into Zendesk webhook bodies, keeps them for inspection, and delivers them signed,
// in the background, retrying like Zendesk (same event id and body on every attempt, fresh signature).

import type { StoreChange } from "./model.ts";
import {
  commentAddedEvent,
  statusChangedEvent,
  ticketCreatedEvent,
  type WebhookBody,
  type WebhookShape,
  webhookHeaders,
} from "./webhooks.ts";

export type WebhookConfig = {
  url: string;
  secret: string;
  webhookId?: string;
  /** Waits between attempts; its length is the number of retries. Zendesk-like default: 3 retries. */
  retryDelaysMs?: number[];
  timeoutMs?: number;
  shape?: WebhookShape;
};
export type DeliveryAttempt = { at: string; status?: number; error?: string };
export type Delivery = {
  eventId: string;
  type: string;
  ticketId: number;
  state: "pending" | "delivered" | "failed" | "cancelled";
  attempts: DeliveryAttempt[];
};
export type LoggedEvent = { seq: number; ticketId: number; body: WebhookBody };

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 15_000];
// Zendesk gives up on a receiver after about 12 s.
const DEFAULT_TIMEOUT_MS = 12_000;
const CAP = 5_000;

export function toWebhookBody(change: StoreChange, accountId: number, shape: WebhookShape = {}): WebhookBody {
  const base = { accountId, ticket: change.ticket, actorId: change.actorId };
  switch (change.type) {
    case "ticket.created":
      return ticketCreatedEvent(base, shape);
    case "comment_added": {
      const author = {
        id: change.author.id,
        name: change.author.name,
        is_staff: change.author.role !== "end-user",
      };
      return commentAddedEvent({ ...base, comment: change.comment, author }, shape);
    }
    case "status_changed":
      return statusChangedEvent({ ...base, previous: change.previous, current: change.current }, shape);
  }
}

/** Zendesk retries timeouts, network errors, 409, 429 and 5xx; any other answer is final. */
function retryable(status: number): boolean {
  return status === 409 || status === 429 || status >= 500;
}

export class WebhookFeed {
  config: WebhookConfig | null;
  private readonly accountId: number;
  private readonly events: LoggedEvent[] = [];
  private readonly deliveries: Delivery[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly timers = new Set<{ timer: ReturnType<typeof setTimeout>; wake: () => void }>();
  private readonly abort = new AbortController();
  private seq = 0;
  private closed = false;

  constructor(accountId: number, config: WebhookConfig | null) {
    this.accountId = accountId;
    this.config = config;
  }

  get lastSeq(): number {
    return this.seq;
  }

  record(change: StoreChange): WebhookBody {
    const body = toWebhookBody(change, this.accountId, this.config?.shape);
    this.events.push({ seq: ++this.seq, ticketId: change.ticket.id, body });
    if (this.events.length > CAP) this.events.shift();
    if (this.config && !this.closed) this.start(body, change.ticket.id, this.config);
    return body;
  }

  listEvents(filter: { ticketId?: number; since?: number } = {}): LoggedEvent[] {
    return this.events.filter(
      (e) =>
        (filter.ticketId === undefined || e.ticketId === filter.ticketId) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  listDeliveries(ticketId?: number): Delivery[] {
    return this.deliveries.filter((d) => ticketId === undefined || d.ticketId === ticketId);
  }

  clear(): void {
    this.events.length = 0;
    this.deliveries.length = 0;
  }

  /** Resolves once no delivery is in flight (retries included). */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    for (const { timer, wake } of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
  }

  private start(body: WebhookBody, ticketId: number, config: WebhookConfig): void {
    const delivery: Delivery = {
      eventId: body.id,
      type: body.type,
      ticketId,
      state: "pending",
      attempts: [],
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > CAP) this.deliveries.shift();
    const run = this.deliver(body, delivery, config).finally(() => this.inflight.delete(run));
    this.inflight.add(run);
  }

  private async deliver(body: WebhookBody, delivery: Delivery, config: WebhookConfig): Promise<void> {
    const rawBody = JSON.stringify(body);
    const invocationId = String(Math.floor(Math.random() * 1e15));
    const delays = config.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    for (let attempt = 0; ; attempt++) {
      if (this.closed) {
        delivery.state = "cancelled";
        return;
      }
      let waitAtLeast = 0;
      const at = new Date().toISOString();
      try {
        const headers = await webhookHeaders({
          secret: config.secret,
          rawBody,
          accountId: this.accountId,
          webhookId: config.webhookId,
          invocationId,
        });
        const res = await fetch(config.url, {
          method: "POST",
          headers,
          body: rawBody,
          signal: AbortSignal.any([
            this.abort.signal,
            AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
          ]),
        });
        await res.arrayBuffer();
        delivery.attempts.push({ at, status: res.status });
        if (res.ok) {
          delivery.state = "delivered";
          return;
        }
        const retryAfter = Number(res.headers.get("retry-after"));
        // Zendesk only honours a Retry-After below a minute; a longer one ends the delivery.
        if (!retryable(res.status) || retryAfter >= 60) {
          delivery.state = "failed";
          return;
        }
        if (retryAfter > 0) waitAtLeast = retryAfter * 1000;
      } catch (error) {
        delivery.attempts.push({ at, error: error instanceof Error ? error.message : String(error) });
      }
      const delay = delays[attempt];
      if (delay === undefined) {
        delivery.state = "failed";
        return;
      }
      await this.sleep(Math.max(delay, waitAtLeast));
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.timers.add(entry);
    });
  }
}
