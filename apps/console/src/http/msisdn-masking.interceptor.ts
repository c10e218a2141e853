import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { REVEALS_NUMBERS } from '../auth/auth.decorators';
import { isOpsRoute } from './ops-routes';
import { maskNumberFields } from './response-privacy';

/**
 * Safety net under "no full number leaves the console": the fields of every API response known to hold numbers
 * (parties, explanations, notes) are masked, whatever role asks, except on the audited reveal route. Ids and
 * metrics are left alone. The data is already pseudonymized and masked where stored; this catches slips.
 */
@Injectable()
export class MsisdnMaskingInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (isOpsRoute(context) || this.reflector.get<boolean>(REVEALS_NUMBERS, context.getHandler()))
      return next.handle();
    return next.handle().pipe(map((body: unknown) => maskNumberFields(body)));
  }
}
