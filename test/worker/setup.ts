import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { ANA, BO } from "./support/harness";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.DB_1, env.TEST_MIGRATIONS);

// The agents the tests act as exist in the Zendesk account, as they would in Zendesk:
// the Worker checks every acting agent there.
for (const agent of [ANA, BO]) {
  await fetch(`${env.ZENDESK_API_ORIGIN}/__standin/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...agent, role: "agent" }),
  });
}
