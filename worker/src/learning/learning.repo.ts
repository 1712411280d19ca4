// Signals for suggested policies: a ticket on which a person stepped in after a
// message about a risk topic that no policy caught. One is evidence; the same
// topic on more tickets becomes a proposal (learning.service.ts).
import * as z from "zod";
import type { Scope } from "../lib/scope";

const Row = z.object({ ticket_id: z.number(), keywords: z.string() });

export interface Signal {
  ticketId: number;
  keywords: string[];
}

export class LearningSignalRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  /** Records the signal (once per ticket and topic) and returns every signal on the topic since `since`. */
  async record(topic: string, s: Signal, now: number, since: number): Promise<Signal[]> {
    const [, recent] = await this.db.batch([
      this.db
        .prepare(
          `INSERT INTO learning_signals (installation_id, topic, ticket_id, keywords, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (installation_id, topic, ticket_id) DO UPDATE SET keywords = excluded.keywords, at = excluded.at`,
        )
        .bind(this.inst, topic, s.ticketId, JSON.stringify(s.keywords), now),
      this.db
        .prepare(
          `SELECT ticket_id, keywords FROM learning_signals
           WHERE installation_id = ? AND topic = ? AND at >= ? ORDER BY at, ticket_id`,
        )
        .bind(this.inst, topic, since),
    ]);
    return (recent?.results ?? []).map((r) => {
      const row = Row.parse(r);
      return {
        ticketId: row.ticket_id,
        keywords: z.array(z.string()).catch([]).parse(JSON.parse(row.keywords)),
      };
    });
  }
}
