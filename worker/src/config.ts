// The Worker's configuration: parsed once from `env` with zod into one typed
// object, so a missing secret is one clear error, not a crash deep inside.
// Secrets are never echoed back: errors name the missing keys, never values.
import { z } from "zod";

const nonEmpty = z.string().trim().min(1);
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const ConfigSchema = z.object({
  ZENDESK_SUBDOMAIN: nonEmpty.regex(/^[a-z0-9][a-z0-9-]*$/i, "must be a Zendesk subdomain like acme"),
  ZENDESK_API_ORIGIN: optional.pipe(z.url().optional()),
  ZENDESK_EMAIL: optional,
  ZENDESK_API_TOKEN: optional,
  ZENDESK_OAUTH_TOKEN: optional,
  ZENDESK_WEBHOOK_SECRET: nonEmpty,
  ZENDESK_AI_AGENT_ID: z.coerce.number().int().positive(),
  APP_API_SECRET: nonEmpty.min(8, "must be at least 8 characters"),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional.pipe(z.url().optional()),
  OPENAI_MODEL: optional,
});

/** Checked on its own so a missing credential is named alongside any other problem. */
const CredentialsSchema = z
  .object({ ZENDESK_EMAIL: optional, ZENDESK_API_TOKEN: optional, ZENDESK_OAUTH_TOKEN: optional })
  .refine((c) => c.ZENDESK_OAUTH_TOKEN || (c.ZENDESK_EMAIL && c.ZENDESK_API_TOKEN), {
    path: ["ZENDESK_OAUTH_TOKEN"],
    message: "set ZENDESK_OAUTH_TOKEN, or both ZENDESK_EMAIL and ZENDESK_API_TOKEN",
  });

export type ZendeskAuth = { kind: "oauth"; token: string } | { kind: "token"; email: string; token: string };

export interface Config {
  zendesk: { origin: string; auth: ZendeskAuth; webhookSecret: string; aiAgentId: number };
  appApiSecret: string;
  openai: { apiKey: string; baseUrl: string | undefined; model: string } | null;
  /** Every configured secret: none may ever appear in a public comment or an answer. */
  secrets: string[];
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseConfig(env: unknown): Config {
  const parsed = ConfigSchema.safeParse(env);
  const credentials = CredentialsSchema.safeParse(env);
  const issues = [...(parsed.error?.issues ?? []), ...(credentials.error?.issues ?? [])];
  if (!parsed.success || issues.length) {
    const problems = issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`);
    throw new ConfigError(`oHallo is not configured: ${problems.join("; ")}`);
  }
  const c = parsed.data;
  const auth: ZendeskAuth = c.ZENDESK_OAUTH_TOKEN
    ? { kind: "oauth", token: c.ZENDESK_OAUTH_TOKEN }
    : { kind: "token", email: c.ZENDESK_EMAIL ?? "", token: c.ZENDESK_API_TOKEN ?? "" };
  return {
    zendesk: {
      origin: (c.ZENDESK_API_ORIGIN ?? `https://${c.ZENDESK_SUBDOMAIN}.zendesk.com`).replace(/\/+$/, ""),
      auth,
      webhookSecret: c.ZENDESK_WEBHOOK_SECRET,
      aiAgentId: c.ZENDESK_AI_AGENT_ID,
    },
    appApiSecret: c.APP_API_SECRET,
    openai: c.OPENAI_API_KEY
      ? { apiKey: c.OPENAI_API_KEY, baseUrl: c.OPENAI_BASE_URL, model: c.OPENAI_MODEL ?? "gpt-4o-mini" }
      : null,
    secrets: [
      c.APP_API_SECRET,
      c.ZENDESK_WEBHOOK_SECRET,
      c.ZENDESK_API_TOKEN,
      c.ZENDESK_OAUTH_TOKEN,
      c.OPENAI_API_KEY,
    ].filter((x): x is string => typeof x === "string" && x.length > 0),
  };
}
