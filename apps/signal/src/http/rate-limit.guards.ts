import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { SignalRequest } from '../auth/authenticated-client';
import { SIGNAL_ENV } from '../signal.constants';
import type { SignalEnv } from '../signal.config';
import { CamaraError } from './camara-error';
import { TokenBuckets } from './token-buckets';

/** Registered clients are few; IPs asking for tokens are bounded so a spray of addresses cannot grow the map. */
const MAX_CLIENTS = 10_000;
const MAX_TOKEN_IPS = 50_000;

function tooManyRequests(waitMs: number): CamaraError {
  return new CamaraError('TOO_MANY_REQUESTS', 'Either out of resource quota or reaching rate limiting.', {
    'Retry-After': String(Math.ceil(waitMs / 1000)),
  });
}

/** Checks per client at its registered rate (per instance): a partner cannot starve the others. */
@Injectable()
export class ClientRateGuard implements CanActivate {
  private readonly buckets = new TokenBuckets(MAX_CLIENTS);

  canActivate(context: ExecutionContext): boolean {
    // AccessTokenGuard runs first: the limit is per client, so it needs to know who asks.
    const client = context.switchToHttp().getRequest<SignalRequest>().signalClient;
    if (!client) throw new Error('ClientRateGuard needs AccessTokenGuard before it');
    const waitMs = this.buckets.take(client.clientId, client.rateLimitPerMinute);
    if (waitMs > 0) throw tooManyRequests(waitMs);
    return true;
  }
}

/** Token requests per IP: client secrets must not be guessable by volume. */
@Injectable()
export class TokenRateGuard implements CanActivate {
  private readonly buckets = new TokenBuckets(MAX_TOKEN_IPS);

  constructor(@Inject(SIGNAL_ENV) private readonly env: Pick<SignalEnv, 'SIGNAL_TOKEN_LIMIT_PER_MINUTE'>) {}

  canActivate(context: ExecutionContext): boolean {
    const { ip } = context.switchToHttp().getRequest<SignalRequest>();
    const waitMs = this.buckets.take(ip, this.env.SIGNAL_TOKEN_LIMIT_PER_MINUTE);
    if (waitMs > 0) throw tooManyRequests(waitMs);
    return true;
  }
}
