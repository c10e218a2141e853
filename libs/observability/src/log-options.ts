import type { Options } from 'pino-http';
import { maskMsisdnsDeep } from './msisdn-masking';

/**
 * Where credentials sit in a log record: request headers bound to every line of a request by pino-http, the
 * response's `set-cookie`, and fields that code might log by name. Removed, not masked: a partial token is still
 * a lead. Paths are pino `redact` paths (one `*` matches one level).
 */
export const CREDENTIAL_LOG_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-api-key"]',
  ...['token', 'apiKey', 'password', 'secret', 'cookie', 'authorization'].flatMap((name) => [
    name,
    `*.${name}`,
  ]),
];

/** SMS text never reaches a log, wherever it sits. */
const TEXT_LOG_PATHS = ['text', '*.text'];

// A credential pasted into a message or an error text (a cookie header, a bearer token) is cut at the value.
const CREDENTIAL_IN_TEXT =
  /\b(Bearer\s+|vigil_session=|[\w-]*(?:token|api[_-]?key|secret)["']?\s*[=:]\s*["']?)[^\s;,"'&]+/gi;

/** Replaces credential values inside a free text by `[redacted]`, keeping what names them. */
export function scrubCredentials(text: string): string {
  return text.replace(CREDENTIAL_IN_TEXT, '$1[redacted]');
}

/**
 * The pino-http options of every Vigil service: JSON lines, no automatic request lines, credentials and SMS text
 * removed, numbers masked and credentials scrubbed wherever they appear in text.
 */
export function vigilLogOptions(serviceName: string, level: string): Options {
  return {
    name: serviceName,
    level,
    autoLogging: false,
    redact: { paths: [...CREDENTIAL_LOG_PATHS, ...TEXT_LOG_PATHS], remove: true },
    // The request bound to every line of a request is serialized apart from the line (the `log` formatter never
    // sees it): a number typed into a query string (`?msisdn=…`) is masked here.
    serializers: { req: (request: unknown) => maskMsisdnsDeep(request) },
    formatters: {
      log: (record: Record<string, unknown>) =>
        maskMsisdnsDeep(record, 0, scrubCredentials) as Record<string, unknown>,
    },
  };
}
