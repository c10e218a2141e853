import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChdbSqlExecutor } from '../../../clickhouse/src/chdb-sql-executor';
import { describeDashboardContract } from '../testing/dashboard-contract.suite';

// The same contract the 18.16 integration test runs, here on a current ClickHouse (chdb, in-process).
describeDashboardContract('current ClickHouse (chdb)', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'vigil-chdb-'));
  const executor = new ChdbSqlExecutor(folder);
  expect(Number(executor.version().split('.')[0])).toBeGreaterThanOrEqual(24);
  return {
    executor,
    database: 'vigil_compat',
    dispose: async () => {
      await executor.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
