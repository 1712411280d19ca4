// Every Zendesk account one stand-in serves, by subdomain, and the global OAuth clients they share. The default
// account also answers at the root (`{origin}/api/v2/...`), so single-account callers never name a subdomain.

import { Account, type AccountOptions } from "./account.ts";
import type { OAuthClient } from "./oauth.model.ts";

export type NewAccount = Omit<AccountOptions, "index" | "globalClient" | "accountId"> & {
  accountId?: number;
};

/** What a subdomain may be (as the Worker checks it); `api` and `oauth` would shadow the default account. */
export const SUBDOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const RESERVED = new Set(["api", "oauth"]);
export const DEFAULT_ACCOUNT_ID = 10_000_001;

export class Accounts {
  readonly globalClients = new Map<string, OAuthClient>();
  readonly default: Account;
  private readonly all = new Map<string, Account>();
  private created = 0;

  constructor(defaults: NewAccount) {
    this.default = this.build(defaults, 0);
  }

  /** A new account with its own id ranges, credentials, webhooks, limits and log. */
  create(
    input: NewAccount,
  ): { ok: true; account: Account } | { ok: false; status: 400 | 409; error: string } {
    if (!SUBDOMAIN.test(input.subdomain) || RESERVED.has(input.subdomain)) {
      return { ok: false, status: 400, error: `${input.subdomain} is not a usable subdomain` };
    }
    if (this.all.has(input.subdomain)) {
      return { ok: false, status: 409, error: `Account ${input.subdomain} already exists` };
    }
    return { ok: true, account: this.build(input, ++this.created) };
  }

  get(subdomain: string): Account | undefined {
    return this.all.get(subdomain);
  }

  list(): Account[] {
    return [...this.all.values()];
  }

  /** Back to a server with only the default account (reset), and no global clients. */
  reset(): void {
    for (const account of this.all.values()) if (account !== this.default) account.feed.close();
    this.all.clear();
    this.all.set(this.default.subdomain, this.default);
    this.globalClients.clear();
    this.created = 0;
    this.default.reset();
  }

  async settled(): Promise<void> {
    await Promise.all(this.list().map((a) => a.feed.settled()));
  }

  close(): void {
    for (const account of this.all.values()) account.feed.close();
  }

  private build(input: NewAccount, index: number): Account {
    const account = new Account({
      ...input,
      index,
      accountId: input.accountId ?? DEFAULT_ACCOUNT_ID + index,
      globalClient: (id) => this.globalClients.get(id),
    });
    this.all.set(account.subdomain, account);
    return account;
  }
}
