import { createServer, type Server } from 'node:net';

/**
 * `count` distinct loopback ports that were free a moment ago, chosen by the kernel: never the stack's (8123, 9000,
 * 9092, 9093) or the CI clone's, which are bound, and different on every run, so parallel runs do not collide.
 */
export async function freeLoopbackPorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
