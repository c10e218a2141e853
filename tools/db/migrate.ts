// `npm run db:migrate`: creates the analytics database if needed and applies pending migrations (idempotent).
// Reads CLICKHOUSE_URL (default http://127.0.0.1:8123), CLICKHOUSE_DATABASE (default vigil), CLICKHOUSE_USER/PASSWORD.
import { analyticsMigrations } from '@vigil/analytics';
import { HttpSqlExecutor, createClickHouseClient, runMigrations } from '@vigil/clickhouse';

async function main(): Promise<void> {
  const database = process.env.CLICKHOUSE_DATABASE ?? 'vigil';
  const executor = new HttpSqlExecutor(
    createClickHouseClient({
      url: process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123',
      username: process.env.CLICKHOUSE_USER,
      password: process.env.CLICKHOUSE_PASSWORD,
    }),
  );
  try {
    const report = await runMigrations(executor, database, analyticsMigrations);
    for (const { version, name } of report.applied) console.log(`applied ${version} ${name}`);
    console.log(
      `database ${database}: ${report.applied.length} applied, ${report.alreadyApplied} already applied`,
    );
  } finally {
    await executor.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
