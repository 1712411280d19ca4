// What every repository is built on: the database and the one installation it
// reads and writes. A repository never takes an installation per call, so code
// outside the store cannot forget the scope (docs/decisions/006-installations.md).
export interface Scope {
  readonly db: D1Database;
  readonly installationId: string;
}

/** The installation configured by the Worker's own variables (development, single-account deploys). */
export const DEFAULT_INSTALLATION = "default";
