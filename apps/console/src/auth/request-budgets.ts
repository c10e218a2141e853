import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerGetTrackerFunction } from '@nestjs/throttler';
import type { Request } from 'express';
import { AlertsController } from '../api/alerts.controller';
import { SubscribersController } from '../api/subscribers.controller';
import { presentedToken } from './request-credentials';
import type { SessionTokens } from './session-tokens';

/**
 * One budget per client and throttler, whatever the route: the throttler's default key also names the route,
 * which multiplied the stated per-minute budget by the number of routes.
 */
export function budgetKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
  return `${throttlerName}:${tracker}`;
}

/** A lookup of a subscriber by number: the timeline, or the alert list filtered by a number. */
export function isSubscriberLookup(context: ExecutionContext): boolean {
  const target = context.getClass();
  if (target === SubscribersController) return true;
  if (target !== AlertsController || context.getHandler().name !== 'list') return false;
  const query = context.switchToHttp().getRequest<Request>().query as Record<string, unknown>;
  return query.msisdn !== undefined;
}

/**
 * Who spends a lookup budget: the signed-in user (so a user cannot spread lookups over addresses), else the
 * address (the session guard refuses the request anyway).
 */
export function lookupTracker(tokens: SessionTokens): ThrottlerGetTrackerFunction {
  return (untyped) => {
    // The throttler types the request loosely; on the Express platform it is Express's request.
    const request = untyped as Request;
    let token: string | undefined;
    try {
      token = presentedToken(request);
    } catch {
      token = undefined; // a malformed cookie: the session guard answers 400
    }
    const session = token ? tokens.verify(token) : undefined;
    return session ? `user:${session.name}` : `ip:${request.ip ?? 'unknown'}`;
  };
}
