declare global {
  namespace Cloudflare {
    interface Env {
      /** Rounds of the KB search bench (default 5). */
      OHALLO_BENCH_ROUNDS?: string;
    }
  }
}
export {};
