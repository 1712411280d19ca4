// The admin area's seam over ZAF: the sidebar's typed client plus the account's subdomain and
// routing to a ticket. A file of its own so the sidebar's bundle never carries these.
import { createZaf, type Zaf } from "./client";
import type { RawZafClient } from "./types";

export interface AdminZaf extends Zaf {
  /** The Zendesk account's subdomain, from the app's context (null when Zendesk gives none). */
  subdomain(): Promise<string | null>;
  /** Opens a ticket in the agent workspace; false when Zendesk refused. */
  openTicket(ticketId: number): Promise<boolean>;
}

const SUBDOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function createAdminZaf(raw: RawZafClient): AdminZaf {
  return {
    ...createZaf(raw),
    async subdomain() {
      const context = (await raw.context().catch(() => null)) as { account?: { subdomain?: unknown } } | null;
      const value = context?.account?.subdomain;
      return typeof value === "string" && SUBDOMAIN.test(value) ? value : null;
    },
    openTicket(ticketId) {
      // ZAF's invoke takes string arguments only.
      return raw.invoke("routeTo", "ticket", String(ticketId)).then(
        () => true,
        () => false,
      );
    },
  };
}
