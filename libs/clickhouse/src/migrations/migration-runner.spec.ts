import { RecordingSqlExecutor } from '../../../../test/support/recording-sql-executor';
import { ClickHouseError, clickHouseErrorCodes } from '../clickhouse.errors';
import { migrationChecksum, runMigrations } from './migration-runner';
import type { Migration } from './migration.types';

const visits: Migration = {
  version: 1,
  name: 'visits',
  statements: (target) => [
    `CREATE TABLE IF NOT EXISTS ${target.shardTable('visits')}${target.onCluster} (id String) ` +
      `ENGINE = ${target.engine('visits', 'ReplacingMergeTree')} ORDER BY id`,
    ...target.distributedTable('visits', 'cityHash64(id)'),
  ],
};
const now = () => new Date('2026-01-15T10:00:00Z');

describe(runMigrations.name, () => {
  it('on a cluster, creates the database and a ledger replicated to every server ON CLUSTER', async () => {
    const executor = new RecordingSqlExecutor();
    await runMigrations(executor, 'vigil', [visits], { cluster: 'vigil', now });
    expect(executor.statements).toEqual([
      'CREATE DATABASE IF NOT EXISTS `vigil` ON CLUSTER `vigil`',
      'CREATE TABLE IF NOT EXISTS `vigil`.schema_migrations ON CLUSTER `vigil` ' +
        '(version UInt32, name String, checksum String, applied_at DateTime) ENGINE = ' +
        "ReplicatedReplacingMergeTree('/clickhouse/tables/all_shards/vigil/schema_migrations', '{shard}-{replica}') " +
        'ORDER BY version',
      'SELECT version, checksum FROM `vigil`.schema_migrations FINAL',
      'CREATE TABLE IF NOT EXISTS `vigil`.visits_local ON CLUSTER `vigil` (id String) ' +
        "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/vigil/visits_local', '{replica}') " +
        'ORDER BY id',
      'CREATE TABLE IF NOT EXISTS `vigil`.visits ON CLUSTER `vigil` AS `vigil`.visits_local ' +
        "ENGINE = Distributed('vigil', 'vigil', 'visits_local', cityHash64(id))",
      'INSERT INTO `vigil`.schema_migrations (version, name, checksum, applied_at) VALUES ' +
        `(1, 'visits', '${migrationChecksum(visits, { cluster: 'vigil' })}', 1768471200)`,
    ]);
  });

  it('skips migrations the ledger records with the checksum of the same placement', async () => {
    const recorded = [{ version: 1, checksum: migrationChecksum(visits, { cluster: 'vigil' }) }];
    const executor = new RecordingSqlExecutor(() => recorded);
    const report = await runMigrations(executor, 'vigil', [visits], { cluster: 'vigil' });
    expect(report).toEqual({ applied: [], alreadyApplied: 1 });
  });

  it('refuses a database migrated on one server when run on a cluster, and the other way round', async () => {
    const ledgerOf = (cluster: string) => () => [
      { version: 1, checksum: migrationChecksum(visits, { cluster }) },
    ];
    const onCluster = runMigrations(new RecordingSqlExecutor(ledgerOf('')), 'vigil', [visits], {
      cluster: 'vigil',
    });
    const onOneServer = runMigrations(new RecordingSqlExecutor(ledgerOf('vigil')), 'vigil', [visits]);
    for (const run of [onCluster, onOneServer]) {
      await expect(run).rejects.toThrow(ClickHouseError);
      await expect(run).rejects.toMatchObject({ code: clickHouseErrorCodes.MIGRATION_CHANGED });
    }
  });
});

describe(migrationChecksum.name, () => {
  it('depends on one server vs a cluster, not on the cluster name or database', () => {
    expect(migrationChecksum(visits, { cluster: 'vigil' })).toBe(
      migrationChecksum(visits, { cluster: 'other' }),
    );
    expect(migrationChecksum(visits, { cluster: 'vigil' })).not.toBe(migrationChecksum(visits));
    expect(migrationChecksum(visits, { cluster: '' })).toBe(migrationChecksum(visits));
  });
});
