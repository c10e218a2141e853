import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC exception handler turns any error from a handler into a generic "Internal server error"
 * object, which would hide the `retriable` flag the batch consumer decides on. This filter hands the original error
 * back to the transport unchanged.
 */
@Catch()
export class RethrowBatchErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
