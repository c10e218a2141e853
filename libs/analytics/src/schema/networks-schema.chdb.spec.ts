import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChdbSqlExecutor } from '../../../clickhouse/src/chdb-sql-executor';
import { describeNetworksContract } from '../testing/networks-contract.suite';

// The same contract the 18.16 integration test runs, here on a current ClickHouse (chdb, in-process).
describeNetworksContract('current ClickHouse (chdb)', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'vigil-chdb-networks-'));
  const executor = new ChdbSqlExecutor(folder);
  return {
    executor,
    database: 'vigil_networks',
    dispose: async () => {
      await executor.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
