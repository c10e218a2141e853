import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMigrations } from '@vigil/clickhouse';
import { ChdbSqlExecutor } from '../../../clickhouse/src/chdb-sql-executor';
import { RecordingSqlExecutor } from '../../../../test/support/recording-sql-executor';
import { applyAnalyticsRetention } from '../retention/analytics-retention';
import { analyticsMigrations } from './analytics-migrations';

// chdb has no cluster and no Keeper, so it cannot run the cluster DDL; the integration test runs it on 18.16.
// What current ClickHouse can check in-process is that it parses every statement the cluster path sends.
describe('cluster statements on current ClickHouse (chdb)', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'vigil-chdb-cluster-'));
  const chdb = new ChdbSqlExecutor(folder);
  afterAll(async () => {
    await chdb.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('parses every migration and retention statement rendered for a cluster', async () => {
    const recorder = new RecordingSqlExecutor((sql) =>
      sql.includes('system.parts') ? [{ partition: '20200101' }] : [],
    );
    await runMigrations(recorder, 'vigil', analyticsMigrations, { cluster: 'vigil' });
    await applyAnalyticsRetention(recorder, 'vigil', { events: 1, alerts: 1 }, new Date(), {
      cluster: 'vigil',
    });
    const statements = recorder.statements.filter((statement) => !statement.startsWith('INSERT'));
    expect(statements.some((statement) => statement.startsWith('ALTER'))).toBe(true);
    const unparsed: string[] = [];
    for (const statement of statements) {
      await chdb.query(`EXPLAIN AST ${statement}`).catch(() => unparsed.push(statement));
    }
    expect(unparsed).toEqual([]);
  });
});
