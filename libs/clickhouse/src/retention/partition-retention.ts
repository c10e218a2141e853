import type { SqlExecutor } from '../sql-executor';
import { quoteIdentifier, quoteString } from '../sql-literals';

/** How a table is partitioned: `toYYYYMMDD(time)` (day) or `toYYYYMM(time)` (month). */
export type PartitionGranularity = 'day' | 'month';

/** One table under partition-based retention (ClickHouse 18.16 has no TTL). */
export interface RetainedTable {
  table: string;
  granularity: PartitionGranularity;
  retentionDays: number;
}

/** A partition dropped by a retention run. */
export interface DroppedPartition {
  table: string;
  partition: string;
}

/**
 * Drops every partition whose whole period ends before `now − retentionDays` (a month is dropped only once its last
 * day is older than the cutoff). Partitions are UInt32 values like 20260125 or 202601, so they are re-validated as
 * digits before being put back into SQL.
 */
export async function dropExpiredPartitions(
  executor: SqlExecutor,
  databaseName: string,
  tables: readonly RetainedTable[],
  now: Date = new Date(),
): Promise<DroppedPartition[]> {
  const database = quoteIdentifier(databaseName);
  const dropped: DroppedPartition[] = [];
  for (const { table, granularity, retentionDays } of tables) {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    const rows = await executor.query<{ partition: string }>(
      `SELECT DISTINCT partition FROM system.parts WHERE database = ${quoteString(databaseName)} ` +
        `AND table = ${quoteString(table)} AND active`,
    );
    for (const { partition } of rows) {
      if (!/^\d{6}(\d{2})?$/.test(partition)) continue; // not one of our date partitions: leave it alone
      if (!partitionExpiredBefore(partition, granularity, cutoff)) continue;
      await executor.command(`ALTER TABLE ${database}.${quoteIdentifier(table)} DROP PARTITION ${partition}`);
      dropped.push({ table, partition });
    }
  }
  return dropped;
}

/** True when every day of the partition lies before the cutoff day (UTC). */
export function partitionExpiredBefore(
  partition: string,
  granularity: PartitionGranularity,
  cutoff: Date,
): boolean {
  const cutoffDay = Number(cutoff.toISOString().slice(0, 10).replace(/-/g, ''));
  if (granularity === 'day') return Number(partition) < cutoffDay;
  return Number(partition) < Math.floor(cutoffDay / 100);
}
