import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { addApiHeaders } from './http/request-guards';
import { loadSignalEnv } from './signal.config';
import { SignalModule } from './signal.module';

async function main(): Promise<void> {
  const env = loadSignalEnv(process.env);
  // Fastify, not Express: a check is a tiny JSON body and a tiny JSON answer thousands of times a second, and
  // Express's middleware chain, body parser and ETag cost more than answering it (README, "Freshness and cost").
  const adapter = new FastifyAdapter({
    bodyLimit: 4_096, // a check is a few hundred bytes, the token form less
    // A request still arriving after this is cut off (Fastify sets no limit by default; Node's server had 5 minutes).
    requestTimeout: 30_000,
    // Unreadable bodies (prototype-poisoned JSON included) are refused as 400, never echoed.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  const server = adapter.getInstance();
  // The guard's result lives on the request: declared, so every request object keeps one shape.
  server.decorateRequest('signalClient', null);
  addApiHeaders(server);
  const app = await NestFactory.create<NestFastifyApplication>(SignalModule.forRoot(env), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // SIGTERM: stop taking requests, then the risk-state reader and the audit (written before the client closes).
  app.enableShutdownHooks();
  await app.listen(env.HTTP_PORT, env.HTTP_HOST);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
