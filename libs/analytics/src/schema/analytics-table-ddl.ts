import type { MergeTreeEngine, SchemaTarget } from '@vigil/clickhouse';
import { analyticsShardingKeys, type WrittenTable } from './analytics-tables';

/** A MergeTree-family table of the analytics schema. */
export interface TableDefinition {
  /** `name type` per column, in order. */
  columns: readonly string[];
  partitionBy: string;
  orderBy: string;
}

// The statements keep the exact text (indentation included) that existing databases' migration checksums recorded.
const COLUMN_SEPARATOR = ',\n      ';

/** `CREATE TABLE IF NOT EXISTS` of `name`'s shard table (the table itself on one server). */
function createShardTable(
  target: SchemaTarget,
  name: string,
  engine: MergeTreeEngine,
  table: TableDefinition,
): string {
  return `CREATE TABLE IF NOT EXISTS ${target.shardTable(name)}${target.onCluster} (
      ${table.columns.join(COLUMN_SEPARATOR)}
    ) ENGINE = ${target.engine(name, engine)}
    PARTITION BY ${table.partitionBy}
    ORDER BY ${table.orderBy}`;
}

/**
 * A table the application writes: a ReplacingMergeTree shard table, where a replayed row (same sort key) collapses,
 * and on a cluster the Distributed table over the shards, sending each inserted row to the shard its sharding key
 * (analyticsShardingKeys) picks.
 */
export function writtenTable(target: SchemaTarget, name: WrittenTable, table: TableDefinition): string[] {
  return [
    createShardTable(target, name, 'ReplacingMergeTree', table),
    ...target.distributedTable(name, analyticsShardingKeys[name]),
  ];
}

/**
 * An AggregatingMergeTree table its materialized view `<name>_mv` fills from `select` (which reads shard tables),
 * shard by shard; on a cluster a Distributed table reads every shard's states.
 */
export function aggregateTable(
  target: SchemaTarget,
  name: string,
  table: TableDefinition & { select: string },
): string[] {
  return [
    createShardTable(target, name, 'AggregatingMergeTree', table),
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${target.table(`${name}_mv`)}${target.onCluster} TO ${target.shardTable(name)} AS
    ${table.select}`,
    ...target.distributedTable(name),
  ];
}
