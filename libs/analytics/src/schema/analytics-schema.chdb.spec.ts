import { openChdbEngine } from '../testing/chdb-engine';
import { describeDashboardContract } from '../testing/dashboard-contract.suite';

// The same contract the 18.16 integration test runs, here on a current ClickHouse (chdb, in-process).
describeDashboardContract('current ClickHouse (chdb)', async () => {
  const engine = openChdbEngine('vigil_compat');
  expect(Number(engine.executor.version().split('.')[0])).toBeGreaterThanOrEqual(24);
  return engine;
});
