// The guard that ties a statement to one ticket write: it runs only if the
// compare-and-set of that write won (the row still carries its token). SQL
// text lives here and in the repositories; callers pass the guard as a value.
export interface WriteGuard {
  installationId: string;
  ticketId: number;
  token: string;
}

/** A WHERE condition and its bindings; `null` (no guard) is always true. */
export function guardSql(g: WriteGuard | null): { sql: string; binds: (string | number)[] } {
  if (g === null) return { sql: "1 = 1", binds: [] };
  return {
    sql: "(SELECT write_token FROM tickets WHERE installation_id = ? AND ticket_id = ?) = ?",
    binds: [g.installationId, g.ticketId, g.token],
  };
}

/**
 * A list of ids as ONE bound JSON parameter, for `IN (SELECT value FROM json_each(?))`:
 * D1 allows 100 parameters a statement, and a ticket may hold thousands of messages.
 */
export const idList = (ids: readonly number[]): string => JSON.stringify(ids.filter(Number.isSafeInteger));
