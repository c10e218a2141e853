import type { NextFunction, Request, RequestHandler, Response } from 'express';

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** `Sec-Fetch-Site` values of a request the console's own pages made (or the user typed). */
const SAME_ORIGIN_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Mutating API routes accept only what the console's own UI and scripts send: a JSON body (or none) and, when a
 * browser says where the request comes from, this very origin. HTML forms can post only form-encoded, multipart or
 * plain text bodies, so they get 415; a sibling subdomain, which SameSite=Strict does not stop, is refused by its
 * `Origin` / `Sec-Fetch-Site` (403). Clients that send neither header (scripts with a bearer token) are not browsers
 * a cookie could ride on.
 */
export function mutatingRequestPolicy(): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!MUTATING_METHODS.has(request.method) || !request.path.toLowerCase().startsWith('/api/'))
      return next();
    if (!fromThisOrigin(request))
      return void response
        .status(403)
        .json({ statusCode: 403, message: 'cross-site requests are refused on mutating routes' });
    if (hasBody(request) && !request.is('application/json'))
      return void response
        .status(415)
        .json({ statusCode: 415, message: 'mutating routes accept application/json bodies only' });
    next();
  };
}

function fromThisOrigin(request: Request): boolean {
  const fetchSite = request.get('sec-fetch-site');
  if (fetchSite !== undefined && !SAME_ORIGIN_FETCH_SITES.has(fetchSite.toLowerCase())) return false;
  const origin = request.get('origin');
  if (origin === undefined) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return false; // `null` (sandboxed frames, privacy redirects) or garbage: not this origin
  }
  // Behind a proxy the Host header may be rewritten; a browser cannot forge X-Forwarded-Host on a cross-site post.
  const hosts = [request.get('host'), request.get('x-forwarded-host')].filter(
    (host): host is string => typeof host === 'string',
  );
  return hosts.some((host) => host.toLowerCase() === originHost);
}

function hasBody(request: Request): boolean {
  const length = request.get('content-length');
  return request.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}
