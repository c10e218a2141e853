import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { apiSecurityHeaders, bodyParseErrors, xCorrelatorEcho } from './http/request-guards';
import { loadSignalEnv } from './signal.config';
import { SignalModule } from './signal.module';

async function main(): Promise<void> {
  const env = loadSignalEnv(process.env);
  const app = await NestFactory.create<NestExpressApplication>(SignalModule.forRoot(env), {
    bufferLogs: true,
    bodyParser: false, // the parsers below, with small limits
  });
  app.useLogger(app.get(Logger));
  // SIGTERM: stop taking requests, then the risk-state reader and the audit (written before the client closes).
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.use(apiSecurityHeaders());
  app.use(xCorrelatorEcho());
  app.useBodyParser('json', { limit: '4kb' }); // a check is a few hundred bytes
  app.useBodyParser('urlencoded', { extended: false, limit: '4kb', parameterLimit: 10 }); // the token form
  app.use(bodyParseErrors());
  await app.listen(env.HTTP_PORT, env.HTTP_HOST);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
