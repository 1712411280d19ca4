// What an installation is: one Zendesk account served by this Worker, either the
// default one (the Worker's own variables) or one connected with OAuth. Pure
// types and rules; the registry (installation.repo.ts) stores connected ones.
import type { Config } from "../config";
import { DEFAULT_INSTALLATION } from "../lib/scope";

export type InstallationStatus = "connecting" | "connected" | "disconnected";

export interface Installation {
  id: string;
  kind: "default" | "connected";
  subdomain: string;
  status: InstallationStatus;
  /** Zendesk's origin for this account (API, OAuth). */
  origin: string;
  /** AI replies are posted as this user (settings `aiAgentId`, else the admin who connected it). */
  aiAgentId: number | null;
  webhookId: string | null;
  appInstallationId: number | null;
  connectedById: number | null;
  /** Zendesk asked us to slow down until then (429). */
  pausedUntil: number | null;
  /** Disconnected: the data goes at this time unless the account connects again. */
  deleteAfter: number | null;
  /** The D1 binding that holds its rows (`DB`, `DB_1`, ...; decision 007). */
  database: string;
}

/** The binding every Worker has: the registry of installations, and the default installation's rows. */
export const MAIN_DATABASE = "DB";

/** Zendesk subdomains: what the connect flow accepts (anything else is a 400). */
export const SUBDOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function originFor(template: string, subdomain: string): string {
  return template.replace("{subdomain}", subdomain);
}

/** The default installation, from the Worker's variables; null when it is not configured. */
export function defaultInstallation(config: Config): Installation | null {
  if (!config.zendesk) return null;
  return {
    id: DEFAULT_INSTALLATION,
    kind: "default",
    subdomain: config.zendesk.subdomain,
    status: "connected",
    origin: config.zendesk.origin,
    aiAgentId: config.zendesk.aiAgentId,
    webhookId: null,
    appInstallationId: null,
    connectedById: null,
    pausedUntil: null,
    deleteAfter: null,
    database: MAIN_DATABASE,
  };
}

/** How long a disconnected installation's data is kept before it is deleted. */
export const GRACE_MS = 30 * 86_400_000;
/** An OAuth state (a connect in progress) is good for this long, once. */
export const STATE_TTL_MS = 10 * 60_000;
/** Renew an access token this long before it expires. */
export const RENEW_BEFORE_MS = 5 * 60_000;
