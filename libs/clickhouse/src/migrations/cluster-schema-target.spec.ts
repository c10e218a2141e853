import { clusterSchemaTarget, schemaTarget } from './cluster-schema-target';
import { quoteClusterName, singleServerTarget } from './schema-target';

describe(clusterSchemaTarget.name, () => {
  const target = clusterSchemaTarget('vigil', 'vigil');

  it('keeps rows in a per-shard table and readers on the plain name', () => {
    expect(target.table('alerts')).toBe('`vigil`.alerts');
    expect(target.shardTable('alerts')).toBe('`vigil`.alerts_local');
    expect(target.onCluster).toBe(' ON CLUSTER `vigil`');
  });

  it('replicates each shard table under its own shard, keeping the engine and its parameters', () => {
    expect(target.engine('alerts', 'ReplacingMergeTree')).toBe(
      "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/vigil/alerts_local', '{replica}')",
    );
    expect(target.engine('totals', 'SummingMergeTree', '(hits, misses)')).toBe(
      "ReplicatedSummingMergeTree('/clickhouse/tables/{shard}/vigil/totals_local', '{replica}', (hits, misses))",
    );
    expect(target.engine('latest', 'ReplacingMergeTree', 'version')).toBe(
      "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/vigil/latest_local', '{replica}', version)",
    );
  });

  it('replicates a table every server holds whole across shards, one replica name per server', () => {
    expect(target.everywhereEngine('schema_migrations', 'ReplacingMergeTree')).toBe(
      "ReplicatedReplacingMergeTree('/clickhouse/tables/all_shards/vigil/schema_migrations', '{shard}-{replica}')",
    );
  });

  it('puts a Distributed table under the plain name, writable only with a sharding key', () => {
    expect(target.distributedTable('alerts', 'cityHash64(entity_key)')).toEqual([
      'CREATE TABLE IF NOT EXISTS `vigil`.alerts ON CLUSTER `vigil` AS `vigil`.alerts_local ' +
        "ENGINE = Distributed('vigil', 'vigil', 'alerts_local', cityHash64(entity_key))",
    ]);
    expect(target.distributedTable('alerts_per_minute')).toEqual([
      'CREATE TABLE IF NOT EXISTS `vigil`.alerts_per_minute ON CLUSTER `vigil` AS `vigil`.alerts_per_minute_local ' +
        "ENGINE = Distributed('vigil', 'vigil', 'alerts_per_minute_local')",
    ]);
  });

  it('refuses names that would need quoting to stay one identifier', () => {
    expect(() => clusterSchemaTarget('vigil', 'vigil`; DROP')).toThrow(RangeError);
    expect(() => clusterSchemaTarget("vigil'", 'vigil')).toThrow(RangeError);
    expect(() => target.shardTable('alerts; DROP TABLE x')).toThrow(RangeError);
  });
});

describe(schemaTarget.name, () => {
  it('targets one server unless a cluster is named', () => {
    for (const options of [{}, { cluster: '' }, { cluster: undefined }]) {
      const target = schemaTarget('vigil', options);
      expect(target.onCluster).toBe('');
      expect(target.shardTable('alerts')).toBe('`vigil`.alerts');
      expect(target.engine('alerts', 'ReplacingMergeTree')).toBe('ReplacingMergeTree');
      expect(target.distributedTable('alerts', 'cityHash64(entity_key)')).toEqual([]);
    }
    expect(schemaTarget('vigil', { cluster: 'vigil' }).onCluster).toBe(' ON CLUSTER `vigil`');
  });
});

describe(singleServerTarget.name, () => {
  it('writes engines with parameters the way a migration would by hand', () => {
    expect(singleServerTarget('vigil').engine('latest', 'ReplacingMergeTree', 'version')).toBe(
      'ReplacingMergeTree(version)',
    );
  });
});

describe(quoteClusterName.name, () => {
  it('accepts Kubernetes-style names and refuses anything else', () => {
    expect(quoteClusterName('vigil-prod')).toBe('`vigil-prod`');
    expect(() => quoteClusterName('')).toThrow(RangeError);
    expect(() => quoteClusterName('a b')).toThrow(RangeError);
  });
});
