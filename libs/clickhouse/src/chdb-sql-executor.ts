import { toClickHouseError } from './clickhouse.errors';
import type { SqlExecutor } from './sql-executor';

interface ChdbSession {
  query(sql: string, format?: string): string;
  cleanup?(): void;
}

/**
 * SqlExecutor over chdb, a current ClickHouse release running in-process: the compatibility tests run the same
 * migrations and dashboard SQL through it that production runs against 18.16 over HTTP. Test-only (chdb is a dev
 * dependency), hence not exported from the package index and loaded lazily.
 */
export class ChdbSqlExecutor implements SqlExecutor {
  private readonly session: ChdbSession;

  /** @param path Folder holding the session's data; keep it per test and delete it afterwards. */
  constructor(path: string) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional dev dependency, loaded only here
    const chdb = require('chdb') as { Session: new (path: string) => ChdbSession };
    this.session = new chdb.Session(path);
  }

  /** The ClickHouse version inside chdb, e.g. `26.7.2.1`. */
  version(): string {
    return (JSON.parse(this.session.query('SELECT version() AS v', 'JSONEachRow')) as { v: string }).v;
  }

  async command(sql: string): Promise<void> {
    this.run(sql, 'TabSeparated');
  }

  async query<Row extends object>(sql: string): Promise<Row[]> {
    const text = this.run(sql, 'JSONEachRow');
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Row);
  }

  async insertRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const body = rows.map((row) => JSON.stringify(row)).join('\n');
    this.run(
      `INSERT INTO ${table} SETTINGS date_time_input_format = 'best_effort' FORMAT JSONEachRow\n${body}`,
      'TabSeparated',
    );
  }

  async close(): Promise<void> {
    this.session.cleanup?.();
  }

  private run(sql: string, format: string): string {
    try {
      return this.session.query(sql, format);
    } catch (error) {
      throw toClickHouseError(error);
    }
  }
}
