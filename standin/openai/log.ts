// The log of chat-completion requests that tests assert on: what the Worker sent, and what it got back.
// Bounded; entries are added on arrival and completed when answered, so a timed-out request is still seen.

export type LoggedRequest = {
  seq: number;
  at: string;
  path: string;
  /** Null while the answer is still delayed. */
  status: number | null;
  model: string | null;
  messages: unknown;
  response_format: unknown;
  /** The assistant content sent back, or null for an error answer. */
  answered: string | null;
  /** Which brain wrote `answered`, or "script" for scripted content. */
  by: string | null;
  /** The SDK's x-stainless-retry-count: 0 on a first attempt. */
  retryCount: number | null;
  headers: Record<string, string>;
};

export type LogFilter = { match?: string; since?: number };

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  private readonly cap: number;

  constructor(cap = 5_000) {
    this.cap = cap;
  }

  add(entry: Omit<LoggedRequest, "seq">): LoggedRequest {
    const logged = { ...entry, seq: ++this.seq };
    this.entries.push(logged);
    if (this.entries.length > this.cap) this.entries.splice(0, this.entries.length - this.cap);
    return logged;
  }

  /** `match` is a substring of the last user message, as in scripts. */
  list(filter: LogFilter = {}): LoggedRequest[] {
    return this.entries.filter(
      (e) =>
        (filter.since === undefined || e.seq > filter.since) &&
        (filter.match === undefined || lastUser(e.messages).includes(filter.match)),
    );
  }

  clear(): void {
    this.entries = [];
  }
}

function lastUser(messages: unknown): string {
  if (!Array.isArray(messages)) return "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const m: unknown = messages[i];
    if (typeof m === "object" && m !== null && "role" in m && m.role === "user" && "content" in m) {
      return typeof m.content === "string" ? m.content : JSON.stringify(m.content);
    }
  }
  return "";
}
