import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { toClickHouseError } from './clickhouse.errors';
import type { SqlExecutor } from './sql-executor';
import { toTabSeparated } from './tab-separated';

/** SqlExecutor over the official HTTP client (see `createClickHouseClient` for the settings 18.16 needs). */
export class HttpSqlExecutor implements SqlExecutor {
  constructor(private readonly client: ClickHouseClient) {}

  async command(sql: string): Promise<void> {
    try {
      await this.client.command({ query: sql });
    } catch (error) {
      throw toClickHouseError(error);
    }
  }

  async query<Row extends object>(sql: string): Promise<Row[]> {
    try {
      const result = await this.client.query({ query: sql, format: 'JSONEachRow' });
      return await result.json<Row>();
    } catch (error) {
      throw toClickHouseError(error);
    }
  }

  /** Inserts as TabSeparated (columns from the first row; every row must have the same keys). */
  async insertRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      const columns = Object.keys(rows[0]);
      await this.client.insert({
        table,
        columns: columns as [string, ...string[]],
        values: Readable.from([toTabSeparated(columns, rows)], { objectMode: false }),
        format: 'TabSeparated',
      });
    } catch (error) {
      throw toClickHouseError(error);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
