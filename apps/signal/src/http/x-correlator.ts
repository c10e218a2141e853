import type { IncomingHttpHeaders } from 'node:http';

/** CAMARA's `x-correlator` pattern: echoed when it matches, refused (400) when it does not. */
const X_CORRELATOR = /^[a-zA-Z0-9\-_:;./<>{}]{0,256}$/;
export const X_CORRELATOR_HEADER = 'x-correlator';

/** The request's x-correlator: undefined when absent, null when present but not of the allowed form. */
export function xCorrelatorOf(headers: IncomingHttpHeaders): string | undefined | null {
  const value = headers[X_CORRELATOR_HEADER];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !X_CORRELATOR.test(value)) return null;
  return value;
}
