// `npm run db:migrate`: creates the analytics database if needed and applies pending migrations (idempotent).
// Env (db-tools.config.ts): CLICKHOUSE_URL, CLICKHOUSE_DATABASE (vigil), CLICKHOUSE_USER/PASSWORD, and
// CLICKHOUSE_CLUSTER (empty: one server; a cluster name: every statement ON CLUSTER).
import { analyticsMigrations } from '@vigil/analytics';
import { runMigrations } from '@vigil/clickhouse';
import { loadMigrateEnv } from './db-tools.config';
import { runDatabaseTool } from './database-tool';

runDatabaseTool(
  () => loadMigrateEnv(process.env),
  async (executor, env) => {
    const database = env.CLICKHOUSE_DATABASE;
    const report = await runMigrations(executor, database, analyticsMigrations, {
      cluster: env.CLICKHOUSE_CLUSTER,
    });
    for (const { version, name } of report.applied) console.log(`applied ${version} ${name}`);
    const where = env.CLICKHOUSE_CLUSTER ? ` on cluster ${env.CLICKHOUSE_CLUSTER}` : '';
    console.log(
      `database ${database}${where}: ${report.applied.length} applied, ${report.alreadyApplied} already applied`,
    );
  },
);
