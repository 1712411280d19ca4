// Zendesk accounts that connect the Worker the real way, for the installation
// tests: an account in the stand-in with the app installed and the views the app
// creates, the OAuth dance (the Worker's redirect, Zendesk's consent, the
// callback), and the account's events delivered to its own webhook, signed with
// its own secret, as Zendesk would.
import { env, exports } from "cloudflare:workers";
import { signedWebhookRequest, type WebhookBody } from "../../../standin/zendesk/webhooks";
import { TEST_APP_ID } from "../../support/installations.config";

export interface Account {
  subdomain: string;
  /** `{origin}/{subdomain}`: where the account's API and control API live. */
  base: string;
  admin: { id: number; name: string };
  control(method: string, path: string, body?: unknown): Promise<unknown>;
}

const standin = () => env.ZENDESK_API_ORIGIN;

async function call(url: string, method: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Error(`stand-in ${method} ${url}: ${res.status} ${text}`);
  return json;
}

/** A new account (a unique subdomain per test), with the app installed and its views. */
export async function createAccount(name: string, opts: { app?: boolean } = {}): Promise<Account> {
  const subdomain = `${name}-${crypto.randomUUID().slice(0, 8)}`;
  const created = (await call(`${standin()}/__standin/accounts`, "POST", {
    subdomain,
    admin: { name: `${name} Admin` },
  })) as { account: { base: string; admin: { id: number; name: string } } };
  const base = created.account.base;
  const account: Account = {
    subdomain,
    base,
    admin: created.account.admin,
    control: (method, path, body) => call(`${base}/__standin${path}`, method, body),
  };
  if (opts.app !== false) {
    await account.control("POST", "/apps/installations", {
      app_id: TEST_APP_ID,
      settings: { backend_url: "http://worker" },
      secure: ["api_secret"],
    });
  }
  for (const title of ["AI needs attention", "Taken over"]) {
    await account.control("POST", "/views", {
      title,
      all: [{ field: "status", operator: "less_than", value: "solved" }],
    });
  }
  await account.control("PUT", "/oauth/authorize", { decision: "allow" });
  return account;
}

export const worker = (path: string, init?: RequestInit) =>
  exports.default.fetch(`http://worker${path}`, init);

/** The Worker's redirect to Zendesk's consent page, which (decision "allow") redirects to the callback. */
export async function authorize(subdomain: string): Promise<{ start: Response; callbackUrl: string | null }> {
  const start = await worker(`/connect/zendesk?subdomain=${subdomain}`, { redirect: "manual" });
  const location = start.headers.get("Location");
  if (start.status !== 302 || !location) return { start, callbackUrl: null };
  const consent = await fetch(location, { redirect: "manual" });
  return { start, callbackUrl: consent.headers.get("Location") };
}

/** What an admin's connect leaves: the callback's answer, the installation, the sidebar's secret. */
export async function connect(
  account: Account,
): Promise<{ page: Response; secret: string; installationId: string }> {
  const { callbackUrl } = await authorize(account.subdomain);
  if (!callbackUrl) throw new Error("no callback from the consent page");
  const page = await exports.default.fetch(callbackUrl);
  return { page, secret: await apiSecret(account), installationId: await installationId(account) };
}

/** The API secret Zendesk's proxy sends for this account's app (a secure setting). */
export async function apiSecret(account: Account): Promise<string> {
  const list = (await account.control("GET", "/apps/installations")) as {
    installations: { app_id: number; settings: Record<string, string> }[];
  };
  return list.installations.find((i) => i.app_id === TEST_APP_ID)?.settings.api_secret ?? "";
}

export async function webhooks(
  account: Account,
): Promise<{ id: string; endpoint: string; status: string; secret: string }[]> {
  const answer = (await account.control("GET", "/webhooks")) as
    | {
        webhooks: {
          id: string;
          endpoint: string;
          status: string;
          signing_secret?: { secret: string };
          secret?: string;
        }[];
      }
    | { id: string; endpoint: string; status: string; secret: string }[];
  const list = Array.isArray(answer) ? answer : answer.webhooks;
  return list.map((w) => ({
    id: w.id,
    endpoint: w.endpoint,
    status: w.status,
    secret:
      "secret" in w && typeof w.secret === "string"
        ? w.secret
        : ((w as { signing_secret?: { secret: string } }).signing_secret?.secret ?? ""),
  }));
}

async function installationId(account: Account): Promise<string> {
  const [hook] = await webhooks(account);
  return hook?.endpoint.split("/").pop() ?? "";
}

/** The Worker's API, as Zendesk's proxy calls it for this installation. */
export async function api(secret: string, method: string, path: string, body?: unknown) {
  const res = await worker(`/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, text };
}

const delivered = new Map<string, number>();

/** The account's pending events for a ticket, delivered to its webhook and signed with its secret. */
export async function deliver(account: Account, ticketId: number): Promise<Response[]> {
  const key = `${account.subdomain}/${ticketId}`;
  const since = delivered.get(key) ?? 0;
  const events = (await account.control("GET", `/events?ticketId=${ticketId}&since=${since}`)) as {
    seq: number;
    body: WebhookBody;
  }[];
  const last = events.at(-1);
  if (last) delivered.set(key, last.seq);
  const [hook] = await webhooks(account);
  if (!hook) throw new Error(`${account.subdomain} has no webhook`);
  const out: Response[] = [];
  for (const e of events) {
    const req = await signedWebhookRequest(hook.endpoint, e.body, { secret: hook.secret });
    out.push(await exports.default.fetch(req));
  }
  return out;
}

export async function createTicket(
  account: Account,
  body: string,
  requester = "Kari Customer",
): Promise<number> {
  const r = (await account.control("POST", "/tickets", {
    subject: "Question",
    requester: { name: requester },
    comments: [{ body, author: "requester" }],
  })) as { ticket: { id: number } };
  return r.ticket.id;
}

export async function ticket(account: Account, id: number) {
  return (await account.control("GET", `/tickets/${id}`)) as {
    ticket: { id: number; status: string; tags: string[] };
    comments: { id: number; body: string; public: boolean; author_id: number }[];
  };
}

/** The stand-in's request log of the account: every request the Worker made. */
export async function requests(account: Account) {
  return (await account.control("GET", "/requests")) as {
    method: string;
    path: string;
    status: number;
    marketplace: { name: string; organizationId: string; appId: string } | null;
  }[];
}
