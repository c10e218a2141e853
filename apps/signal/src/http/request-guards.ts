import type { FastifyInstance } from 'fastify';
import { CamaraError } from './camara-error';
import { X_CORRELATOR_HEADER, xCorrelatorOf } from './x-correlator';

/** The headers a JSON API needs: a browser must not sniff, frame or cache an answer about a subscriber. */
const API_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
} as const;

const MALFORMED_CORRELATOR = JSON.stringify(
  new CamaraError('INVALID_ARGUMENT', 'Client specified an invalid argument: x-correlator.').body(),
);

/**
 * Every response, whatever answers it (a route, a refusal, the framework's 404): the API's security headers, and
 * a well-formed `x-correlator` echoed; a malformed one is refused (400) before anything else, without echoing it.
 */
export function addApiHeaders(server: FastifyInstance): void {
  server.addHook('onRequest', (request, reply, done) => {
    reply.headers(API_SECURITY_HEADERS);
    const correlator = xCorrelatorOf(request.headers);
    if (correlator === null)
      return void reply
        .code(400)
        .header('content-type', 'application/json; charset=utf-8')
        .send(MALFORMED_CORRELATOR);
    if (correlator !== undefined) reply.header(X_CORRELATOR_HEADER, correlator);
    done();
  });
}
