import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { presentedToken } from '../auth/request-credentials';
import type { SessionTokens } from '../auth/session-tokens';
import { SESSION_COOKIE } from '../console.constants';

/**
 * Serves the OpenAPI document and its UI at /api/docs (JSON at /api/docs-json), behind the same session check
 * as the API: Swagger registers plain Express routes, which Nest guards do not cover.
 */
export function mountApiDocs(app: INestApplication, tokens: SessionTokens): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    // Express matches routes case-insensitively (/API/docs-json is the same route): so must this check.
    if (!request.path.toLowerCase().startsWith('/api/docs')) return next();
    let token: string | undefined;
    try {
      token = presentedToken(request);
    } catch {
      return void response.status(400).json({ statusCode: 400, message: 'malformed cookie' });
    }
    if (token && tokens.verify(token)) return next();
    response.status(401).json({ statusCode: 401, message: 'sign in first' });
  });
  const config = new DocumentBuilder()
    .setTitle('Vigil console API')
    .setDescription(
      'Fraud-analyst API over the analytics store. Sign in with POST /api/auth/session (API key) to get a session ' +
        'token: sent back as an httpOnly cookie and usable as a bearer token. Roles: viewer < analyst < admin.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth(SESSION_COOKIE)
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config));
}
