import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SessionTokens } from './auth/session-tokens';
import { loadConsoleEnv } from './console.config';
import { SESSION_TOKENS } from './console.constants';
import { ConsoleModule } from './console.module';
import { mountApiDocs } from './http/api-docs';
import { bodyParseErrors } from './http/body-parse-errors';
import { mutatingRequestPolicy } from './http/mutating-request.policy';
import { noStoreOnApi } from './http/no-store';
import { securityHeaders } from './http/security-headers';

async function main(): Promise<void> {
  const env = loadConsoleEnv(process.env);
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.forRoot(env), {
    bufferLogs: true,
    bodyParser: false, // JSON only (below): no form-encoded parser for a cross-site form to reach
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.use(securityHeaders(env.CONSOLE_SECURE_COOKIE));
  app.use(noStoreOnApi());
  app.use(mutatingRequestPolicy());
  app.useBodyParser('json', { limit: '128kb' }); // the largest body is one rule's YAML (64 KiB)
  app.use(bodyParseErrors());
  mountApiDocs(app, app.get<SessionTokens>(SESSION_TOKENS));
  // The bundled single-page UI (code only, no data): public, so the sign-in page can load.
  const webDir = path.resolve(env.CONSOLE_WEB_DIR);
  if (!existsSync(path.join(webDir, 'index.html'))) {
    app.get(Logger).warn({ msg: 'web UI not built; the API still works', webDir });
    app.use((request: Request, response: Response, next: NextFunction) =>
      request.path === '/'
        ? response
            .status(503)
            .type('text/plain')
            .send('The console UI is not built: npx tsx apps/console/web/build.ts')
        : next(),
    );
  }
  // Source maps are not built for the served UI; a stray one (a local debug build) is not served either.
  app.use((request: Request, response: Response, next: NextFunction) =>
    request.path.toLowerCase().endsWith('.map') ? response.status(404).end() : next(),
  );
  app.useStaticAssets(webDir, { index: 'index.html', maxAge: 0 });
  await app.listen(env.HTTP_PORT, env.HTTP_HOST);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
