import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { uniqueTestName } from '../../../../test/support/test-names';
import { describeNetworksContract } from '../testing/networks-contract.suite';

// The contract on the real server (ClickHouse 18.16 locally); the chdb spec runs it on a current release.
describeNetworksContract('the real ClickHouse server', async () => {
  const executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));
  const database = uniqueTestName('vigil_networks');
  return {
    executor,
    database,
    dispose: async () => {
      await executor.command(`DROP DATABASE IF EXISTS ${database}`);
      await executor.close();
    },
  };
});
