// The workspace's writes, through the Zendesk stand-in's control API (/__standin/): what
// Zendesk's own UI does when a customer writes or an agent replies. Every write goes through
// the stand-in's store, so Zendesk's webhooks to the Worker follow exactly as they would.
import type { Agent } from "./page.layout.ts";

export interface NewTicket {
  subject: string;
  requester: { name: string; email?: string };
  body: string;
}

export type Author = "requester" | (Agent & { role: "agent" });

export interface ControlClient {
  createTicket(t: NewTicket): Promise<number>;
  comment(ticketId: number, c: { body: string; public: boolean; author: Author }): Promise<void>;
  putAgent(agent: Agent): Promise<void>;
}

export class ControlError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function controlClient(standinOrigin: string): ControlClient {
  async function call(method: string, path: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${standinOrigin}/__standin${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = String((JSON.parse(text) as { error?: unknown }).error ?? text);
      } catch {
        // not JSON
      }
      throw new ControlError(res.status, `Zendesk stand-in: ${message}`);
    }
    return JSON.parse(text) as unknown;
  }

  return {
    async createTicket(t) {
      const requester = t.requester.email ? t.requester : { name: t.requester.name };
      const created = (await call("POST", "/tickets", {
        subject: t.subject,
        requester,
        comments: [{ body: t.body, author: "requester" }],
      })) as { ticket: { id: number } };
      return created.ticket.id;
    },
    async comment(ticketId, c) {
      await call("POST", `/tickets/${ticketId}/comments`, c);
    },
    async putAgent(agent) {
      const email = `${agent.name.split(" ")[0]?.toLowerCase() ?? "agent"}@nordlys.example`;
      await call("POST", "/users", { ...agent, email, role: "agent" });
    },
  };
}
