/** One versioned schema change. Statements must be idempotent (`IF NOT EXISTS`), so a half-applied run can re-run. */
export interface Migration {
  /** Strictly increasing, never reused. */
  version: number;
  /** snake_case description, e.g. `entity_events`. */
  name: string;
  /** The statements for a database (already quoted identifier, e.g. `` `vigil` ``). */
  statements(database: string): string[];
}

/** What a migration run did. */
export interface MigrationReport {
  applied: { version: number; name: string }[];
  alreadyApplied: number;
}
