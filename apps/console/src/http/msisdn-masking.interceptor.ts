import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { maskMsisdnsDeep } from '@vigil/observability';
import { REVEALS_NUMBERS } from '../auth/auth.decorators';

/**
 * Safety net under "no full number leaves the console": every JSON response has its 11–16 digit runs masked,
 * whatever role asks, except on the audited reveal route. The data is already pseudonymized; this catches slips.
 */
@Injectable()
export class MsisdnMaskingInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.reflector.get<boolean>(REVEALS_NUMBERS, context.getHandler())) return next.handle();
    return next.handle().pipe(map((body: unknown) => maskMsisdnsDeep(body, -10)));
  }
}
