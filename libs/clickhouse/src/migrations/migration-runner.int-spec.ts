import { uniqueTestName } from '../../../../test/support/test-names';
import { createClickHouseClient } from '../create-clickhouse-client';
import { HttpSqlExecutor } from '../http-sql-executor';
import { MIGRATIONS_TABLE, runMigrations } from './migration-runner';
import type { Migration } from './migration.types';

const table: Migration = {
  version: 1,
  name: 'visits',
  statements: (target) => [
    `CREATE TABLE IF NOT EXISTS ${target.table('visits')} (id String) ENGINE = MergeTree ORDER BY id`,
  ],
};
const column: Migration = {
  version: 2,
  name: 'visits_at_ms',
  statements: (target) => [`ALTER TABLE ${target.table('visits')} ADD COLUMN at_ms UInt16 DEFAULT 0`],
};

describe('runMigrations on the real ClickHouse', () => {
  const database = uniqueTestName('vigil_migrate');
  const executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));

  afterAll(async () => {
    await executor.command(`DROP DATABASE IF EXISTS ${database}`);
    await executor.close();
  });

  it('re-runs an ADD COLUMN whose ledger entry a crash lost, without IF NOT EXISTS (18.16 has none)', async () => {
    await runMigrations(executor, database, [table, column]);
    // The crash: the column was added, the ledger insert never happened.
    await executor.command(`ALTER TABLE ${database}.${MIGRATIONS_TABLE} DELETE WHERE version = 2`);
    await executor.command(`OPTIMIZE TABLE ${database}.${MIGRATIONS_TABLE} FINAL`);
    const report = await runMigrations(executor, database, [table, column]);
    expect(report).toEqual({ applied: [{ version: 2, name: 'visits_at_ms' }], alreadyApplied: 1 });
    const columns = await executor.query<{ name: string }>(`DESCRIBE TABLE ${database}.visits`);
    expect(columns.map((row) => row.name)).toEqual(['id', 'at_ms']);
  });
});
