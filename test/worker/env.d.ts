import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** The second database of the tests (decision 007); deployments bind it only when needed. */
      DB_1: D1Database;
    }
    interface GlobalProps {
      mainModule: typeof import("../../worker/src/index");
    }
  }
}
