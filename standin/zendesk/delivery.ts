// Turns one account's store changes into Zendesk webhook bodies, keeps them for inspection, and delivers each to
// every target (the account's active subscribed webhooks, plus the legacy single target), signed, in the
// background, retrying only what Zendesk retries (retry.ts): same event id and body, fresh timestamp and signature.

import type { StoreChange } from "./model.ts";
import { type AttemptOutcome, decideRetry, type RetryReason } from "./retry.ts";
import type { WebhookRegistry } from "./webhook-registry.ts";
import {
  commentAddedEvent,
  statusChangedEvent,
  ticketCreatedEvent,
  type WebhookBody,
  type WebhookShape,
  webhookHeaders,
} from "./webhooks.ts";

/** The legacy single target (`PUT /__standin/webhook`): every event, one secret. */
export type WebhookConfig = {
  url: string;
  secret: string;
  webhookId?: string;
  /** Waits before each retry; its length also caps the retries of one delivery. */
  retryDelaysMs?: number[];
  timeoutMs?: number;
  shape?: WebhookShape;
};
export type DeliveryAttempt = { at: string; status?: number; error?: string };
export type Delivery = {
  eventId: string;
  type: string;
  ticketId: number;
  webhookId: string;
  url: string;
  state: "pending" | "delivered" | "failed" | "cancelled";
  attempts: DeliveryAttempt[];
};
export type LoggedEvent = { seq: number; ticketId: number; body: WebhookBody };
type Target = { webhookId: string; url: string; secret: string; delays: number[]; timeoutMs: number };

/** Zendesk's backoff is unpublished; these waits cover its largest budget (5 retries of a timeout). */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 15_000, 30_000, 60_000];
/** Zendesk gives up on a receiver after 12 s (some pages say 10). */
export const DEFAULT_TIMEOUT_MS = 12_000;
const LEGACY_WEBHOOK_ID = "01STANDINWEBHOOK000000000";
const CAP = 5_000;

export function toWebhookBody(
  change: StoreChange,
  accountId: number,
  shape: WebhookShape = {},
  time?: string,
): WebhookBody {
  const base = { accountId, ticket: change.ticket, actorId: change.actorId, time };
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

export class WebhookFeed {
  /** The legacy single target; null delivers to registered webhooks only. */
  config: WebhookConfig | null;
  /** The account's body shape (Zendesk's unless a caller asks otherwise). */
  shape: WebhookShape = {};
  retryDelaysMs: number[] = DEFAULT_RETRY_DELAYS_MS;
  timeoutMs = DEFAULT_TIMEOUT_MS;
  private readonly accountId: number;
  private readonly registry: WebhookRegistry | undefined;
  private readonly now: () => number;
  private readonly events: LoggedEvent[] = [];
  private readonly deliveries: Delivery[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly timers = new Set<{ timer: ReturnType<typeof setTimeout>; wake: () => void }>();
  private readonly abort = new AbortController();
  private seq = 0;
  private closed = false;

  constructor(
    accountId: number,
    config: WebhookConfig | null,
    options: { registry?: WebhookRegistry; now?: () => number } = {},
  ) {
    this.accountId = accountId;
    this.config = config;
    this.registry = options.registry;
    this.now = options.now ?? Date.now;
  }

  get lastSeq(): number {
    return this.seq;
  }

  record(change: StoreChange): WebhookBody {
    const shape = this.config?.shape ?? this.shape;
    const body = toWebhookBody(change, this.accountId, shape, new Date(this.now()).toISOString());
    this.events.push({ seq: ++this.seq, ticketId: change.ticket.id, body });
    if (this.events.length > CAP) this.events.shift();
    if (!this.closed)
      for (const target of this.targets(body.type)) this.start(body, change.ticket.id, target);
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

  private targets(type: string): Target[] {
    const out: Target[] = [];
    const legacy = this.config;
    if (legacy) {
      out.push({
        webhookId: legacy.webhookId ?? LEGACY_WEBHOOK_ID,
        url: legacy.url,
        secret: legacy.secret,
        delays: legacy.retryDelaysMs ?? this.retryDelaysMs,
        timeoutMs: legacy.timeoutMs ?? this.timeoutMs,
      });
    }
    for (const hook of this.registry?.subscribedTo(type) ?? []) {
      const { id, endpoint, secret } = hook;
      out.push({
        webhookId: id,
        url: endpoint,
        secret,
        delays: this.retryDelaysMs,
        timeoutMs: this.timeoutMs,
      });
    }
    return out;
  }

  private start(body: WebhookBody, ticketId: number, target: Target): void {
    const delivery: Delivery = {
      eventId: body.id,
      type: body.type,
      ticketId,
      webhookId: target.webhookId,
      url: target.url,
      state: "pending",
      attempts: [],
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > CAP) this.deliveries.shift();
    const run = this.deliver(body, delivery, target).finally(() => this.inflight.delete(run));
    this.inflight.add(run);
  }

  private async deliver(body: WebhookBody, delivery: Delivery, target: Target): Promise<void> {
    const rawBody = JSON.stringify(body);
    const invocationId = String(Math.floor(Math.random() * 1e15));
    const used: Partial<Record<RetryReason, number>> = {};
    for (let retries = 0; ; retries++) {
      if (this.closed) {
        delivery.state = "cancelled";
        return;
      }
      const outcome = await this.attempt(rawBody, delivery, target, invocationId);
      const decision = decideRetry(outcome, used);
      const delay = target.delays[retries];
      if (!decision.retry || delay === undefined) {
        delivery.state = decision.reason === "delivered" ? "delivered" : "failed";
        return;
      }
      used[decision.reason] = (used[decision.reason] ?? 0) + 1;
      await this.sleep(Math.max(delay, decision.minWaitMs));
    }
  }

  private async attempt(
    rawBody: string,
    delivery: Delivery,
    target: Target,
    invocationId: string,
  ): Promise<AttemptOutcome> {
    const at = new Date().toISOString();
    const timeout = AbortSignal.timeout(target.timeoutMs);
    try {
      const headers = await webhookHeaders({
        secret: target.secret,
        rawBody,
        accountId: this.accountId,
        webhookId: target.webhookId,
        invocationId,
      });
      const res = await fetch(target.url, {
        method: "POST",
        headers,
        body: rawBody,
        signal: AbortSignal.any([this.abort.signal, timeout]),
      });
      await res.arrayBuffer();
      delivery.attempts.push({ at, status: res.status });
      return { kind: "answered", status: res.status, retryAfter: res.headers.get("retry-after") };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      delivery.attempts.push({ at, error: message });
      return timeout.aborted ? { kind: "timeout" } : { kind: "network", message };
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
