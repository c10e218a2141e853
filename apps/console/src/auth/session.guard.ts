import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SESSION_TOKENS } from '../console.constants';
import { isOpsRoute } from '../http/ops-routes';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators';
import { type ConsoleRole, roleAllows } from './console-role';
import { type AuthenticatedRequest, presentedToken } from './request-credentials';
import type { SessionTokens } from './session-tokens';

/**
 * Global guard of the console's controllers: every route needs a valid session token (401 otherwise) whose role
 * is at least the route's `@RequireRole` (403 otherwise). Only sign-in (`@PublicRoute`) and the ops routes (health, metrics) skip it.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SESSION_TOKENS) private readonly tokens: SessionTokens,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (isOpsRoute(context) || this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = presentedToken(request);
    const session = token ? this.tokens.verify(token) : undefined;
    if (!session) throw new UnauthorizedException('sign in first');
    request.session = session;
    const required = this.reflector.getAllAndOverride<ConsoleRole>(REQUIRED_ROLE, targets) ?? 'viewer';
    if (!roleAllows(session.role, required)) throw new ForbiddenException(`needs the ${required} role`);
    return true;
  }
}
