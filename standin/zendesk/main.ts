// CLI entry of the Zendesk stand-in for the local demo and benchmarks: reads env vars, prints the origin.
// Usage: node_modules/.bin/node standin/zendesk/main.ts   (env names below; all optional)

import { startZendeskStandin } from "./server.ts";

const env = process.env;
const number = (value: string | undefined) => (value ? Number(value) : undefined);

const webhookUrl = env.ZENDESK_WEBHOOK_URL;
const standin = await startZendeskStandin({
  port: number(env.ZENDESK_STANDIN_PORT) ?? 8788,
  host: env.ZENDESK_STANDIN_HOST ?? "127.0.0.1",
  subdomain: env.ZENDESK_STANDIN_SUBDOMAIN || undefined,
  email: env.ZENDESK_EMAIL ?? "ai@nordlys.example",
  apiToken: env.ZENDESK_API_TOKEN ?? "local-token",
  oauthToken: env.ZENDESK_OAUTH_TOKEN || undefined,
  accountId: number(env.ZENDESK_ACCOUNT_ID),
  // In the demo the API token belongs to the AI agent, so its comments default to that author.
  apiUser: { id: number(env.ZENDESK_AI_AGENT_ID), name: env.ZENDESK_API_USER_NAME ?? "oHallo AI" },
  webhook: webhookUrl
    ? { url: webhookUrl, secret: env.ZENDESK_WEBHOOK_SECRET ?? "local-webhook-secret" }
    : undefined,
});

// The origin alone on stdout, so a parent script can read it; the rest goes to stderr.
console.log(standin.origin);
console.error(
  `zendesk stand-in on ${standin.origin} (more accounts at ${standin.origin}/{subdomain}; control API at ` +
    `${standin.origin}/__standin/)` +
    (webhookUrl ? `, webhooks to ${webhookUrl}` : ", no webhook target"),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void standin.close().then(() => process.exit(0));
  });
}
