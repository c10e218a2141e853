import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * API answers (alerts, timelines, tokens) must not stay in a browser's or a proxy's cache after sign-out:
 * `Cache-Control: no-store` on everything under /api. The static UI (code, no data) keeps its own caching.
 */
export function noStoreOnApi(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.path.toLowerCase().startsWith('/api')) response.setHeader('Cache-Control', 'no-store');
    next();
  };
}
