// What an admin asks of their installation in Zendesk: is everything in place
// (the token works, the Worker's webhook exists and is active, the app's views
// exist), and, on disconnect, the Worker's webhook removed from the account.
import type { Installation } from "../../installations/installation";
import { VIEW_TITLES, type WebhookInfo, ZendeskAccount } from "./zendesk.account";
import type { ZendeskClient } from "./zendesk.client";

export interface Check {
  name: "token" | "webhook" | "views";
  ok: boolean;
  detail: string;
}

export interface InstallationAdmin {
  checks(): Promise<Check[]>;
  /** Deletes the Worker's webhook from the account (a disconnect). */
  removeWebhook(): Promise<void>;
}

const why = (e: unknown) => (e instanceof Error ? e.message.slice(0, 200) : "unknown error");

export class ZendeskInstallationAdmin implements InstallationAdmin {
  private readonly account: ZendeskAccount;
  constructor(
    client: ZendeskClient,
    private readonly inst: Installation,
  ) {
    this.account = new ZendeskAccount(client);
  }

  private async webhook(): Promise<WebhookInfo | null> {
    if (this.inst.webhookId) return this.account.getWebhook(this.inst.webhookId);
    // The default installation's webhook came from the app's requirements: find it by its endpoint.
    const all = await this.account.webhooksTo("");
    return all.find((w) => /\/webhooks\/zendesk\/?$/.test(w.endpoint)) ?? null;
  }

  async checks(): Promise<Check[]> {
    const token = await this.account.me().then(
      (me): Check => ({ name: "token", ok: true, detail: `works, as ${me.name} (${me.role})` }),
      (e): Check => ({ name: "token", ok: false, detail: why(e) }),
    );
    const webhook = await this.webhook().then(
      (w): Check =>
        w
          ? { name: "webhook", ok: w.status === "active", detail: `${w.name}: ${w.status}` }
          : { name: "webhook", ok: false, detail: "the Worker's webhook is not in this account" },
      (e): Check => ({ name: "webhook", ok: false, detail: why(e) }),
    );
    const views = await this.account.viewTitles().then(
      (titles): Check => {
        const missing = VIEW_TITLES.filter((t) => !titles.includes(t));
        return missing.length
          ? { name: "views", ok: false, detail: `missing: ${missing.join(", ")}` }
          : { name: "views", ok: true, detail: VIEW_TITLES.join(", ") };
      },
      (e): Check => ({ name: "views", ok: false, detail: why(e) }),
    );
    return [token, webhook, views];
  }

  async removeWebhook(): Promise<void> {
    if (this.inst.webhookId) await this.account.deleteWebhook(this.inst.webhookId);
  }
}
