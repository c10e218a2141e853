import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './request-credentials';
import type { Session } from './session-tokens';

/** The verified session of the request (set by SessionGuard). */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Session =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().session!,
);
