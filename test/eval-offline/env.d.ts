declare global {
  namespace Cloudflare {
    interface Env {
      /** "1": print each miss's top candidates (npm run eval:offline with OHALLO_EVAL_DETAILS=1). */
      OHALLO_EVAL_DETAILS?: string;
    }
  }
}
export {};
