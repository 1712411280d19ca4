// Starts the local servers that speak Zendesk's (and later the model's) wire
// formats, once for the whole run; workerd tests reach them over loopback.
import type { TestProject } from "vitest/node";
import { startZendeskStandin } from "../../standin/zendesk/server.ts";

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
  });
  project.provide("zendeskOrigin", zendesk.origin);
  project.provide("modelOrigin", "http://127.0.0.1:9");
  return async () => {
    await zendesk.close();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    zendeskOrigin: string;
    modelOrigin: string;
  }
}
