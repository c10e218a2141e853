import { HttpSqlExecutor, createClickHouseClient, type SqlExecutor } from '@vigil/clickhouse';
import { clickhouseConnection } from '@vigil/config';
import type { MigrateEnv } from './db-tools.config';

/**
 * Runs a database tool: loads its environment, does its `work` against the server that environment names, closes the
 * connection after it, and ends the process with the error's message (exit code 1) when anything fails.
 */
export function runDatabaseTool<Env extends MigrateEnv>(
  loadEnv: () => Env,
  work: (executor: SqlExecutor, env: Env) => Promise<void>,
): void {
  const run = async (): Promise<void> => {
    const env = loadEnv();
    const executor = new HttpSqlExecutor(createClickHouseClient(clickhouseConnection(env)));
    try {
      await work(executor, env);
    } finally {
      await executor.close();
    }
  };
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
