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
  "learning_signals",
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

/** How long a delivery's event id is kept to recognise Zendesk's retries of it. */
export const DEDUPE_WINDOW_MS = 3 * 86_400_000;

/** What retention erased in one run, for the log. */
export interface Erased {
  deliveries: number;
  payloads: number;
  messages: number;
  drafts: number;
  /** Proposals whose evidence excerpt was erased. */
  excerpts: number;
}

/**
 * Retention for one installation: de-duplication records past Zendesk's retry
 * window, stored large events nobody applied, and the messages and drafts older
 * than `days` (rows deleted, not blanked: SQLite reuses a deleted row's pages,
 * never the space a shortened row leaves; decision 007). What stays: the tickets,
 * the audit trail and attention items (the outcomes, the statistics' history).
 * A message still waiting for its outcome, and a draft still held or on its way,
 * are kept whatever their age.
 */
export async function applyRetention(scope: Scope, now: number, days: number): Promise<Erased> {
  const { db, installationId: id } = scope;
  const before = now - days * 86_400_000;
  const results = await db.batch([
    db
      .prepare("DELETE FROM webhook_deliveries WHERE installation_id = ? AND received_at < ?")
      .bind(id, now - DEDUPE_WINDOW_MS),
    db
      .prepare("DELETE FROM job_payloads WHERE installation_id = ? AND created_at < ?")
      .bind(id, now - DEDUPE_WINDOW_MS),
    db
      .prepare(
        "DELETE FROM messages WHERE installation_id = ? AND created_at < ? AND disposition != 'pending'",
      )
      .bind(id, before),
    db
      .prepare(
        `DELETE FROM drafts WHERE installation_id = ? AND created_at < ?
           AND status NOT IN ('held', 'queued', 'sending')`,
      )
      .bind(id, before),
    // A proposal's evidence quotes the conversation: its excerpt goes with the texts it quotes.
    ...(["kb_entries", "policy_entries"] as const).map((t) =>
      db
        .prepare(
          `UPDATE ${t} SET evidence = json_set(evidence, '$.excerpt', json('[]')) WHERE installation_id = ?
             AND created_at < ? AND evidence IS NOT NULL AND json_array_length(evidence, '$.excerpt') > 0`,
        )
        .bind(id, before),
    ),
    db.prepare("DELETE FROM learning_signals WHERE installation_id = ? AND at < ?").bind(id, before),
  ]);
  const n = (i: number) => results[i]?.meta.changes ?? 0;
  return { deliveries: n(0), payloads: n(1), messages: n(2), drafts: n(3), excerpts: n(4) + n(5) };
}
