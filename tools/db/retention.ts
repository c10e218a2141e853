// Drops analytics partitions older than their retention (ClickHouse 18.16 has no TTL); for cron when the sink's
// own scheduler is disabled. Env: CLICKHOUSE_URL, CLICKHOUSE_DATABASE (vigil), RETENTION_EVENTS_DAYS (90),
// RETENTION_ALERTS_DAYS (400). Usage: npx tsx tools/db/retention.ts
import { applyAnalyticsRetention } from '@vigil/analytics';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';

function days(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0)
    throw new RangeError(`${name} must be a positive whole number of days`);
  return value;
}

async function main(): Promise<void> {
  const database = process.env.CLICKHOUSE_DATABASE ?? 'vigil';
  const retention = { events: days('RETENTION_EVENTS_DAYS', 90), alerts: days('RETENTION_ALERTS_DAYS', 400) };
  const executor = new HttpSqlExecutor(
    createClickHouseClient({ url: process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123' }),
  );
  try {
    const dropped = await applyAnalyticsRetention(executor, database, retention);
    for (const { table, partition } of dropped) console.log(`dropped ${table} partition ${partition}`);
    console.log(`database ${database}: ${dropped.length} partitions dropped`);
  } finally {
    await executor.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
