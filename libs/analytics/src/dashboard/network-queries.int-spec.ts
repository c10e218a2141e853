import { testDatabaseExecutor } from '../../../../test/support/clickhouse-test-kit';
import { describeNetworksContract } from '../testing/networks-contract.suite';

// The contract on the real server (ClickHouse 18.16 locally); the chdb spec runs it on a current release.
describeNetworksContract('the real ClickHouse server', async () => {
  const { executor, database, drop } = testDatabaseExecutor('vigil_networks');
  return { executor, database, dispose: drop };
});
