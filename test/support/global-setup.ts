// Starts the local servers that speak Zendesk's (and later the model's) wire
// formats, once for the whole run; workerd tests reach them over loopback.
import type { TestProject } from "vitest/node";
import { startOpenAIStandin } from "../../standin/openai/server.ts";
import { startZendeskStandin } from "../../standin/zendesk/server.ts";
import { TEST_OAUTH_CLIENT, TEST_PUBLIC_ORIGIN } from "./installations.config.ts";

export const TEST_OPENAI_KEY = "test-openai-key";
export const TEST_ZENDESK = {
  email: "ai@nordlys.example",
  apiToken: "test-token",
  oauthToken: "test-oauth-token",
};

export default async function setup(project: TestProject) {
  const zendesk = await startZendeskStandin({
    port: 0,
    email: TEST_ZENDESK.email,
    apiToken: TEST_ZENDESK.apiToken,
    oauthToken: TEST_ZENDESK.oauthToken,
    apiUser: { id: 900001, name: "oHallo AI" },
    // Every workerd test file shares this one default account, so together they update tickets
    // far faster than one shop would: its account-wide Update Ticket limit is raised (Zendesk:
    // 100 a minute), or a 429 would pause the shared installation and time tests out at random.
    // The per-ticket limit stays Zendesk's, and the account limit itself is tested on accounts of
    // their own (installations.limits.test.ts), which get Zendesk's limits.
    rateLimit: { ticketUpdatesPerMinute: 1_000, ticketUpdatesPerTicketUser: 30 },
  });
  const model = await startOpenAIStandin({ port: 0, apiKey: TEST_OPENAI_KEY });
  // The Worker's global OAuth client, as Zendesk would know it (it works on every account).
  const registered = await fetch(`${zendesk.origin}/__standin/oauth/clients`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      identifier: TEST_OAUTH_CLIENT.identifier,
      secret: TEST_OAUTH_CLIENT.secret,
      redirect_uris: [`${TEST_PUBLIC_ORIGIN}/connect/zendesk/callback`],
      name: "oHallo",
    }),
  });
  if (!registered.ok) throw new Error(`stand-in: registering the OAuth client failed: ${registered.status}`);
  project.provide("zendeskOrigin", zendesk.origin);
  project.provide("modelOrigin", model.origin);
  return async () => {
    await Promise.all([zendesk.close(), model.close()]);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    zendeskOrigin: string;
    modelOrigin: string;
  }
}
