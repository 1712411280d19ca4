// Which failed webhook deliveries Zendesk tries again, and when: a pure decision over one attempt's outcome.
// Sources in README.md ("Webhook retries" of developer.zendesk.com/api-reference/webhooks/introduction).

/** What one delivery attempt came to. `retryAfter` is the header as sent (seconds), if any. */
export type AttemptOutcome =
  | { kind: "answered"; status: number; retryAfter: string | null }
  | { kind: "timeout" }
  | { kind: "network"; message: string };

/** Why a retry was granted; each reason has its own budget. */
export type RetryReason = "conflict" | "throttled" | "timeout";

/** Zendesk's budgets: 409 three times, a timeout five times; 429/503 under a minute (count unpublished: 3). */
export const RETRY_BUDGET: Record<RetryReason, number> = { conflict: 3, throttled: 3, timeout: 5 };

export type RetryDecision =
  | { retry: false; reason: "delivered" | "final" }
  | { retry: true; reason: RetryReason; minWaitMs: number };

/** A `Retry-After` Zendesk honours: whole seconds, below 60. Anything else ends the delivery. */
function shortRetryAfter(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  const seconds = Number(header.trim());
  return seconds < 60 ? seconds : undefined;
}

/**
 * Zendesk retries only a 409, a 429 or 503 that carries a Retry-After under 60 s, and a timeout.
 * Every other answer (500, 502, 504, 4xx, a 429 without Retry-After) and a refused connection are final.
 * `used` counts the retries already spent per reason.
 */
export function decideRetry(
  outcome: AttemptOutcome,
  used: Partial<Record<RetryReason, number>>,
): RetryDecision {
  const grant = (reason: RetryReason, minWaitMs = 0): RetryDecision =>
    (used[reason] ?? 0) < RETRY_BUDGET[reason]
      ? { retry: true, reason, minWaitMs }
      : { retry: false, reason: "final" };
  switch (outcome.kind) {
    case "timeout":
      return grant("timeout");
    case "network":
      return { retry: false, reason: "final" };
    case "answered": {
      if (outcome.status >= 200 && outcome.status < 300) return { retry: false, reason: "delivered" };
      if (outcome.status === 409) return grant("conflict");
      if (outcome.status === 429 || outcome.status === 503) {
        const seconds = shortRetryAfter(outcome.retryAfter);
        return seconds === undefined ? { retry: false, reason: "final" } : grant("throttled", seconds * 1000);
      }
      return { retry: false, reason: "final" };
    }
  }
}
