// All of one installation's rows, across every table: exported as JSON for its
// admin, and deleted when a disconnected installation's grace period is over.
// The list of tables lives here and nowhere else; a new table must be added.
import type { Scope } from "../lib/scope";

/** Every table that holds an installation's data (`installation_id`), in the order to delete them. */
export const INSTALLATION_TABLES = [
  "ticket_events",
  "messages",
  "drafts",
  "attention_items",
  "webhook_deliveries",
  "job_payloads",
  "kb_entries",
  "policy_entries",
  "settings",
  "tickets",
] as const;

export class InstallationData {
  constructor(private readonly scope: Scope) {}

  /** Every row, by table (large installations: this is read in one go, as the admin asked). */
  async export(): Promise<Record<(typeof INSTALLATION_TABLES)[number], unknown[]>> {
    const { db, installationId } = this.scope;
    const results = await db.batch(
      INSTALLATION_TABLES.map((t) =>
        db.prepare(`SELECT * FROM ${t} WHERE installation_id = ?`).bind(installationId),
      ),
    );
    return Object.fromEntries(INSTALLATION_TABLES.map((t, i) => [t, results[i]?.results ?? []])) as Record<
      (typeof INSTALLATION_TABLES)[number],
      unknown[]
    >;
  }

  async deleteAll(): Promise<void> {
    const { db, installationId } = this.scope;
    await db.batch(
      INSTALLATION_TABLES.map((t) =>
        db.prepare(`DELETE FROM ${t} WHERE installation_id = ?`).bind(installationId),
      ),
    );
  }
}
