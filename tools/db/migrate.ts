// `npm run db:migrate`: creates the analytics database if needed and applies pending migrations (idempotent).
// Env (db-tools.config.ts): CLICKHOUSE_URL, CLICKHOUSE_DATABASE (vigil), CLICKHOUSE_USER/PASSWORD, and
// CLICKHOUSE_CLUSTER (empty: one server; a cluster name: every statement ON CLUSTER).
import { analyticsMigrations } from '@vigil/analytics';
import { HttpSqlExecutor, createClickHouseClient, runMigrations } from '@vigil/clickhouse';
import { loadMigrateEnv } from './db-tools.config';

async function main(): Promise<void> {
  const env = loadMigrateEnv(process.env);
  const database = env.CLICKHOUSE_DATABASE;
  const executor = new HttpSqlExecutor(
    createClickHouseClient({
      url: env.CLICKHOUSE_URL,
      username: env.CLICKHOUSE_USER,
      password: env.CLICKHOUSE_PASSWORD,
    }),
  );
  try {
    const report = await runMigrations(executor, database, analyticsMigrations, {
      cluster: env.CLICKHOUSE_CLUSTER,
    });
    for (const { version, name } of report.applied) console.log(`applied ${version} ${name}`);
    const where = env.CLICKHOUSE_CLUSTER ? ` on cluster ${env.CLICKHOUSE_CLUSTER}` : '';
    console.log(
      `database ${database}${where}: ${report.applied.length} applied, ${report.alreadyApplied} already applied`,
    );
  } finally {
    await executor.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
