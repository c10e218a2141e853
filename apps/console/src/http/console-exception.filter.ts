import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { DashboardFilterError } from '@vigil/analytics';
import { ClickHouseError } from '@vigil/clickhouse';
import { ConsoleError, consoleErrorCodes } from './console.errors';

const STATUS_OF: Record<string, number> = {
  [consoleErrorCodes.INVALID_INPUT]: HttpStatus.BAD_REQUEST,
  [consoleErrorCodes.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [consoleErrorCodes.RULE_REJECTED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [consoleErrorCodes.UPSTREAM_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [consoleErrorCodes.BUSY]: HttpStatus.CONFLICT,
  [consoleErrorCodes.CONFLICT]: HttpStatus.CONFLICT,
};

/**
 * Maps error codes to HTTP statuses: libraries throw domain errors, only this filter knows HTTP. Unexpected errors
 * become a bare 500 (logged), so no SQL, stack or payload is ever echoed to the caller.
 */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ConsoleExceptionFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const message =
        typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
      response.status(status).json({ statusCode: status, error: error.name, message });
      return;
    }
    if (error instanceof DashboardFilterError) {
      response.status(HttpStatus.BAD_REQUEST).json({
        statusCode: HttpStatus.BAD_REQUEST,
        code: consoleErrorCodes.INVALID_INPUT,
        message: 'invalid filter',
        problems: error.problems,
      });
      return;
    }
    if (error instanceof ConsoleError) {
      const status = STATUS_OF[error.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
      response
        .status(status)
        .json({ statusCode: status, code: error.code, message: error.message, problems: error.problems });
      return;
    }
    if (error instanceof ClickHouseError && error.retriable) {
      this.logger.warn({
        msg: 'analytics store unavailable',
        code: error.code,
        serverCode: error.serverCode,
      });
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: consoleErrorCodes.UPSTREAM_UNAVAILABLE,
        message: 'analytics store unavailable, try again shortly',
      });
      return;
    }
    this.logger.error({ msg: 'request failed', error });
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'internal error' });
  }
}
