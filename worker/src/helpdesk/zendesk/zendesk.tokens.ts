// The Authorization header of a connected installation: its OAuth access token,
// renewed before it expires or after a 401. Zendesk rotates refresh tokens (a
// used one is dead), so renewals never race: one per isolate at a time, and one
// across isolates by a compare-and-set on the installation's token version.
// When the grant is gone for good, the installation is disconnected.
import type { InstallationRepo } from "../../installations/installation.repo";
import type { Vault } from "../../installations/crypto";
import { RENEW_BEFORE_MS } from "../../installations/installation";
import type { MarketplaceHeaders } from "../../config";
import { Disconnected, HelpdeskError } from "../helpdesk.port";
import type { AuthSource } from "./zendesk.client";
import { GrantRevoked, type OAuthClient, refreshTokens } from "./zendesk.oauth";

/** How long a renewal may hold the claim (a token request has a 10 s timeout). */
const CLAIM_MS = 30_000;
const WAIT_MS = 150;
const MAX_WAITS = 200;

export interface TokenDeps {
  installationId: string;
  origin: string;
  repo: InstallationRepo;
  vault: Vault;
  client: OAuthClient;
  marketplace: MarketplaceHeaders | null;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The grant is gone: disconnect the installation (its data stays for the grace period). */
  revoked: (reason: string) => Promise<void>;
}

export class OAuthTokenSource implements AuthSource {
  private token: { version: number; access: string; expiresAt: number | null } | null = null;
  private renewing: Promise<boolean> | null = null;

  constructor(private readonly d: TokenDeps) {}

  async header(): Promise<string> {
    const fresh = (t: typeof this.token) =>
      t !== null && (t.expiresAt === null || t.expiresAt - RENEW_BEFORE_MS > this.d.now());
    if (!fresh(this.token)) await this.load();
    if (!fresh(this.token) && !(await this.renew())) throw new Disconnected();
    if (!this.token) throw new Disconnected();
    return `Bearer ${this.token.access}`;
  }

  /** One renewal per isolate at a time; callers that arrive meanwhile share its outcome. */
  renew(): Promise<boolean> {
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async load(): Promise<void> {
    const stored = await this.d.repo.tokens(this.d.installationId);
    if (!stored?.accessEnc) {
      this.token = null;
      return;
    }
    if (this.token?.version === stored.version) return;
    this.token = {
      version: stored.version,
      access: await this.d.vault.open(stored.accessEnc),
      expiresAt: stored.accessExpiresAt,
    };
  }

  private async renewOnce(): Promise<boolean> {
    const seen = this.token?.version ?? -1;
    for (let wait = 0; wait < MAX_WAITS; wait++) {
      const stored = await this.d.repo.tokens(this.d.installationId);
      if (!stored?.refreshEnc) return false;
      // Another isolate renewed since we last looked: its tokens are ours too.
      if (stored.version > seen && stored.accessEnc) {
        await this.load();
        return true;
      }
      const now = this.d.now();
      if (await this.d.repo.claimRenewal(this.d.installationId, stored.version, now, CLAIM_MS)) {
        return this.refresh(stored.version, stored.refreshEnc);
      }
      await this.d.sleep(WAIT_MS);
    }
    throw new HelpdeskError("Renewing the Zendesk token took too long; try again", true);
  }

  private async refresh(version: number, refreshEnc: string): Promise<boolean> {
    const { repo, vault } = this.d;
    let pair: Awaited<ReturnType<typeof refreshTokens>>;
    try {
      pair = await refreshTokens(
        this.d.origin,
        this.d.client,
        await vault.open(refreshEnc),
        this.d.marketplace,
        this.d.now(),
      );
    } catch (e) {
      if (e instanceof GrantRevoked) {
        await this.d.revoked("Zendesk refused to renew the access (the app's access was revoked or expired)");
        this.token = null;
        return false;
      }
      throw e;
    }
    const sealed = {
      accessEnc: await vault.seal(pair.accessToken),
      refreshEnc: await vault.seal(pair.refreshToken),
      accessExpiresAt: pair.accessExpiresAt,
      refreshExpiresAt: pair.refreshExpiresAt,
    };
    if (!(await repo.storeRenewed(this.d.installationId, version, sealed, this.d.now()))) {
      // Disconnected or reconnected meanwhile: whatever is stored now wins.
      await this.load();
      return this.token !== null;
    }
    this.token = { version: version + 1, access: pair.accessToken, expiresAt: pair.accessExpiresAt };
    return true;
  }
}
