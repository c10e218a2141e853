import { quoteIdentifier, quoteString } from '../sql-literals';
import {
  type ClusterOptions,
  type MergeTreeEngine,
  type SchemaTarget,
  bareTableName,
  engineCall,
  quoteClusterName,
  shardTableName,
  singleServerTarget,
} from './schema-target';

/** Keeper folder of Vigil's replicated tables; `{shard}` and `{replica}` are macros every server defines. */
const REPLICATION_ROOT = '/clickhouse/tables';
// The ledger is replicated across every server, so its path has no {shard}, and a replica is named by shard and
// replica together: servers of different shards may share a `{replica}` value (1, 2, …), never both.
const EVERYWHERE_SHARD = 'all_shards';
const EVERYWHERE_REPLICA = '{shard}-{replica}';

/** The target a migration run renders for: one server unless `options.cluster` names a cluster. */
export function schemaTarget(databaseName: string, options: ClusterOptions = {}): SchemaTarget {
  return options.cluster
    ? clusterSchemaTarget(databaseName, options.cluster)
    : singleServerTarget(databaseName);
}

/**
 * The cluster target: every DDL `ON CLUSTER`, rows in `Replicated…MergeTree('/clickhouse/tables/{shard}/<db>/<name>_local',
 * '{replica}')` tables, and a Distributed table under each name the application reads and writes.
 */
export function clusterSchemaTarget(databaseName: string, cluster: string): SchemaTarget {
  const database = quoteIdentifier(databaseName);
  const onCluster = ` ON CLUSTER ${quoteClusterName(cluster)}`;
  const local = (name: string): string => shardTableName(bareTableName(name), { cluster });
  const replicated = (engine: MergeTreeEngine, path: string, replica: string, parameters: string[]): string =>
    engineCall(`Replicated${engine}`, [quoteString(path), quoteString(replica), ...parameters]);
  return {
    database,
    onCluster,
    table: (name) => `${database}.${bareTableName(name)}`,
    shardTable: (name) => `${database}.${local(name)}`,
    engine: (name, engine, ...parameters) =>
      replicated(
        engine,
        `${REPLICATION_ROOT}/{shard}/${databaseName}/${local(name)}`,
        '{replica}',
        parameters,
      ),
    everywhereEngine: (name, engine, ...parameters) =>
      replicated(
        engine,
        `${REPLICATION_ROOT}/${EVERYWHERE_SHARD}/${databaseName}/${bareTableName(name)}`,
        EVERYWHERE_REPLICA,
        parameters,
      ),
    distributedTable: (name, shardingKey) => {
      const target = [cluster, databaseName, local(name)].map(quoteString);
      return [
        `CREATE TABLE IF NOT EXISTS ${database}.${bareTableName(name)}${onCluster} ` +
          `AS ${database}.${local(name)} ` +
          `ENGINE = ${engineCall('Distributed', shardingKey ? [...target, shardingKey] : target)}`,
      ];
    },
  };
}
