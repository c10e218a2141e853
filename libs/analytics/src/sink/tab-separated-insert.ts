import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { HttpSqlExecutor, type SqlExecutor, toClickHouseError } from '@vigil/clickhouse';

/**
 * An executor that also takes rows already encoded as TabSeparated lines, so the sink's hot table skips building
 * row objects for `toTabSeparated` to walk again. Executors without it (chdb in tests) get row objects.
 */
export interface TabSeparatedInsert {
  /**
   * Inserts `chunks` (UTF-8 TabSeparated text of `columns`, whole lines, concatenated in order) as one insert;
   * errors as `insertRows` raises them.
   */
  insertTabSeparated(table: string, columns: readonly string[], chunks: readonly Buffer[]): Promise<void>;
}

export function supportsTabSeparated(executor: SqlExecutor): executor is SqlExecutor & TabSeparatedInsert {
  return typeof (executor as Partial<TabSeparatedInsert>).insertTabSeparated === 'function';
}

/** The HTTP executor plus `insertTabSeparated` (same client, settings and error mapping). */
export class HttpTabSeparatedExecutor extends HttpSqlExecutor implements TabSeparatedInsert {
  constructor(private readonly tsvClient: ClickHouseClient) {
    super(tsvClient);
  }

  async insertTabSeparated(
    table: string,
    columns: readonly string[],
    chunks: readonly Buffer[],
  ): Promise<void> {
    if (chunks.length === 0) return;
    try {
      await this.tsvClient.insert({
        table,
        columns: columns as [string, ...string[]],
        values: Readable.from(chunks, { objectMode: false }),
        format: 'TabSeparated',
      });
    } catch (error) {
      throw toClickHouseError(error);
    }
  }
}
