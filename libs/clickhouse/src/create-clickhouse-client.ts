import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseConnectionOptions } from './clickhouse-options';

/**
 * A client whose inserts parse ISO-8601 timestamps on every server we support: ClickHouse 18.16 reads them in
 * JSONEachRow only with `date_time_input_format=best_effort` (Unix seconds always work).
 */
export function createClickHouseClient(options: ClickHouseConnectionOptions): ClickHouseClient {
  return createClient({
    url: options.url,
    database: options.database ?? 'default',
    username: options.username ?? 'default',
    password: options.password ?? '',
    request_timeout: options.requestTimeoutMs ?? 30_000,
    clickhouse_settings: { date_time_input_format: 'best_effort' },
  });
}
