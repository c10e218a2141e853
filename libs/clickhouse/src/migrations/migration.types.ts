import type { ClusterOptions, SchemaTarget } from './schema-target';

/** One versioned schema change. Statements must be idempotent (`IF NOT EXISTS`), so a half-applied run can re-run. */
export interface Migration {
  /** Strictly increasing, never reused. */
  version: number;
  /** snake_case description, e.g. `entity_events`. */
  name: string;
  /**
   * The statements for a target: one server or a cluster (see SchemaTarget). Write every object name, engine and
   * `ON CLUSTER` through the target, so the same migration is right on both.
   */
  statements(target: SchemaTarget): string[];
}

/** How to run migrations: on one server (default) or `ON CLUSTER`. */
export interface MigrationRunOptions extends ClusterOptions {
  /** Clock of the ledger's `applied_at`. */
  now?: () => Date;
}

/** What a migration run did. */
export interface MigrationReport {
  applied: { version: number; name: string }[];
  alreadyApplied: number;
}
