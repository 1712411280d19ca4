// Test tiers (docs/testing.md): pure unit tests in Node, integration tests inside
// workerd with real D1 and queues, and Node-side tests of the stand-ins.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

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
      {
        plugins: [
          cloudflareTest(async ({ inject }) => {
            const migrations = await readD1Migrations("worker/migrations");
            const zendeskOrigin = inject<string>("zendeskOrigin");
            const modelOrigin = inject<string>("modelOrigin");
            return {
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ZENDESK_SUBDOMAIN: "nordlys",
                  ZENDESK_API_ORIGIN: zendeskOrigin,
                  ZENDESK_EMAIL: "ai@nordlys.example",
                  ZENDESK_API_TOKEN: "test-token",
                  ZENDESK_OAUTH_TOKEN: "",
                  ZENDESK_WEBHOOK_SECRET: "test-webhook-secret",
                  ZENDESK_AI_AGENT_ID: "900001",
                  APP_API_SECRET: "test-app-secret",
                  OPENAI_API_KEY: "",
                  OPENAI_BASE_URL: modelOrigin,
                  OPENAI_MODEL: "",
                },
              },
            };
          }),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          testTimeout: 30_000,
          setupFiles: ["test/worker/setup.ts"],
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
    ],
  },
});
