declare global {
  namespace Cloudflare {
    interface Env {
      /**
       * "1": print each miss's top candidates (npm run eval:offline with OHALLO_EVAL_DETAILS=1); a list of
       * ids ("p38,f03") prints those messages' too, right or not.
       */
      OHALLO_EVAL_DETAILS?: string;
    }
  }
}
export {};
