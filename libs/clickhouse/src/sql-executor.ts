/**
 * The narrow SQL surface Vigil's ClickHouse code runs on, so the same migrations and dashboard queries run through
 * the HTTP client (ClickHouse 18.16 and current servers) and through chdb (current ClickHouse in-process, tests).
 * Every value inside `sql` has been embedded with the quoting helpers of `sql-literals.ts`.
 */
export interface SqlExecutor {
  /** Runs a statement that returns no rows (DDL, INSERT … SELECT, ALTER). */
  command(sql: string): Promise<void>;
  /** Runs a SELECT and returns its rows as parsed JSONEachRow objects. */
  query<Row extends object>(sql: string): Promise<Row[]>;
  /** Inserts rows (column name → value; DateTime values as ISO-8601 UTC text) into a table, as one insert. */
  insertRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

/** A readiness check: resolves true once the server answers a trivial query; a failure rejects (not ready). */
export function answersQueries(executor: SqlExecutor): () => Promise<boolean> {
  return async () => {
    await executor.query('SELECT 1 AS ok');
    return true;
  };
}
