// Remembers how to stop what a benchmark started, so that a failure, Ctrl-C or the time limit
// still stops every process and server of the run (and only those). Each stop runs at most once.
export class Cleanup {
  private readonly stops: (() => Promise<void>)[] = [];

  /** Registers `stop`; call the returned function to stop early (a later `runAll` skips it). */
  add(stop: () => Promise<void>): () => Promise<void> {
    let done: Promise<void> | undefined;
    const once = () => {
      done ??= stop().catch((error: unknown) => console.error("bench: a stop failed:", error));
      return done;
    };
    this.stops.push(once);
    return once;
  }

  async runAll(): Promise<void> {
    for (const stop of this.stops.reverse()) await stop();
    this.stops.length = 0;
  }
}
