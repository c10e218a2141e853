import { quoteIdentifier } from '../sql-literals';

/** MergeTree-family engines a migration may use; on a cluster each becomes its `Replicated…` variant. */
export type MergeTreeEngine =
  | 'MergeTree'
  | 'ReplacingMergeTree'
  | 'SummingMergeTree'
  | 'AggregatingMergeTree'
  | 'CollapsingMergeTree'
  | 'VersionedCollapsingMergeTree';

/** Selects where the schema lives: one server (no `cluster`, the default) or every server of a cluster. */
export interface ClusterOptions {
  /** A cluster of the servers' `remote_servers` (the ClickHouseInstallation's cluster name); empty = one server. */
  cluster?: string;
}

/**
 * Where migrations create their objects, as the SQL fragments that differ between one server and a cluster.
 * A migration is written once against it; on one server every fragment is exactly what migrations contained
 * before clusters were supported, so the checksums existing databases recorded still match.
 *
 * On a cluster, a table's rows live in `<name>_local` on each shard (a `Replicated…MergeTree`), and `<name>` is a
 * Distributed table over them, so readers and writers keep the name they always used.
 */
export interface SchemaTarget {
  /** The database, quoted: `` `vigil` ``. */
  readonly database: string;
  /** `` ON CLUSTER `vigil` `` with its leading space on a cluster, else empty; it follows the object name in DDL. */
  readonly onCluster: string;
  /** `database.name`: the name readers and writers use, and the name of views. */
  table(name: string): string;
  /** The table holding `name`'s rows on each server: `database.name`, on a cluster `database.name_local`. */
  shardTable(name: string): string;
  /** Engine of `name`'s shard table: as given, on a cluster its Replicated variant with one replica set per shard. */
  engine(name: string, engine: MergeTreeEngine, ...parameters: string[]): string;
  /** Engine of a small table every server holds whole (the migration ledger): on a cluster, one replica set. */
  everywhereEngine(name: string, engine: MergeTreeEngine, ...parameters: string[]): string;
  /**
   * On a cluster, the Distributed table `name` over every shard's `name_local`; nothing on one server. The sharding
   * key decides which shard stores an inserted row; without one the table can be read but not written (for
   * aggregates, which their materialized views fill shard by shard).
   */
  distributedTable(name: string, shardingKey?: string): string[];
}

/** Suffix of the per-shard table behind a Distributed table of the same name. */
export const SHARD_TABLE_SUFFIX = '_local';

/** The table storing `table`'s rows on each server of the given placement. */
export function shardTableName(table: string, options: ClusterOptions = {}): string {
  return options.cluster ? `${table}${SHARD_TABLE_SUFFIX}` : table;
}

/** `` `vigil` ``: like quoteIdentifier, plus `-`, which Kubernetes-style cluster names contain. */
export function quoteClusterName(cluster: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(cluster))
    throw new RangeError(`invalid ClickHouse cluster name: ${JSON.stringify(cluster)}`);
  return `\`${cluster}\``;
}

/**
 * A table name as migrations have always written it, unquoted (quoting would change the recorded checksums), so
 * it is restricted to the characters an unquoted identifier allows instead.
 */
export function bareTableName(name: string): string {
  return quoteIdentifier(name).slice(1, -1);
}

/** Renders an engine with its parameters: `ReplacingMergeTree`, `ReplacingMergeTree(version)`. */
export function engineCall(engine: string, parameters: readonly string[]): string {
  return parameters.length === 0 ? engine : `${engine}(${parameters.join(', ')})`;
}

/** The single-server target: every fragment as migrations wrote it before clusters. */
export function singleServerTarget(databaseName: string): SchemaTarget {
  const database = quoteIdentifier(databaseName);
  const table = (name: string): string => `${database}.${bareTableName(name)}`;
  const engine = (_name: string, engineName: MergeTreeEngine, ...parameters: string[]): string =>
    engineCall(engineName, parameters);
  return {
    database,
    onCluster: '',
    table,
    shardTable: table,
    engine,
    everywhereEngine: engine,
    distributedTable: () => [],
  };
}
