import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Helmet with a CSP that allows exactly the bundled UI: scripts only from this origin (no inline script), XHR/SSE
 * only to this origin. Inline styles are allowed because Chart.js and the OpenAPI page set style attributes.
 * Upgrade-insecure-requests and HSTS only when served over TLS (they would break http://localhost).
 */
export function securityHeaders(tls: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': tls ? [] : null,
      },
    },
    strictTransportSecurity: tls,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
