// The Worker's configuration: parsed once from `env` with zod into one typed
// object, so a missing secret is one clear error, not a crash deep inside.
// Secrets are never echoed back: errors name the missing keys, never values.
//
// Two kinds of installation (docs/decisions/006-installations.md): the default
// one, described by the ZENDESK_* variables (development, single-account
// deploys), and connected ones (OAuth, when ZENDESK_OAUTH_CLIENT_ID is set).
// Without an OAuth client the default installation is required; with one, it
// is there only when ZENDESK_SUBDOMAIN is set.
import * as z from "zod";

const nonEmpty = z.string().trim().min(1);
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const DefaultSchema = z.object({
  ZENDESK_SUBDOMAIN: nonEmpty.regex(/^[a-z0-9][a-z0-9-]*$/i, "must be a Zendesk subdomain like acme"),
  ZENDESK_API_ORIGIN: optional.pipe(z.url().optional()),
  ZENDESK_EMAIL: optional,
  ZENDESK_API_TOKEN: optional,
  ZENDESK_OAUTH_TOKEN: optional,
  ZENDESK_WEBHOOK_SECRET: nonEmpty,
  ZENDESK_AI_AGENT_ID: z.coerce.number().int().positive(),
  APP_API_SECRET: nonEmpty.min(8, "must be at least 8 characters"),
});

/** Checked on its own so a missing credential is named alongside any other problem. */
const CredentialsSchema = z
  .object({ ZENDESK_EMAIL: optional, ZENDESK_API_TOKEN: optional, ZENDESK_OAUTH_TOKEN: optional })
  .refine((c) => c.ZENDESK_OAUTH_TOKEN || (c.ZENDESK_EMAIL && c.ZENDESK_API_TOKEN), {
    path: ["ZENDESK_OAUTH_TOKEN"],
    message: "set ZENDESK_OAUTH_TOKEN, or both ZENDESK_EMAIL and ZENDESK_API_TOKEN",
  });

const ENCRYPTION_KEY = nonEmpty.refine(
  (v) => {
    try {
      return atob(v).length === 32;
    } catch {
      return false;
    }
  },
  { message: "must be base64 of 32 random bytes" },
);

const ConnectSchema = z.object({
  ZENDESK_OAUTH_CLIENT_ID: nonEmpty,
  ZENDESK_OAUTH_CLIENT_SECRET: nonEmpty,
  ZENDESK_ORIGIN_TEMPLATE: optional.pipe(
    z.string().includes("{subdomain}", { message: "must contain {subdomain}" }).optional(),
  ),
  PUBLIC_ORIGIN: nonEmpty.pipe(z.url()),
  ENCRYPTION_KEY,
  ZENDESK_APP_ID: z.coerce.number().int().positive(),
});

const CommonSchema = z.object({
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional.pipe(z.url().optional()),
  OPENAI_MODEL: optional,
  ZENDESK_MARKETPLACE_NAME: optional,
  ZENDESK_MARKETPLACE_ORGANIZATION_ID: optional,
  ZENDESK_MARKETPLACE_APP_ID: optional,
});

export type ZendeskAuth = { kind: "oauth"; token: string } | { kind: "token"; email: string; token: string };

export interface MarketplaceHeaders {
  name: string;
  organizationId: string;
  appId: string;
}

export interface ConnectConfig {
  clientId: string;
  clientSecret: string;
  /** `https://{subdomain}.zendesk.com` unless set; tests point it at the stand-in. */
  originTemplate: string;
  publicOrigin: string;
  encryptionKey: string;
  appId: number;
}

export interface Config {
  /** The default installation's Zendesk account, or null when only connected installations exist. */
  zendesk: {
    subdomain: string;
    origin: string;
    auth: ZendeskAuth;
    webhookSecret: string;
    aiAgentId: number;
  } | null;
  /** The default installation's API secret (null with it). */
  appApiSecret: string | null;
  /** Connected installations (OAuth), or null when the Worker serves the default one only. */
  connect: ConnectConfig | null;
  /** Sent on every request to Zendesk when set (a marketplace app's backend must). */
  marketplace: MarketplaceHeaders | null;
  openai: { apiKey: string; baseUrl: string | undefined; model: string } | null;
  /** Every configured secret: none may ever appear in a public comment or an answer. */
  secrets: string[];
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Issues = { path: PropertyKey[]; message: string }[];

export function parseConfig(env: unknown): Config {
  const e = (typeof env === "object" && env !== null ? env : {}) as Record<string, unknown>;
  const wantsConnect =
    typeof e.ZENDESK_OAUTH_CLIENT_ID === "string" && e.ZENDESK_OAUTH_CLIENT_ID.trim() !== "";
  const wantsDefault =
    !wantsConnect || (typeof e.ZENDESK_SUBDOMAIN === "string" && e.ZENDESK_SUBDOMAIN !== "");
  const common = CommonSchema.safeParse(e);
  const def = wantsDefault ? DefaultSchema.safeParse(e) : null;
  const credentials = wantsDefault ? CredentialsSchema.safeParse(e) : null;
  const connect = wantsConnect ? ConnectSchema.safeParse(e) : null;
  const issues: Issues = [
    ...(common.error?.issues ?? []),
    ...(def?.error?.issues ?? []),
    ...(credentials?.error?.issues ?? []),
    ...(connect?.error?.issues ?? []),
  ];
  if (issues.length || !common.success) {
    const problems = issues.map((i) => `${i.path.map(String).join(".") || "config"}: ${i.message}`);
    throw new ConfigError(`oHallo is not configured: ${problems.join("; ")}`);
  }
  const c = common.data;
  const d = def?.success ? def.data : null;
  const k = connect?.success ? connect.data : null;
  const marketplace =
    c.ZENDESK_MARKETPLACE_NAME && c.ZENDESK_MARKETPLACE_ORGANIZATION_ID && c.ZENDESK_MARKETPLACE_APP_ID
      ? {
          name: c.ZENDESK_MARKETPLACE_NAME,
          organizationId: c.ZENDESK_MARKETPLACE_ORGANIZATION_ID,
          appId: c.ZENDESK_MARKETPLACE_APP_ID,
        }
      : null;
  return {
    zendesk: d
      ? {
          subdomain: d.ZENDESK_SUBDOMAIN,
          origin: (d.ZENDESK_API_ORIGIN ?? `https://${d.ZENDESK_SUBDOMAIN}.zendesk.com`).replace(/\/+$/, ""),
          auth: d.ZENDESK_OAUTH_TOKEN
            ? { kind: "oauth", token: d.ZENDESK_OAUTH_TOKEN }
            : { kind: "token", email: d.ZENDESK_EMAIL ?? "", token: d.ZENDESK_API_TOKEN ?? "" },
          webhookSecret: d.ZENDESK_WEBHOOK_SECRET,
          aiAgentId: d.ZENDESK_AI_AGENT_ID,
        }
      : null,
    appApiSecret: d?.APP_API_SECRET ?? null,
    connect: k
      ? {
          clientId: k.ZENDESK_OAUTH_CLIENT_ID,
          clientSecret: k.ZENDESK_OAUTH_CLIENT_SECRET,
          originTemplate: (k.ZENDESK_ORIGIN_TEMPLATE ?? "https://{subdomain}.zendesk.com").replace(
            /\/+$/,
            "",
          ),
          publicOrigin: k.PUBLIC_ORIGIN.replace(/\/+$/, ""),
          encryptionKey: k.ENCRYPTION_KEY,
          appId: k.ZENDESK_APP_ID,
        }
      : null,
    marketplace,
    openai: c.OPENAI_API_KEY
      ? { apiKey: c.OPENAI_API_KEY, baseUrl: c.OPENAI_BASE_URL, model: c.OPENAI_MODEL ?? "gpt-4o-mini" }
      : null,
    secrets: [
      d?.APP_API_SECRET,
      d?.ZENDESK_WEBHOOK_SECRET,
      d?.ZENDESK_API_TOKEN,
      d?.ZENDESK_OAUTH_TOKEN,
      c.OPENAI_API_KEY,
      k?.ZENDESK_OAUTH_CLIENT_SECRET,
      k?.ENCRYPTION_KEY,
    ].filter((x): x is string => typeof x === "string" && x.length > 0),
  };
}
