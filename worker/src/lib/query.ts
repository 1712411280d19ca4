// A read as a value: the statement and how to read its rows. Lets a caller
// run several repositories' reads in one D1 batch (one round trip).
export interface Query<T> {
  statement: D1PreparedStatement;
  read(rows: unknown[]): T;
}

/** A write in a batch of reads (its rows, if any, are not read). */
export const writeQuery = (statement: D1PreparedStatement): Query<void> => ({
  statement,
  read: () => undefined,
});

export async function run<T>(q: Query<T>): Promise<T> {
  const { results } = await q.statement.all();
  return q.read(results);
}

type Results<Q extends readonly Query<unknown>[]> = {
  [K in keyof Q]: Q[K] extends Query<infer T> ? T : never;
};

export async function runAll<const Q extends readonly Query<unknown>[]>(
  db: D1Database,
  queries: Q,
): Promise<Results<Q>> {
  const results = await db.batch(queries.map((q) => q.statement));
  // The mapped tuple type cannot be built element by element; the shapes match by construction.
  return queries.map((q, i) => q.read(results[i]?.results ?? [])) as Results<Q>;
}

/** Runs several repositories' reads in one round trip; what services hold instead of the database. */
export class Reader {
  constructor(private readonly db: D1Database) {}
  all<const Q extends readonly Query<unknown>[]>(queries: Q): Promise<Results<Q>> {
    return runAll(this.db, queries);
  }
}
