// Account-level Zendesk calls the installation flows need: who the token belongs
// to, the Worker's webhook (create, read its signing secret, find, delete), the
// app's installation and its settings, and the views the app relies on.
import * as z from "zod";
import type { ZendeskClient } from "./zendesk.client";

export const EVENT_TYPES = [
  "zen:event-type:ticket.comment_added",
  "zen:event-type:ticket.created",
  "zen:event-type:ticket.status_changed",
] as const;

/** The views the app's requirements create, by title (an installation check looks for them). */
export const VIEW_TITLES = ["AI needs attention", "Taken over"] as const;

export const WEBHOOK_NAME = "oHallo ticket events";

const Webhook = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  endpoint: z.string(),
});
export type WebhookInfo = z.infer<typeof Webhook>;

const Installation = z.looseObject({
  id: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  app_id: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
});

export class ZendeskAccount {
  constructor(private readonly zd: ZendeskClient) {}

  async me(): Promise<{ id: number; name: string; role: string }> {
    const User = z.looseObject({
      id: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
      name: z.string(),
      role: z.string(),
    });
    return z.object({ user: User }).parse(await this.zd.request("GET", "/api/v2/users/me.json")).user;
  }

  async createWebhook(endpoint: string): Promise<WebhookInfo> {
    const webhook = {
      name: WEBHOOK_NAME,
      description: "Ticket events for the oHallo AI (created by its Worker when the account was connected).",
      status: "active",
      endpoint,
      http_method: "POST",
      request_format: "json",
      subscriptions: [...EVENT_TYPES],
    };
    const answer = await this.zd.request("POST", "/api/v2/webhooks", { webhook });
    return z.object({ webhook: Webhook }).parse(answer).webhook;
  }

  async signingSecret(webhookId: string): Promise<string> {
    const answer = await this.zd.request(
      "GET",
      `/api/v2/webhooks/${encodeURIComponent(webhookId)}/signing_secret`,
    );
    return z.object({ signing_secret: z.looseObject({ secret: z.string().min(1) }) }).parse(answer)
      .signing_secret.secret;
  }

  /** Every webhook of the account whose endpoint starts with `prefix` (ours, from any connect). */
  async webhooksTo(prefix: string): Promise<WebhookInfo[]> {
    const Page = z.looseObject({
      webhooks: z.array(Webhook),
      meta: z.looseObject({ has_more: z.boolean(), after_cursor: z.string().nullish() }).optional(),
    });
    const out: WebhookInfo[] = [];
    let path: string | null = "/api/v2/webhooks?page[size]=100";
    for (let i = 0; path && i < 20; i++) {
      const page = Page.parse(await this.zd.request("GET", path));
      out.push(...page.webhooks.filter((w) => w.endpoint.startsWith(prefix)));
      const cursor = page.meta?.has_more ? page.meta.after_cursor : null;
      path = cursor ? `/api/v2/webhooks?page[size]=100&page[after]=${encodeURIComponent(cursor)}` : null;
    }
    return out;
  }

  async getWebhook(webhookId: string): Promise<WebhookInfo | null> {
    try {
      const answer = await this.zd.request("GET", `/api/v2/webhooks/${encodeURIComponent(webhookId)}`);
      return z.object({ webhook: Webhook }).parse(answer).webhook;
    } catch (e) {
      if (e instanceof Error && "status" in e && e.status === 404) return null;
      throw e;
    }
  }

  async deleteWebhook(webhookId: string): Promise<void> {
    try {
      await this.zd.request("DELETE", `/api/v2/webhooks/${encodeURIComponent(webhookId)}`);
    } catch (e) {
      if (e instanceof Error && "status" in e && e.status === 404) return; // already gone
      throw e;
    }
  }

  /** The account's installation of our app, or null when the app is not installed. */
  async appInstallation(appId: number): Promise<number | null> {
    const answer = await this.zd.request("GET", "/api/v2/apps/installations.json");
    const list = z.object({ installations: z.array(Installation) }).parse(answer).installations;
    return list.find((i) => i.app_id === appId)?.id ?? null;
  }

  async setAppSettings(installationId: number, settings: Record<string, string>): Promise<void> {
    await this.zd.request("PUT", `/api/v2/apps/installations/${installationId}.json`, { settings });
  }

  async viewTitles(): Promise<string[]> {
    const answer = await this.zd.request("GET", "/api/v2/views.json");
    return z
      .object({ views: z.array(z.looseObject({ title: z.string() })) })
      .parse(answer)
      .views.map((v) => v.title);
  }
}
