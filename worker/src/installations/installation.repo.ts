// The registry of connected installations and the OAuth states of connects in
// progress. Secrets are stored sealed (crypto.ts); this file never sees them in
// the clear. The only repository that is not scoped to one installation.
import * as z from "zod";
import { DEFAULT_INSTALLATION } from "../lib/scope";
import { type Installation, MAIN_DATABASE, originFor } from "./installation";

const Row = z.object({
  id: z.string(),
  subdomain: z.string(),
  status: z.enum(["connecting", "connected", "disconnected"]),
  api_secret_hash: z.string().nullable(),
  webhook_id: z.string().nullable(),
  webhook_secret_enc: z.string().nullable(),
  access_token_enc: z.string().nullable(),
  refresh_token_enc: z.string().nullable(),
  access_expires_at: z.number().nullable(),
  refresh_expires_at: z.number().nullable(),
  token_version: z.number(),
  renewing_until: z.number().nullable(),
  app_installation_id: z.number().nullable(),
  connected_by_id: z.number().nullable(),
  ai_agent_id: z.number().nullable(),
  paused_until: z.number().nullable(),
  delete_after: z.number().nullable(),
  database: z.string(),
});
type Row = z.infer<typeof Row>;

/** What the token provider needs: sealed tokens and the version that guards their renewal. */
export interface StoredTokens {
  accessEnc: string | null;
  refreshEnc: string | null;
  accessExpiresAt: number | null;
  version: number;
  renewingUntil: number | null;
}

export interface Connection {
  id: string;
  subdomain: string;
  apiSecretHash: string;
  webhookId: string;
  webhookSecretEnc: string;
  accessEnc: string;
  refreshEnc: string;
  accessExpiresAt: number | null;
  refreshExpiresAt: number | null;
  appInstallationId: number;
  connectedById: number;
}

/** How long an isolate trusts what it read of an installation for its webhook deliveries. */
export const WEBHOOK_TARGET_TTL_MS = 30_000;

export class InstallationRepo {
  private readonly webhookTargets = new Map<
    string,
    { target: { installation: Installation; sealed: string }; until: number }
  >();

  constructor(
    private readonly db: D1Database,
    private readonly originTemplate: string,
  ) {}

  private toInstallation(r: Row): Installation {
    return {
      id: r.id,
      kind: "connected",
      subdomain: r.subdomain,
      status: r.status,
      origin: originFor(this.originTemplate, r.subdomain),
      aiAgentId: r.ai_agent_id ?? r.connected_by_id,
      webhookId: r.webhook_id,
      appInstallationId: r.app_installation_id,
      connectedById: r.connected_by_id,
      pausedUntil: r.paused_until,
      deleteAfter: r.delete_after,
      database: r.database,
    };
  }

  private async one(sql: string, ...binds: (string | number)[]): Promise<Row | null> {
    const row = await this.db
      .prepare(sql)
      .bind(...binds)
      .first();
    return row ? Row.parse(row) : null;
  }

  async get(id: string): Promise<Installation | null> {
    const r = await this.one("SELECT * FROM installations WHERE id = ?", id);
    return r ? this.toInstallation(r) : null;
  }

  async bySubdomain(subdomain: string): Promise<Installation | null> {
    const r = await this.one("SELECT * FROM installations WHERE subdomain = ?", subdomain);
    return r ? this.toInstallation(r) : null;
  }

  /**
   * The installation whose API secret hashes to `hash`. A disconnected one still answers (its
   * admin sees why, and its items), until an admin's disconnect erased the secret.
   */
  async byApiSecretHash(hash: string): Promise<Installation | null> {
    const r = await this.one("SELECT * FROM installations WHERE api_secret_hash = ?", hash);
    return r ? this.toInstallation(r) : null;
  }

  async webhookSecret(id: string): Promise<string | null> {
    return (await this.one("SELECT * FROM installations WHERE id = ?", id))?.webhook_secret_enc ?? null;
  }

  /**
   * What a webhook delivery needs (the installation and its sealed signing secret), kept by the
   * isolate for WEBHOOK_TARGET_TTL_MS so a delivery costs no D1 read. This isolate's own connects,
   * disconnects and deletions drop it at once; other isolates see them within the TTL (their
   * consumers check the installation again before any work). `fresh`: read D1 whatever is kept.
   */
  async webhookTarget(id: string, now: number, fresh: boolean) {
    const hit = this.webhookTargets.get(id);
    if (!fresh && hit && hit.until > now) return hit.target;
    const r = await this.one("SELECT * FROM installations WHERE id = ?", id);
    const target = r?.webhook_secret_enc
      ? { installation: this.toInstallation(r), sealed: r.webhook_secret_enc }
      : null;
    if (target) this.webhookTargets.set(id, { target, until: now + WEBHOOK_TARGET_TTL_MS });
    else this.webhookTargets.delete(id);
    return target;
  }

  async tokens(id: string): Promise<StoredTokens | null> {
    const r = await this.one("SELECT * FROM installations WHERE id = ?", id);
    if (!r) return null;
    return {
      accessEnc: r.access_token_enc,
      refreshEnc: r.refresh_token_enc,
      accessExpiresAt: r.access_expires_at,
      version: r.token_version,
      renewingUntil: r.renewing_until,
    };
  }

  /** One renewal at a time: claims the right to use the refresh token at `version`. */
  async claimRenewal(id: string, version: number, now: number, forMs: number): Promise<boolean> {
    const res = await this.db
      .prepare(
        `UPDATE installations SET renewing_until = ? WHERE id = ? AND token_version = ?
           AND status = 'connected' AND (renewing_until IS NULL OR renewing_until <= ?)`,
      )
      .bind(now + forMs, id, version, now)
      .run();
    return res.meta.changes === 1;
  }

  async storeRenewed(
    id: string,
    version: number,
    t: {
      accessEnc: string;
      refreshEnc: string;
      accessExpiresAt: number | null;
      refreshExpiresAt: number | null;
    },
    now: number,
  ): Promise<boolean> {
    const res = await this.db
      .prepare(
        `UPDATE installations SET access_token_enc = ?, refresh_token_enc = ?, access_expires_at = ?,
           refresh_expires_at = ?, token_version = token_version + 1, renewing_until = NULL, updated_at = ?
         WHERE id = ? AND token_version = ?`,
      )
      .bind(t.accessEnc, t.refreshEnc, t.accessExpiresAt, t.refreshExpiresAt, now, id, version)
      .run();
    return res.meta.changes === 1;
  }

  /** A connect or reconnect that went through every step: the installation is live with these. */
  async saveConnection(c: Connection, now: number, databases: readonly string[]): Promise<void> {
    this.webhookTargets.delete(c.id);
    const database = await this.leastUsed(databases);
    await this.db
      .prepare(
        `INSERT INTO installations (id, subdomain, status, api_secret_hash, webhook_id, webhook_secret_enc,
           access_token_enc, refresh_token_enc, access_expires_at, refresh_expires_at, app_installation_id,
           connected_by_id, created_at, updated_at, database)
         VALUES (?, ?, 'connected', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (subdomain) DO UPDATE SET status = 'connected', api_secret_hash = excluded.api_secret_hash,
           webhook_id = excluded.webhook_id, webhook_secret_enc = excluded.webhook_secret_enc,
           access_token_enc = excluded.access_token_enc, refresh_token_enc = excluded.refresh_token_enc,
           access_expires_at = excluded.access_expires_at, refresh_expires_at = excluded.refresh_expires_at,
           app_installation_id = excluded.app_installation_id, connected_by_id = excluded.connected_by_id,
           token_version = token_version + 1, renewing_until = NULL, disconnected_reason = NULL,
           delete_after = NULL, paused_until = NULL, updated_at = excluded.updated_at`,
      )
      .bind(
        c.id,
        c.subdomain,
        c.apiSecretHash,
        c.webhookId,
        c.webhookSecretEnc,
        c.accessEnc,
        c.refreshEnc,
        c.accessExpiresAt,
        c.refreshExpiresAt,
        c.appInstallationId,
        c.connectedById,
        now,
        now,
        database,
      )
      .run();
  }

  /**
   * Where a new installation's rows go: the bound database holding the fewest installations (the
   * default one counts in `DB`), the first listed on a tie. A reconnect keeps its database.
   */
  private async leastUsed(databases: readonly string[]): Promise<string> {
    const { results } = await this.db
      .prepare("SELECT database, count(*) AS n FROM installations GROUP BY database")
      .all<{ database: string; n: number }>();
    const used = new Map(results.map((r) => [r.database, r.n]));
    used.set(MAIN_DATABASE, (used.get(MAIN_DATABASE) ?? 0) + 1);
    const [first = MAIN_DATABASE, ...rest] = databases;
    return rest.reduce((best, d) => ((used.get(d) ?? 0) < (used.get(best) ?? 0) ? d : best), first);
  }

  /**
   * Disconnected: tokens erased. A revoked grant keeps the webhook secret (its deliveries are
   * still taken in and recorded); an admin's disconnect erases every secret.
   */
  async disconnect(
    id: string,
    reason: string,
    now: number,
    opts: { eraseAll: boolean; deleteAfter: number },
  ) {
    this.webhookTargets.delete(id);
    await this.db
      .prepare(
        `UPDATE installations SET status = 'disconnected', disconnected_reason = ?, access_token_enc = NULL,
           refresh_token_enc = NULL, access_expires_at = NULL, refresh_expires_at = NULL, renewing_until = NULL,
           token_version = token_version + 1, delete_after = ?, updated_at = ?,
           api_secret_hash = CASE WHEN ? THEN NULL ELSE api_secret_hash END,
           webhook_secret_enc = CASE WHEN ? THEN NULL ELSE webhook_secret_enc END,
           webhook_id = CASE WHEN ? THEN NULL ELSE webhook_id END
         WHERE id = ?`,
      )
      .bind(
        reason,
        opts.deleteAfter,
        now,
        opts.eraseAll ? 1 : 0,
        opts.eraseAll ? 1 : 0,
        opts.eraseAll ? 1 : 0,
        id,
      )
      .run();
  }

  async setPaused(id: string, until: number): Promise<void> {
    await this.db
      .prepare("UPDATE installations SET paused_until = max(COALESCE(paused_until, 0), ?) WHERE id = ?")
      .bind(until, id)
      .run();
  }

  async setAiAgent(id: string, aiAgentId: number | null, now: number): Promise<void> {
    await this.db
      .prepare("UPDATE installations SET ai_agent_id = ?, updated_at = ? WHERE id = ?")
      .bind(aiAgentId, now, id)
      .run();
  }

  /** Connected installations (the cron's work list). */
  async connectedIds(): Promise<string[]> {
    const { results } = await this.db
      .prepare("SELECT id FROM installations WHERE status = 'connected'")
      .all();
    return results.map((r) => z.object({ id: z.string() }).parse(r).id);
  }

  /** Disconnected installations whose grace period is over. */
  async dueForDeletion(now: number): Promise<string[]> {
    const { results } = await this.db
      .prepare("SELECT id FROM installations WHERE status = 'disconnected' AND delete_after <= ?")
      .bind(now)
      .all();
    return results
      .map((r) => z.object({ id: z.string() }).parse(r).id)
      .filter((id) => id !== DEFAULT_INSTALLATION);
  }

  async forget(id: string): Promise<void> {
    this.webhookTargets.delete(id);
    await this.db.prepare("DELETE FROM installations WHERE id = ?").bind(id).run();
  }

  // OAuth states: a connect in progress, single use, short-lived.

  async saveState(state: string, subdomain: string, verifierEnc: string, now: number, ttlMs: number) {
    await this.db.batch([
      this.db.prepare("DELETE FROM oauth_states WHERE expires_at < ?").bind(now - ttlMs),
      this.db
        .prepare(
          "INSERT INTO oauth_states (state, subdomain, code_verifier_enc, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(state, subdomain, verifierEnc, now, now + ttlMs),
    ]);
  }

  /** Uses a state once: null when it is unknown, expired or already used. */
  async takeState(state: string, now: number): Promise<{ subdomain: string; verifierEnc: string } | null> {
    const row = await this.db
      .prepare(
        `UPDATE oauth_states SET used_at = ? WHERE state = ? AND used_at IS NULL AND expires_at > ?
         RETURNING subdomain, code_verifier_enc`,
      )
      .bind(now, state, now)
      .first();
    if (!row) return null;
    const r = z.object({ subdomain: z.string(), code_verifier_enc: z.string() }).parse(row);
    return { subdomain: r.subdomain, verifierEnc: r.code_verifier_enc };
  }
}
