import { migrationChecksum, runMigrations } from '@vigil/clickhouse';
import { RecordingSqlExecutor } from '../../../../test/support/recording-sql-executor';
import { analyticsMigrations } from './analytics-migrations';

describe('analyticsMigrations on a single server', () => {
  it('keeps the checksums that existing databases recorded in schema_migrations', () => {
    expect(analyticsMigrations.map((migration) => migrationChecksum(migration))).toEqual([
      'b15c055767a9ffd3',
      'fd2e95b7dfb0e1f6',
      'bb24545671416c14',
      'c47d0052517ef507',
      'd10ce008760300d4',
      '33dba2a13445ae94',
      'ffc2e25ce4961774',
    ]);
  });

  it('sends a fresh server exactly the statements it always sent', async () => {
    jest.useFakeTimers({
      now: new Date('2026-01-15T10:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    });
    const executor = new RecordingSqlExecutor();
    try {
      await runMigrations(executor, 'vigil', analyticsMigrations);
    } finally {
      jest.useRealTimers();
    }
    expect(executor.statements).toMatchSnapshot();
  });
});
