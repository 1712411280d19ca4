// Counts for GET /api/stats, straight from the audit log and the entries:
// who resolved tickets, why humans took over, what the AI flagged, what
// became of the learning loop's proposals. Read-only.
import { z } from "zod";
import type { Scope } from "../lib/scope";

export interface Stats {
  from: string;
  to: string;
  resolutions: { aiResolved: number; humanResolved: number };
  takeovers: { total: number; byReason: Record<string, number> };
  releases: number;
  attention: Record<string, number>;
  proposals: { approved: number; rejected: number; pending: number };
}

const Count = z.object({ key: z.string().nullable(), n: z.number() });

export class StatsRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  async compute(from: number, to: number): Promise<Stats> {
    const [resolved, takeovers, releases, attention, proposals] = await this.db.batch([
      // A resolve counts for humans if the ticket was ever taken over before it.
      this.db
        .prepare(
          `SELECT CASE WHEN EXISTS (SELECT 1 FROM ticket_events t WHERE t.installation_id = r.installation_id
                    AND t.ticket_id = r.ticket_id AND t.type = 'take_over' AND t.id < r.id)
                  THEN 'human' ELSE 'ai' END AS key, count(*) AS n
           FROM ticket_events r WHERE r.installation_id = ? AND r.type = 'resolve' AND r.at BETWEEN ? AND ?
           GROUP BY key`,
        )
        .bind(this.inst, from, to),
      this.db
        .prepare(
          `SELECT CASE WHEN reason LIKE 'implicit%' THEN 'agent replied in Zendesk'
                       WHEN reason LIKE 'forced%' THEN 'forced from a colleague'
                       ELSE 'take over button' END AS key, count(*) AS n
           FROM ticket_events WHERE installation_id = ? AND type = 'take_over' AND at BETWEEN ? AND ? GROUP BY key`,
        )
        .bind(this.inst, from, to),
      this.db
        .prepare(
          `SELECT 'all' AS key, count(*) AS n FROM ticket_events
           WHERE installation_id = ? AND type = 'release' AND at BETWEEN ? AND ?`,
        )
        .bind(this.inst, from, to),
      this.db
        .prepare(
          `SELECT type AS key, count(*) AS n FROM attention_items
           WHERE installation_id = ? AND created_at BETWEEN ? AND ? GROUP BY type`,
        )
        .bind(this.inst, from, to),
      this.db
        .prepare(
          `SELECT status AS key, count(*) AS n FROM (
             SELECT status, updated_at FROM kb_entries WHERE installation_id = ?1 AND source_type = 'learning_loop'
             UNION ALL SELECT status, updated_at FROM policy_entries
               WHERE installation_id = ?1 AND source_type = 'learning_loop')
           WHERE updated_at BETWEEN ?2 AND ?3 GROUP BY status`,
        )
        .bind(this.inst, from, to),
    ]);
    const counts = (r: D1Result | undefined) =>
      Object.fromEntries(
        (r?.results ?? []).map((row) => Count.parse(row)).map((c) => [c.key ?? "unknown", c.n]),
      );
    const res = counts(resolved);
    const take = counts(takeovers);
    const prop = counts(proposals);
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      resolutions: { aiResolved: res.ai ?? 0, humanResolved: res.human ?? 0 },
      takeovers: { total: Object.values(take).reduce((a, b) => a + b, 0), byReason: take },
      releases: counts(releases).all ?? 0,
      attention: counts(attention),
      proposals: {
        approved: prop.approved ?? 0,
        rejected: prop.rejected ?? 0,
        pending: prop.pending_review ?? 0,
      },
    };
  }
}
