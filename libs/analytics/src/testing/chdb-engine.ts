import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChdbSqlExecutor } from '../../../clickhouse/src/chdb-sql-executor';
import type { EngineUnderTest } from './dashboard-contract.suite';

/**
 * `database` on current ClickHouse (chdb, in-process) in a folder of its own, removed on dispose: how this lib's
 * contract suites run against a current release beside the 18.16 server of the integration tests.
 */
export function openChdbEngine(database: string): EngineUnderTest & { executor: ChdbSqlExecutor } {
  const folder = mkdtempSync(path.join(tmpdir(), `vigil-chdb-${database}-`));
  const executor = new ChdbSqlExecutor(folder);
  return {
    executor,
    database,
    dispose: async () => {
      await executor.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
