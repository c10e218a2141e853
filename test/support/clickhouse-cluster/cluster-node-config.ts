import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const localConfigDir = path.resolve(__dirname, '../../../deploy/local/clickhouse');

/** One server of the test cluster and the loopback ports it listens on. */
export interface ClusterNodePorts {
  shard: number; // 1-based
  replica: number; // 1-based
  http: number;
  tcp: number;
  interserver: number;
}

/** The cluster as every server's `remote_servers` describes it. */
export interface ClusterLayout {
  name: string;
  zookeeperPort: number;
  nodes: readonly ClusterNodePorts[];
}

/**
 * Writes a server's configuration under `folder`: the local stack's own config and users (so the test server is
 * configured like the single-node one), plus a `config.d` file with Keeper, macros and `remote_servers`, and a
 * `users.d` file with the settings the cluster deployment sets for every user. Returns the main config file.
 */
export function writeClusterNodeConfig(
  folder: string,
  layout: ClusterLayout,
  node: ClusterNodePorts,
): string {
  const dataDir = path.join(folder, 'data');
  const logDir = path.join(folder, 'logs');
  const confDir = path.join(folder, 'conf');
  for (const dir of ['tmp', 'user_files', 'format_schemas'])
    mkdirSync(path.join(dataDir, dir), { recursive: true });
  for (const dir of [logDir, path.join(confDir, 'config.d'), path.join(confDir, 'users.d')])
    mkdirSync(dir, { recursive: true });

  const placeholders: Record<string, string> = {
    HTTP_PORT: String(node.http),
    TCP_PORT: String(node.tcp),
    DATA_DIR: dataDir,
    LOG_DIR: logDir,
    CONF_DIR: confDir,
  };
  const template = readFileSync(path.join(localConfigDir, 'config.xml.template'), 'utf8');
  const configFile = path.join(confDir, 'config.xml');
  writeFileSync(
    configFile,
    template.replace(/@([A-Z_]+)@/g, (_, name: string) => placeholders[name]),
  );
  copyFileSync(path.join(localConfigDir, 'users.xml'), path.join(confDir, 'users.xml'));
  writeFileSync(path.join(confDir, 'config.d', 'cluster.xml'), clusterConfigXml(layout, node));
  writeFileSync(path.join(confDir, 'users.d', 'cluster.xml'), clusterUsersXml());
  return configFile;
}

function clusterConfigXml(layout: ClusterLayout, node: ClusterNodePorts): string {
  const shards = [...new Set(layout.nodes.map((each) => each.shard))].map((shard) => {
    const replicas = layout.nodes
      .filter((each) => each.shard === shard)
      .map((each) => `<replica><host>127.0.0.1</host><port>${each.tcp}</port></replica>`);
    return `<shard><internal_replication>true</internal_replication>${replicas.join('')}</shard>`;
  });
  // Every shard's replicas share a {replica} value (replica_1, …), as in many installations: the cluster-wide
  // migration ledger must still give each server its own replica name.
  return `<?xml version="1.0"?>
<yandex>
    <interserver_http_host>127.0.0.1</interserver_http_host>
    <interserver_http_port>${node.interserver}</interserver_http_port>
    <zookeeper>
        <node><host>127.0.0.1</host><port>${layout.zookeeperPort}</port></node>
    </zookeeper>
    <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
    <macros><shard>${node.shard}</shard><replica>replica_${node.replica}</replica></macros>
    <remote_servers><${layout.name}>${shards.join('')}</${layout.name}></remote_servers>
</yandex>
`;
}

// The settings deploy/k8s gives the ClickHouseInstallation's default profile: an insert through a Distributed
// table returns once every shard has its rows (as the sink's commit-after-insert needs), and a DDL that some server
// cannot run fails within a minute instead of the default three.
function clusterUsersXml(): string {
  return `<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <insert_distributed_sync>1</insert_distributed_sync>
            <distributed_ddl_task_timeout>60</distributed_ddl_task_timeout>
        </default>
    </profiles>
</yandex>
`;
}
