import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { uniqueTestName } from './test-names';

/** A fresh database with a random name for one test; `drop()` removes it. */
export async function createTestDatabase(
  prefix = 'vigil_test',
): Promise<{ database: string; client: ClickHouseClient; drop(): Promise<void> }> {
  const url = process.env.CLICKHOUSE_URL ?? '';
  const admin = createClient({ url });
  const database = uniqueTestName(prefix);
  await admin.command({ query: `CREATE DATABASE ${database}` });
  const client = createClient({ url, database });
  return {
    database,
    client,
    drop: async () => {
      await client.close();
      await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      await admin.close();
    },
  };
}

/**
 * An executor on the test server and a fresh database name for one test run (the code under test creates the
 * database); `drop()` removes it and closes the executor.
 */
export function testDatabaseExecutor(prefix: string): {
  executor: HttpSqlExecutor;
  database: string;
  drop(): Promise<void>;
} {
  const executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));
  const database = uniqueTestName(prefix);
  return {
    executor,
    database,
    drop: async () => {
      await executor.command(`DROP DATABASE IF EXISTS ${database}`);
      await executor.close();
    },
  };
}
