// One account's clock: real time plus an offset a test can move forward (token expiry, code expiry, rate-limit
// windows, stamps) without waiting. Never goes back.

export class Clock {
  private offsetMs = 0;

  readonly now = (): number => Date.now() + this.offsetMs;

  advance(ms: number): number {
    this.offsetMs += Math.max(0, ms);
    return this.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
