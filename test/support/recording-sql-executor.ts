import type { SqlExecutor } from '@vigil/clickhouse';

/**
 * A SqlExecutor that records every statement and answers queries from `answer` (no rows by default): enough to see
 * exactly what the migration runner or retention sends to a server, without one.
 */
export class RecordingSqlExecutor implements SqlExecutor {
  readonly statements: string[] = [];

  constructor(private readonly answer: (sql: string) => object[] = () => []) {}

  async command(sql: string): Promise<void> {
    this.statements.push(sql);
  }

  async query<Row extends object>(sql: string): Promise<Row[]> {
    this.statements.push(sql);
    return this.answer(sql) as Row[];
  }

  async insertRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    this.statements.push(`INSERT INTO ${table} (${rows.length} rows)`);
  }

  async close(): Promise<void> {}
}
