// A failure talking to a service we depend on (Zendesk, the model). It says
// whether trying again later can help, so the queue consumer can obey.
export class UpstreamError extends Error {
  override name = "UpstreamError";
  constructor(
    message: string,
    /** 429, 5xx, timeouts: a later attempt may succeed. */
    readonly retryable: boolean,
    readonly status: number | null = null,
    /** Honour the service's Retry-After. */
    readonly retryAfterMs: number | null = null,
    /** A write that timed out may still have been applied. */
    readonly uncertain = false,
  ) {
    super(message);
  }
}
