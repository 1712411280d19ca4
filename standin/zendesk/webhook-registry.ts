// An account's webhooks as the Webhooks API keeps them: validation of what a client sends, ids, signing
// secrets, and which active webhooks an event type goes to. Pure data; no HTTP, no delivery.

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const REQUEST_FORMATS = ["json", "xml", "form_encoded"] as const;
/** Subscribing to this connects a webhook to triggers and automations instead of to events. */
export const CONDITIONAL = "conditional_ticket_events";

export type Webhook = {
  id: string;
  name: string;
  description: string | null;
  status: "active" | "inactive";
  endpoint: string;
  http_method: (typeof HTTP_METHODS)[number];
  request_format: (typeof REQUEST_FORMATS)[number];
  subscriptions: string[];
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  secret: string;
};
/** One problem with a request, as Zendesk's newer APIs report them (`{errors: [...]}`). */
export type WebhookProblem = { code: string; title: string; detail: string; source?: { pointer: string } };
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: WebhookProblem[] };

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID, the shape of Zendesk's webhook ids (`01GJSGMH5XTR8WGAAJKBT5YQTH`). */
export function webhookId(
  now: number,
  random: Uint8Array = crypto.getRandomValues(new Uint8Array(16)),
): string {
  let time = "";
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = (CROCKFORD[t % 32] ?? "0") + time;
  let rest = "";
  for (let i = 0; i < 16; i++) rest += CROCKFORD[(random[i] ?? 0) % 32];
  return time + rest;
}

/** 32 random bytes, base64url with padding, like the secrets Zendesk hands out. */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")}`;
}

const problem = (field: string, detail: string): WebhookProblem => ({
  code: "InvalidValue",
  title: "Invalid value",
  detail,
  source: { pointer: `/webhook/${field}` },
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

type Fields = Pick<
  Webhook,
  "name" | "description" | "status" | "endpoint" | "http_method" | "request_format" | "subscriptions"
>;

/** Checks a whole webhook (create, PUT) or the merge of a patch into one. */
export function checkWebhook(input: Record<string, unknown>): Checked<Fields> {
  const errors: WebhookProblem[] = [];
  const text = (field: string) => {
    const value = input[field];
    if (typeof value !== "string" || value.trim() === "") errors.push(problem(field, `${field} is required`));
    return typeof value === "string" ? value : "";
  };
  const name = text("name");
  const endpoint = text("endpoint");
  if (endpoint !== "" && !URL.canParse(endpoint)) errors.push(problem("endpoint", "endpoint is not a URL"));
  const oneOf = <T extends string>(field: string, allowed: readonly T[]): T => {
    const value = input[field];
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
    errors.push(problem(field, `${field} must be one of ${allowed.join(", ")}`));
    return allowed[0] as T;
  };
  const status = oneOf("status", ["active", "inactive"] as const);
  const http_method = oneOf("http_method", HTTP_METHODS);
  const request_format = oneOf("request_format", REQUEST_FORMATS);
  const raw = input.subscriptions;
  const valid = Array.isArray(raw) && raw.length > 0 && raw.every((s) => typeof s === "string");
  const subscriptions: string[] = valid ? raw : [];
  if (!valid) errors.push(problem("subscriptions", "subscriptions must list event types"));
  const events = subscriptions.filter((s) => s !== CONDITIONAL);
  if (events.length > 0 && events.length < subscriptions.length) {
    errors.push(problem("subscriptions", `${CONDITIONAL} cannot be combined with event types`));
  }
  for (const s of events) {
    if (!/^zen:event-type:[a-z_]+\.[a-z_]+$/.test(s))
      errors.push(problem("subscriptions", `unknown event ${s}`));
  }
  if (events.length > 0 && (http_method !== "POST" || request_format !== "json")) {
    errors.push(problem("subscriptions", "a webhook subscribed to events must use POST and json"));
  }
  const description = typeof input.description === "string" ? input.description : null;
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { name, description, status, endpoint, http_method, request_format, subscriptions },
  };
}

/** A given signing secret on create: `{secret, algorithm?: "SHA256"}`. */
export function checkSigningSecret(value: unknown): Checked<string | undefined> {
  if (value === undefined) return { ok: true, value: undefined };
  if (!isRecord(value) || typeof value.secret !== "string" || value.secret === "") {
    return { ok: false, errors: [problem("signing_secret", "signing_secret.secret is required")] };
  }
  if (value.algorithm !== undefined && value.algorithm !== "SHA256") {
    return { ok: false, errors: [problem("signing_secret", "signing_secret.algorithm must be SHA256")] };
  }
  return { ok: true, value: value.secret };
}

export class WebhookRegistry {
  private readonly hooks = new Map<string, Webhook>();

  list(): Webhook[] {
    return [...this.hooks.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): Webhook | undefined {
    return this.hooks.get(id);
  }

  add(fields: Fields, by: { userId: number; at: string; now: number; secret?: string }): Webhook {
    const hook: Webhook = {
      ...fields,
      id: webhookId(by.now),
      created_at: by.at,
      created_by: String(by.userId),
      updated_at: by.at,
      updated_by: String(by.userId),
      secret: by.secret ?? newSigningSecret(),
    };
    this.hooks.set(hook.id, hook);
    return hook;
  }

  replace(id: string, fields: Fields, by: { userId: number; at: string }): Webhook | undefined {
    const hook = this.hooks.get(id);
    if (!hook) return undefined;
    Object.assign(hook, fields, { updated_at: by.at, updated_by: String(by.userId) });
    return hook;
  }

  delete(id: string): boolean {
    return this.hooks.delete(id);
  }

  resetSecret(id: string): Webhook | undefined {
    const hook = this.hooks.get(id);
    if (hook) hook.secret = newSigningSecret();
    return hook;
  }

  /** Active webhooks subscribed to this event type: Zendesk delivers each event to each of them. */
  subscribedTo(type: string): Webhook[] {
    return this.list().filter((h) => h.status === "active" && h.subscriptions.includes(type));
  }

  clear(): void {
    this.hooks.clear();
  }
}

/** A webhook as the API shows it: everything but the secret. */
export function renderWebhook(hook: Webhook) {
  const { secret: _secret, ...shown } = hook;
  return shown;
}
