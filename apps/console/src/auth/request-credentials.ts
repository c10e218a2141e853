import type { Request } from 'express';
import { SESSION_COOKIE } from '../console.constants';
import { ConsoleError, consoleErrorCodes } from '../http/console.errors';
import type { Session } from './session-tokens';

/** A request once the session guard has accepted it. */
export interface AuthenticatedRequest extends Request {
  session?: Session;
}

/** The session token a request presents: `Authorization: Bearer …` first, else the session cookie. */
export function presentedToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer '))
    return header.slice('Bearer '.length).trim();
  return readCookie(request.headers.cookie, SESSION_COOKIE);
}

/**
 * One cookie's value from a Cookie header (no cookie-parser dependency for one cookie). A value that does not
 * decode is the client's error (INVALID_INPUT, 400), reported without quoting it.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        throw new ConsoleError(consoleErrorCodes.INVALID_INPUT, 'malformed cookie', [name]);
      }
    }
  }
  return undefined;
}
