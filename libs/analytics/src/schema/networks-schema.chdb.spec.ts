import { openChdbEngine } from '../testing/chdb-engine';
import { describeNetworksContract } from '../testing/networks-contract.suite';

// The same contract the 18.16 integration test runs, here on a current ClickHouse (chdb, in-process).
describeNetworksContract('current ClickHouse (chdb)', async () => openChdbEngine('vigil_networks'));
