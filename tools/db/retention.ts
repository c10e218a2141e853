// Drops analytics partitions older than their retention (ClickHouse 18.16 has no TTL); for cron when the sink's
// own scheduler is disabled. Env (db-tools.config.ts): CLICKHOUSE_URL, CLICKHOUSE_DATABASE (vigil),
// CLICKHOUSE_USER/PASSWORD, CLICKHOUSE_CLUSTER (empty: one server), RETENTION_EVENTS_DAYS (90),
// RETENTION_ALERTS_DAYS (400). Usage: npx tsx tools/db/retention.ts
import { applyAnalyticsRetention } from '@vigil/analytics';
import { loadRetentionEnv } from './db-tools.config';
import { runDatabaseTool } from './database-tool';

runDatabaseTool(
  () => loadRetentionEnv(process.env),
  async (executor, env) => {
    const database = env.CLICKHOUSE_DATABASE;
    const retention = { events: env.RETENTION_EVENTS_DAYS, alerts: env.RETENTION_ALERTS_DAYS };
    const dropped = await applyAnalyticsRetention(executor, database, retention, new Date(), {
      cluster: env.CLICKHOUSE_CLUSTER,
    });
    for (const { table, partition } of dropped) console.log(`dropped ${table} partition ${partition}`);
    console.log(`database ${database}: ${dropped.length} partitions dropped`);
  },
);
