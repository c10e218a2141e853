import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { ManagedProcess } from './managed-process';
import { waitFor } from './wait-for';

/** Starts a standalone ZooKeeper on 127.0.0.1:`port` with its data under `folder`, and waits until it answers. */
export async function startZooKeeper(
  java: string,
  classpath: string,
  port: number,
  folder: string,
): Promise<ManagedProcess> {
  mkdirSync(path.join(folder, 'data'), { recursive: true });
  const config = path.join(folder, 'zoo.cfg');
  writeFileSync(
    config,
    [
      `dataDir=${path.join(folder, 'data')}`,
      `clientPort=${port}`,
      'clientPortAddress=127.0.0.1',
      'tickTime=2000', // ms
      'admin.enableServer=false', // its Jetty would take port 8080
      '4lw.commands.whitelist=srvr',
      '',
    ].join('\n'),
  );
  const server = new ManagedProcess(
    'zookeeper',
    java,
    ['-Xmx128m', '-cp', `${classpath}/*`, 'org.apache.zookeeper.server.ZooKeeperServerMain', config],
    path.join(folder, 'zookeeper.log'),
  );
  try {
    // `srvr` reports a mode only once sessions are accepted (`ruok` answers earlier). ClickHouse 18.16 must find
    // it serving: a server whose first ZooKeeper session failed can crash on its first ON CLUSTER statement.
    await waitFor(`ZooKeeper on port ${port}`, 30_000, server, async () =>
      (await ask(port, 'srvr')).includes('Mode: standalone'),
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Sends a four-letter command and returns the answer ('' when the server is not up yet). */
function ask(port: number, command: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.end(command));
    socket.setTimeout(1_000, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(''));
  });
}
