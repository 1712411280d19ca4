// The server-wide control routes under `/__standin/`: create and list accounts, reset the whole server. Every
// other `/__standin/...` path belongs to the default account (control.ts), `/{subdomain}/__standin/...` to that one.

import { z } from "zod";
import type { Account } from "./account.ts";
import type { Accounts } from "./accounts.ts";
import { type ControlContext, Id, parse } from "./control.shared.ts";
import { CONTROL_ROUTES } from "./control.ts";
import { json, route, type StandinRequest, type StandinResponse } from "./http.ts";

const Limit = z.number().int().positive().nullable().optional();
const AccountInput = z.object({
  subdomain: z.string(),
  accountId: Id.optional(),
  /** The admin signed in to this account's Zendesk (consents to OAuth; behind the legacy credentials). */
  admin: z.object({ id: Id.optional(), name: z.string().min(1), email: z.string().optional() }).optional(),
  email: z.string().optional(),
  apiToken: z.string().min(1).optional(),
  oauthToken: z.string().min(1).optional(),
  webhook: z
    .object({
      url: z.url(),
      secret: z.string().min(1),
      retryDelaysMs: z.array(z.number().nonnegative()).optional(),
    })
    .optional(),
  rateLimit: z
    .object({ requestsPerMinute: Limit, ticketUpdatesPerMinute: Limit, ticketUpdatesPerTicketUser: Limit })
    .nullable()
    .optional(),
});

export function describeAccount(account: Account, origin: string) {
  return {
    subdomain: account.subdomain,
    accountId: account.accountId,
    base: `${origin}/${account.subdomain}`,
    admin: account.apiUser(),
  };
}

function createAccount(req: StandinRequest, accounts: Accounts): StandinResponse {
  const body = parse(req, AccountInput);
  if (!body.ok) return body.response;
  const created = accounts.create(body.value);
  if (!created.ok) return json(created.status, { error: created.error });
  return json(201, { account: describeAccount(created.account, req.url.origin) });
}

/** `path` is relative to `/__standin`. Server-wide routes first, then the account's own. */
export function handleControl(
  req: StandinRequest,
  path: string,
  accounts: Accounts,
  account: Account,
  base: string,
): StandinResponse {
  const isRoot = account === accounts.default && base === req.url.origin;
  if (isRoot && path === "/accounts" && req.method === "POST") return createAccount(req, accounts);
  if (isRoot && path === "/accounts" && req.method === "GET") {
    return json(200, { accounts: accounts.list().map((a) => describeAccount(a, req.url.origin)) });
  }
  if (isRoot && path === "/reset" && req.method === "POST") {
    accounts.reset();
    return json(200, { ok: true });
  }
  const ctx: ControlContext = {
    account,
    base,
    addGlobalClient: (client) => {
      accounts.globalClients.set(client.identifier, client);
    },
  };
  return (
    route(CONTROL_ROUTES, req, path, ctx) ??
    json(404, { error: `No control route ${req.method} ${req.url.pathname}` })
  );
}
