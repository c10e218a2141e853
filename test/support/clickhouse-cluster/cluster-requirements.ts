import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** What a local two-shard cluster is started from: Debian's ClickHouse server and Kafka's bundled ZooKeeper. */
export interface ClusterBinaries {
  clickhouseServer: string;
  java: string;
  /** A folder holding zookeeper-*.jar and its dependencies (the local Kafka's lib folder). */
  zookeeperClasspath: string;
}

export type ClusterRequirements =
  { available: true; binaries: ClusterBinaries } | { available: false; reason: string };

const repoRoot = path.resolve(__dirname, '../../..');

/** Where the stack scripts keep their data (VIGIL_HOME, default `<repo>/.vigil`). */
export function vigilHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIGIL_HOME ?? path.join(repoRoot, '.vigil');
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const folders = [...(env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin'];
  return folders.map((folder) => path.join(folder, name)).find((candidate) => existsSync(candidate));
}

/** The lib folder of a Kafka installed by `npm run stack:up` (Kafka 3.9 ships ZooKeeper's jars). */
function zookeeperLibFolder(env: NodeJS.ProcessEnv): string | undefined {
  const kafkaDir = path.join(vigilHome(env), 'kafka');
  if (!existsSync(kafkaDir)) return undefined;
  return readdirSync(kafkaDir)
    .filter((entry) => entry.startsWith('lib-'))
    .map((entry) => path.join(kafkaDir, entry))
    .find((folder) => readdirSync(folder).some((file) => /^zookeeper-\d.*\.jar$/.test(file)));
}

/** Checks, without starting anything, that this machine can run a local ClickHouse cluster. */
export function clusterRequirements(env: NodeJS.ProcessEnv = process.env): ClusterRequirements {
  const clickhouseServer = onPath('clickhouse-server', env);
  if (!clickhouseServer)
    return { available: false, reason: 'no clickhouse-server binary (npm run stack:up)' };
  const java = onPath('java', env);
  if (!java) return { available: false, reason: 'no java on PATH' };
  const zookeeperClasspath = zookeeperLibFolder(env);
  if (!zookeeperClasspath)
    return {
      available: false,
      reason: `no ZooKeeper jar under ${vigilHome(env)}/kafka/lib-* (npm run stack:up)`,
    };
  return { available: true, binaries: { clickhouseServer, java, zookeeperClasspath } };
}
