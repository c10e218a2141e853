import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ALERT_ROUTER_SETTINGS } from './alert-router.constants';
import type { AlertRouterSettings } from './alert-router.config';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The live feed carries full numbers: only a client holding `ALERT_FEED_TOKEN` (the console's relay) may follow
 * it, as `Authorization: Bearer <token>`, compared in constant time. A network policy is a second fence, not the
 * only one.
 */
@Injectable()
export class FeedTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ALERT_ROUTER_SETTINGS) settings: AlertRouterSettings) {
    this.expected = digest(settings.feed.token);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    // Digests of equal length, so neither the comparison nor its failure reveals the token's length.
    if (presented === '' || !timingSafeEqual(digest(presented), this.expected))
      throw new UnauthorizedException('the live feed needs its token');
    return true;
  }
}
