import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { uniqueTestName } from '../test-names';
import { type ClusterBinaries, vigilHome } from './cluster-requirements';
import { type ClusterNodePorts, writeClusterNodeConfig } from './cluster-node-config';
import { freeLoopbackPorts } from './free-ports';
import { ManagedProcess } from './managed-process';
import { waitFor } from './wait-for';
import { startZooKeeper } from './zookeeper-server';

/** One server of a running test cluster. */
export interface ClusterNode {
  shard: number;
  replica: number;
  /** HTTP interface, e.g. http://127.0.0.1:40123 */
  url: string;
}

/** ClickHouse servers and a ZooKeeper on loopback, with their data in a git-ignored folder, for one test file. */
export interface LocalClickHouseCluster {
  /** The cluster's name in every server's `remote_servers`. */
  readonly name: string;
  readonly nodes: readonly ClusterNode[];
  /** Stops every process it started (by pid) and deletes its folder. */
  stop(): Promise<void>;
}

export interface LocalClusterOptions {
  shards?: number;
  replicasPerShard?: number;
  name?: string;
}

/**
 * Starts ZooKeeper and `shards × replicasPerShard` ClickHouse servers (distributed DDL and Replicated tables need
 * ZooKeeper) under `<VIGIL_HOME>/cluster-test/<run>/`, and waits until every server answers and reaches ZooKeeper.
 * On failure, whatever was started is stopped before the error is thrown. The folder is deleted on stop unless
 * VIGIL_KEEP_CLUSTER_TEST is set (to read the servers' logs after a failure).
 */
export async function startLocalClickHouseCluster(
  binaries: ClusterBinaries,
  { shards = 2, replicasPerShard = 1, name = 'vigil_test' }: LocalClusterOptions = {},
): Promise<LocalClickHouseCluster> {
  const folder = path.join(vigilHome(), 'cluster-test', uniqueTestName('run'));
  mkdirSync(folder, { recursive: true });
  let zookeeper: ManagedProcess | undefined;
  const clickhouseServers: ManagedProcess[] = [];
  const stop = async (): Promise<void> => {
    // Servers first, so none of them spends its shutdown reconnecting to a stopped ZooKeeper.
    await Promise.all(clickhouseServers.map((server) => server.stop()));
    await zookeeper?.stop();
    if (!process.env.VIGIL_KEEP_CLUSTER_TEST) rmSync(folder, { recursive: true, force: true });
  };
  try {
    const [zookeeperPort, ...serverPorts] = await freeLoopbackPorts(1 + 3 * shards * replicasPerShard);
    const layout = { name, zookeeperPort, nodes: nodePorts(shards, replicasPerShard, serverPorts) };
    const zookeeperFolder = path.join(folder, 'zk');
    zookeeper = await startZooKeeper(
      binaries.java,
      binaries.zookeeperClasspath,
      zookeeperPort,
      zookeeperFolder,
    );
    const servers = layout.nodes.map((node) => {
      const nodeFolder = path.join(folder, `shard${node.shard}-replica${node.replica}`);
      const config = writeClusterNodeConfig(nodeFolder, layout, node);
      const server = new ManagedProcess(
        `clickhouse ${node.shard}/${node.replica}`,
        binaries.clickhouseServer,
        [`--config-file=${config}`],
        path.join(nodeFolder, 'logs', 'stdout.log'),
        { ...process.env, CLICKHOUSE_WATCHDOG_ENABLE: '0' }, // current releases fork a watchdog otherwise
      );
      clickhouseServers.push(server);
      return { server, url: `http://127.0.0.1:${node.http}` };
    });
    await Promise.all(
      servers.map(({ server, url }) =>
        waitFor(`${server.name} at ${url}`, 30_000, server, async () => {
          // Answers only once the server's ZooKeeper session is up, which ON CLUSTER DDL needs.
          const answer = await fetch(`${url}/?query=${encodeURIComponent(ZOOKEEPER_PROBE)}`, {
            signal: AbortSignal.timeout(2_000),
          });
          return answer.ok;
        }),
      ),
    );
    return {
      name,
      nodes: layout.nodes.map(({ shard, replica, http }) => ({
        shard,
        replica,
        url: `http://127.0.0.1:${http}`,
      })),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

const ZOOKEEPER_PROBE = "SELECT count() FROM system.zookeeper WHERE path = '/'";

function nodePorts(shards: number, replicasPerShard: number, ports: number[]): ClusterNodePorts[] {
  const nodes: ClusterNodePorts[] = [];
  for (let shard = 1; shard <= shards; shard += 1) {
    for (let replica = 1; replica <= replicasPerShard; replica += 1) {
      const [http, tcp, interserver] = ports.splice(0, 3);
      nodes.push({ shard, replica, http, tcp, interserver });
    }
  }
  return nodes;
}
