import { type ClusterOptions, quoteClusterName, shardTableName } from '../migrations/schema-target';
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
  /** The table as retention was asked about it (on a cluster, the Distributed name; its `_local` tables lost it). */
  table: string;
  partition: string;
}

/**
 * Drops every partition whose whole period ends before `now − retentionDays` (a month is dropped only once its last
 * day is older than the cutoff). Partitions are UInt32 values like 20260125 or 202601, so they are re-validated as
 * digits before being put back into SQL.
 *
 * With `options.cluster`, partitions are those of the `_local` tables on any shard (`cluster()` asks one replica
 * per shard; replicas hold the same parts), and each is dropped `ON CLUSTER`, so every shard loses it.
 */
export async function dropExpiredPartitions(
  executor: SqlExecutor,
  databaseName: string,
  tables: readonly RetainedTable[],
  now: Date = new Date(),
  options: ClusterOptions = {},
): Promise<DroppedPartition[]> {
  const database = quoteIdentifier(databaseName);
  const parts = options.cluster ? `cluster(${quoteString(options.cluster)}, system.parts)` : 'system.parts';
  const onCluster = options.cluster ? ` ON CLUSTER ${quoteClusterName(options.cluster)}` : '';
  const dropped: DroppedPartition[] = [];
  for (const { table, granularity, retentionDays } of tables) {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    const storedIn = shardTableName(table, options);
    const rows = await executor.query<{ partition: string }>(
      `SELECT DISTINCT partition FROM ${parts} WHERE database = ${quoteString(databaseName)} ` +
        `AND table = ${quoteString(storedIn)} AND active`,
    );
    for (const { partition } of rows) {
      if (!/^\d{6}(\d{2})?$/.test(partition)) continue; // not one of our date partitions: leave it alone
      if (!partitionExpiredBefore(partition, granularity, cutoff)) continue;
      await executor.command(
        `ALTER TABLE ${database}.${quoteIdentifier(storedIn)}${onCluster} DROP PARTITION ${partition}`,
      );
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
