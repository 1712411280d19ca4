// Accepted webhook deliveries (de-duplication on the event id) and the bodies
// of events too large for a queue message. Nothing here decides anything.
import * as z from "zod";
import type { Scope } from "../lib/scope";
import type { HelpdeskEvent } from "../helpdesk/helpdesk.port";
import { type Query, writeQuery } from "../lib/query";

export class DeliveryRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  /**
   * Records a delivery too large for a queue message once, with its job, which waits in D1; false
   * when it was already accepted. (Other deliveries are de-duplicated by the consumer: takeQueries.)
   */
  async acceptLarge(event: HelpdeskEvent, now: number, payload: string) {
    const [inserted] = await this.db.batch([
      this.db
        .prepare(
          `INSERT INTO webhook_deliveries (installation_id, event_id, event_type, ticket_id, received_at)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT (installation_id, event_id) DO NOTHING`,
        )
        .bind(this.inst, event.eventId, event.kind, event.ticketId, now),
      this.db
        .prepare(
          `INSERT INTO job_payloads (installation_id, id, body, created_at) SELECT ?, ?, ?, ? WHERE changes() > 0
           ON CONFLICT (installation_id, id) DO NOTHING`,
        )
        .bind(this.inst, event.eventId, payload, now),
    ]);
    return (inserted?.meta.changes ?? 0) === 1;
  }

  /**
   * The consumer's de-duplication, as statements for its first batch: the first job to record
   * `eventId` keeps its `token` there; the read says whether this job is that one (its own retry)
   * or a second delivery of an event already taken in.
   */
  takeQueries(event: HelpdeskEvent, token: string, now: number): [Query<void>, Query<boolean>] {
    return [
      writeQuery(
        this.db
          .prepare(
            `INSERT INTO webhook_deliveries (installation_id, event_id, event_type, ticket_id, received_at, token)
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (installation_id, event_id) DO NOTHING`,
          )
          .bind(this.inst, event.eventId, event.kind, event.ticketId, now, token),
      ),
      {
        statement: this.db
          .prepare("SELECT token FROM webhook_deliveries WHERE installation_id = ? AND event_id = ?")
          .bind(this.inst, event.eventId),
        // A row without a token was taken in by the route itself (a large event's stored job).
        read: ([row]) => (row as { token?: unknown } | undefined)?.token === token,
      },
    ];
  }

  /** Undoes an acceptance whose job never reached the queue, so Zendesk's retry is taken in. */
  async forget(eventId: string): Promise<void> {
    await this.db.batch([
      this.db
        .prepare("DELETE FROM webhook_deliveries WHERE installation_id = ? AND event_id = ?")
        .bind(this.inst, eventId),
      this.db
        .prepare("DELETE FROM job_payloads WHERE installation_id = ? AND id = ?")
        .bind(this.inst, eventId),
    ]);
  }

  async payload(ref: string): Promise<unknown | null> {
    const row = await this.db
      .prepare("SELECT body FROM job_payloads WHERE installation_id = ? AND id = ?")
      .bind(this.inst, ref)
      .first();
    return row ? JSON.parse(z.object({ body: z.string() }).parse(row).body) : null;
  }

  async dropPayload(ref: string): Promise<void> {
    await this.db
      .prepare("DELETE FROM job_payloads WHERE installation_id = ? AND id = ?")
      .bind(this.inst, ref)
      .run();
  }
}
