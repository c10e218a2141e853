import { testDatabaseExecutor } from '../../../../test/support/clickhouse-test-kit';
import { describeDashboardContract } from '../testing/dashboard-contract.suite';

// The contract on the real server (ClickHouse 18.16 locally); the chdb spec runs it on a current release.
describeDashboardContract('the real ClickHouse server', async () => {
  const { executor, database, drop } = testDatabaseExecutor('vigil_dash');
  return { executor, database, dispose: drop };
});
