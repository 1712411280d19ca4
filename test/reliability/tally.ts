// Every HTTP answer the run gets from the Worker, counted: status by status, the bad ones (a 5xx other
// than 503 with Retry-After, a client timeout, a refused connection) kept with what was asked, and
// latencies. A part fails when its tally has a bad answer.

/** How long a client waits for the Worker before it counts a timeout (Zendesk gives up after ~10-12 s). */
export const CLIENT_TIMEOUT_MS = 15_000;

export interface Answer {
  status: number;
  /** 0 when the request never got an answer (timeout, refused). */
  ok: boolean;
  headers: Headers;
  text: string;
  /** When the answer arrived (ms since the epoch). */
  at: number;
  ms: number;
}

export interface Bad {
  what: string;
  status: number | "timeout" | "network";
  detail: string;
}

/** A 5xx is acceptable only as 503 with a Retry-After Zendesk (or a person) can wait for. */
export function isBad(status: number, retryAfter: string | null): boolean {
  if (status < 500) return false;
  return !(status === 503 && retryAfter !== null && /^\d+$/.test(retryAfter.trim()));
}

export class Tally {
  readonly statuses = new Map<string, number>();
  readonly bad: Bad[] = [];
  private readonly latencies: number[] = [];
  timeouts = 0;
  requests = 0;

  count(key: string): void {
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  /** Any fetch, timed and counted; never throws (a failure is an answer with status 0). */
  async fetch(what: string, url: string, init: RequestInit = {}): Promise<Answer> {
    const started = Date.now();
    this.requests++;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
      const text = await res.text();
      const at = Date.now();
      this.latencies.push(at - started);
      this.count(String(res.status));
      if (isBad(res.status, res.headers.get("retry-after")))
        this.bad.push({ what, status: res.status, detail: text.slice(0, 300) });
      return { status: res.status, ok: res.ok, headers: res.headers, text, at, ms: at - started };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      if (timedOut) this.timeouts++;
      this.count(timedOut ? "timeout" : "network");
      this.bad.push({ what, status: timedOut ? "timeout" : "network", detail: String(error).slice(0, 300) });
      return {
        status: 0,
        ok: false,
        headers: new Headers(),
        text: "",
        at: Date.now(),
        ms: Date.now() - started,
      };
    }
  }

  /** `{"200": 12, "409": 3}` in a stable order. */
  summary(): string {
    return [...this.statuses.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}×${v}`)
      .join(" ");
  }

  percentile(p: number): number {
    if (this.latencies.length === 0) return 0;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
