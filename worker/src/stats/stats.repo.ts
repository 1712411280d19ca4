// The rows behind GET /api/stats, read in one D1 batch from the audit log (ticket_events), the
// attention items and the learning loop's entries, for one installation and one period. Read
// only; what the rows mean is decided in stats.figures.ts.
import * as z from "zod";
import type { Scope } from "../lib/scope";
import { type Query, runAll } from "../lib/query";
import type { ReleaseRow, ResolveRow, StatsRows, TakeoverRow } from "./stats.figures";
import type { StatsWindow } from "./stats.window";

/** The events that change who has a ticket: its life is cut by resolve and reopen. */
const HANDS = "('take_over', 'release', 'resolve', 'reopen')";
/** Correlated reads walk one ticket's events by id (index ticket_events_ticket). */
const SAME_TICKET = (a: string, b: string) =>
  `${a}.installation_id = ${b}.installation_id AND ${a}.ticket_id = ${b}.ticket_id`;
/** Every outer read takes one type of event in the period (index ticket_events_type_at). */
const IN_PERIOD = (a: string, types: string) =>
  `${a}.installation_id = ?1 AND ${a}.type IN ${types} AND ${a}.at >= ?2 AND ${a}.at < ?3`;

/**
 * The take over's reason code: `detail.code` (implicit_reply, forced_from), none for the button.
 * Rows written before codes existed carry only the English reason.
 */
const REASON_CODE = `COALESCE(
  CASE WHEN json_valid(t.detail) THEN json_extract(t.detail, '$.code') END,
  CASE WHEN t.reason LIKE 'implicit%' THEN 'implicit_reply' WHEN t.reason LIKE 'forced%' THEN 'forced_from'
       ELSE 'button' END)`;

const Flag = z.union([z.literal(0), z.literal(1)]).transform((v) => v === 1);
const ResolveSql = z.object({ at: z.number(), human: Flag, reopened_at: z.number().nullable() });
const TakeoverSql = z.object({ code: z.string(), after_release: Flag, n: z.number() });
const ReleaseSql = z.object({ retaken: Flag, n: z.number() });
const HoldSql = z.object({ ms: z.number().nullable() });
const CountSql = z.object({ key: z.string(), n: z.number() });

const counts = (rows: unknown[]) =>
  Object.fromEntries(rows.map((r) => CountSql.parse(r)).map((c) => [c.key, c.n]));

export class StatsRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  private query<T>(sql: string, w: StatsWindow, read: (rows: unknown[]) => T): Query<T> {
    return { statement: this.db.prepare(sql).bind(this.inst, w.start, w.end), read };
  }

  /** Each resolve of the period: was the ticket taken over since it was opened or last reopened, and when was it next reopened. */
  resolvesQuery(w: StatsWindow): Query<ResolveRow[]> {
    return this.query(
      `SELECT r.at,
         COALESCE((SELECT max(t.id) FROM ticket_events t WHERE ${SAME_TICKET("t", "r")} AND t.type = 'take_over'
           AND t.id < r.id), 0)
         > COALESCE((SELECT max(b.id) FROM ticket_events b WHERE ${SAME_TICKET("b", "r")}
           AND b.type IN ('reopen', 'resolve') AND b.id < r.id), 0) AS human,
         (SELECT o.at FROM ticket_events o WHERE ${SAME_TICKET("o", "r")} AND o.type = 'reopen' AND o.id > r.id
           ORDER BY o.id LIMIT 1) AS reopened_at
       FROM ticket_events r WHERE ${IN_PERIOD("r", "('resolve')")}`,
      w,
      (rows) =>
        rows.map((row) => {
          const r = ResolveSql.parse(row);
          return { at: r.at, human: r.human, reopenedAt: r.reopened_at };
        }),
    );
  }

  /** The period's take overs by reason code, and whether the previous change of hands was a release. */
  takeoversQuery(w: StatsWindow): Query<TakeoverRow[]> {
    return this.query(
      `SELECT ${REASON_CODE} AS code,
         COALESCE((SELECT p.type FROM ticket_events p WHERE ${SAME_TICKET("p", "t")} AND p.id < t.id
           AND p.type IN ${HANDS} ORDER BY p.id DESC LIMIT 1), '') = 'release' AS after_release,
         count(*) AS n
       FROM ticket_events t WHERE ${IN_PERIOD("t", "('take_over')")}
       GROUP BY code, after_release`,
      w,
      (rows) =>
        rows.map((row) => {
          const r = TakeoverSql.parse(row);
          return { code: r.code, afterRelease: r.after_release, n: r.n };
        }),
    );
  }

  /** The period's releases (by a person or automatic), and whether the next change of hands was a take over. */
  releasesQuery(w: StatsWindow): Query<ReleaseRow[]> {
    return this.query(
      `SELECT COALESCE((SELECT q.type FROM ticket_events q WHERE ${SAME_TICKET("q", "r")} AND q.id > r.id
           AND q.type IN ${HANDS} ORDER BY q.id LIMIT 1), '') = 'take_over' AS retaken,
         count(*) AS n
       FROM ticket_events r WHERE ${IN_PERIOD("r", "('release')")}
       GROUP BY retaken`,
      w,
      (rows) => rows.map((row) => ReleaseSql.parse(row)),
    );
  }

  /**
   * Holds that ended in the period: a release or resolve of a ticket in progress, back to the
   * take over that moved it from open (a colleague's forced take over continues the hold).
   */
  holdsQuery(w: StatsWindow): Query<number[]> {
    return this.query(
      `SELECT e.at - (SELECT s.at FROM ticket_events s WHERE ${SAME_TICKET("s", "e")} AND s.type = 'take_over'
           AND s.from_state = 'open' AND s.id < e.id ORDER BY s.id DESC LIMIT 1) AS ms
       FROM ticket_events e WHERE ${IN_PERIOD("e", "('release', 'resolve')")} AND e.from_state = 'in_progress'`,
      w,
      (rows) => rows.flatMap((row) => HoldSql.parse(row).ms ?? []),
    );
  }

  /** Attention items raised in the period, by type (a repeat of an open item is the same item). */
  attentionQuery(w: StatsWindow): Query<Record<string, number>> {
    return this.query(
      `SELECT type AS key, count(*) AS n FROM attention_items
       WHERE installation_id = ?1 AND created_at >= ?2 AND created_at < ?3 GROUP BY type`,
      w,
      counts,
    );
  }

  /** The learning loop's proposals decided in the period (by when), and those made in it still waiting. */
  proposalsQuery(w: StatsWindow): Query<StatsRows["proposals"]> {
    const proposals = (cols: string) =>
      `SELECT ${cols} FROM kb_entries WHERE installation_id = ?1 AND source_type = 'learning_loop'
       UNION ALL SELECT ${cols} FROM policy_entries WHERE installation_id = ?1 AND source_type = 'learning_loop'`;
    return this.query(
      `SELECT decision AS key, count(*) AS n FROM (${proposals("decision, decided_at AS at")})
         WHERE decision IS NOT NULL AND at >= ?2 AND at < ?3 GROUP BY decision
       UNION ALL
       SELECT 'pending' AS key, count(*) AS n FROM (${proposals("status, created_at AS at")})
         WHERE status = 'pending_review' AND at >= ?2 AND at < ?3`,
      w,
      (rows) => {
        const c = counts(rows);
        return { approved: c.approved ?? 0, rejected: c.rejected ?? 0, pending: c.pending ?? 0 };
      },
    );
  }

  /** Everything for one period, in one round trip. */
  async rows(w: StatsWindow): Promise<StatsRows> {
    const [resolves, takeovers, releases, holds, attention, proposals] = await runAll(this.db, [
      this.resolvesQuery(w),
      this.takeoversQuery(w),
      this.releasesQuery(w),
      this.holdsQuery(w),
      this.attentionQuery(w),
      this.proposalsQuery(w),
    ]);
    return { resolves, takeovers, releases, holds, attention, proposals };
  }
}
