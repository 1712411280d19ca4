// Test tiers (docs/testing.md): pure unit tests in Node, integration tests inside
// workerd with real D1 and queues, and Node-side tests of the stand-ins.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import {
  TEST_APP_ID,
  TEST_ENCRYPTION_KEY,
  TEST_MARKETPLACE,
  TEST_OAUTH_CLIENT,
  TEST_PUBLIC_ORIGIN,
} from "./test/support/installations.config";

function workerProject(name: string, include: string, vars: Record<string, string>) {
  return {
    plugins: [
      cloudflareTest(async ({ inject }) => {
        const migrations = await readD1Migrations("worker/migrations");
        return {
          wrangler: { configPath: "./wrangler.toml" },
          miniflare: {
            // A second database, as a deployment binds when one fills up (decision 007): connected
            // installations spread over both.
            d1Databases: { DB: "ohallo", DB_1: "ohallo-1" },
            bindings: {
              TEST_MIGRATIONS: migrations,
              ZENDESK_SUBDOMAIN: "nordlys",
              ZENDESK_API_ORIGIN: inject<string>("zendeskOrigin"),
              ZENDESK_EMAIL: "ai@nordlys.example",
              ZENDESK_API_TOKEN: "test-token",
              ZENDESK_OAUTH_TOKEN: "",
              ZENDESK_WEBHOOK_SECRET: "test-webhook-secret",
              ZENDESK_AI_AGENT_ID: "900001",
              APP_API_SECRET: "test-app-secret",
              OPENAI_BASE_URL: `${inject<string>("modelOrigin")}/v1`,
              OPENAI_MODEL: "",
              // Connected installations: a global OAuth client registered in the stand-in.
              ZENDESK_OAUTH_CLIENT_ID: TEST_OAUTH_CLIENT.identifier,
              ZENDESK_OAUTH_CLIENT_SECRET: TEST_OAUTH_CLIENT.secret,
              ZENDESK_ORIGIN_TEMPLATE: `${inject<string>("zendeskOrigin")}/{subdomain}`,
              PUBLIC_ORIGIN: TEST_PUBLIC_ORIGIN,
              ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
              ZENDESK_APP_ID: String(TEST_APP_ID),
              ZENDESK_MARKETPLACE_NAME: TEST_MARKETPLACE.name,
              ZENDESK_MARKETPLACE_ORGANIZATION_ID: TEST_MARKETPLACE.organizationId,
              ZENDESK_MARKETPLACE_APP_ID: TEST_MARKETPLACE.appId,
              ...vars,
            },
          },
        };
      }),
    ],
    test: {
      name,
      include: [include],
      testTimeout: 30_000,
      setupFiles: ["test/worker/setup.ts"],
      globalSetup: ["test/support/global-setup.ts"],
    },
  };
}

function evalProject() {
  const real = Boolean(process.env.OPENAI_API_KEY);
  const vars: Record<string, string> = real
    ? {
        OPENAI_API_KEY: process.env.OPENAI_API_KEY ?? "",
        OPENAI_MODEL: process.env.OPENAI_MODEL ?? "",
        ...(process.env.OPENAI_BASE_URL ? { OPENAI_BASE_URL: process.env.OPENAI_BASE_URL } : {}),
      }
    : { OPENAI_API_KEY: "test-openai-key", OPENAI_MODEL: "gpt-standin" };
  const project = workerProject("eval", "test/eval/**/*.test.ts", vars);
  return { ...project, test: { ...project.test, testTimeout: 30 * 60_000 } };
}

function offlineEvalProject() {
  const project = workerProject("eval-offline", "test/eval-offline/**/*.test.ts", {
    OPENAI_API_KEY: "",
    OHALLO_EVAL_DETAILS: process.env.OHALLO_EVAL_DETAILS ?? "",
  });
  return { ...project, test: { ...project.test, testTimeout: 10 * 60_000 } };
}

/** `npm run bench` only: timings and costs inside workerd, each test printing one line for bench/. */
function benchProject() {
  const project = workerProject("bench", "test/bench/**/*.test.ts", {
    OPENAI_API_KEY: "",
    OHALLO_BENCH_ROUNDS: process.env.OHALLO_BENCH_ROUNDS ?? "",
  });
  return { ...project, test: { ...project.test, testTimeout: 10 * 60_000 } };
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/node/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      workerProject("worker", "test/worker/**/*.test.ts", { OPENAI_API_KEY: "" }),
      // The same Worker with a model configured: the OpenAI stand-in answers.
      workerProject("worker-model", "test/worker-model/**/*.test.ts", {
        OPENAI_API_KEY: "test-openai-key",
        OPENAI_MODEL: "gpt-standin",
      }),
      // `npm run eval` only: the real model when OPENAI_API_KEY is set, else the stand-in.
      ...(process.env.OHALLO_EVAL ? [evalProject()] : []),
      // `npm run eval:offline` only: the offline drafter, k-fold on the demo set, and the paraphrase set.
      ...(process.env.OHALLO_EVAL_OFFLINE ? [offlineEvalProject()] : []),
      // `npm run bench` only: KB search timings and the cost of an answered message (bench/workerd.ts).
      ...(process.env.OHALLO_BENCH ? [benchProject()] : []),
    ],
  },
});
