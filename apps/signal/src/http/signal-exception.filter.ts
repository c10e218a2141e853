import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
  Logger,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import type { SignalRequest } from '../auth/authenticated-client';
import { CheckAuditLog } from '../audit/check-audit.log';
import { signalMetrics } from '../signal.metrics';
import { CamaraError, type CamaraErrorCode } from './camara-error';
import { OAuthError } from './oauth-error';

const E164 = /^\+[1-9][0-9]{4,14}$/;

/**
 * Answers every refusal in its protocol's shape: CAMARA `{ status, code, message }` for the API, RFC 6749
 * `{ error, error_description }` for the token endpoint. Messages are fixed texts; nothing of the request, no stack
 * and no internal error is ever echoed. A refused check of an authenticated client is audited like an answered one.
 */
@Catch()
export class SignalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(SignalExceptionFilter.name);

  constructor(@Inject(CheckAuditLog) private readonly audit: CheckAuditLog) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<SignalRequest>();
    if (response.headersSent) return;
    if (error instanceof OAuthError) {
      response
        .status(error.status)
        .setHeader('Cache-Control', 'no-store')
        .json({ error: error.error, error_description: error.description });
      return;
    }
    const refusal = camaraErrorOf(error);
    if (refusal.code === 'INTERNAL')
      this.logger.error({ msg: 'check failed', error: (error as Error)?.message ?? String(error) });
    const client = request.signalClient;
    if (client !== undefined) {
      signalMetrics.checks.inc({ client: client.clientId, answer: refusal.code });
      const body = request.body as { phoneNumber?: unknown } | undefined;
      const phoneNumber =
        typeof body?.phoneNumber === 'string' && E164.test(body.phoneNumber) ? body.phoneNumber : undefined;
      this.audit.record({
        clientId: client.clientId,
        purpose: client.tokenPurpose,
        phoneNumber,
        status: refusal.status,
        outcome: refusal.code,
        riskLevel: '',
        openPatterns: [],
        stateAsOf: undefined,
        checkedAt: new Date().toISOString(),
      });
    }
    if (refusal.code === 'UNAUTHENTICATED')
      response.setHeader('WWW-Authenticate', 'Bearer realm="scam-signal"');
    response.status(refusal.status).json(refusal.body());
  }
}

const FIXED_MESSAGES: Partial<Record<CamaraErrorCode, string>> = {
  NOT_FOUND: 'The specified resource is not found.',
  TOO_MANY_REQUESTS: 'Either out of resource quota or reaching rate limiting.',
  INTERNAL: 'Unknown server error.',
  INVALID_ARGUMENT: 'Client specified an invalid argument, request body or query param.',
  UNAUTHENTICATED: 'Request not authenticated due to missing, invalid, or expired credentials.',
  PERMISSION_DENIED: 'Client does not have sufficient permissions to perform this action.',
};

function camaraErrorOf(error: unknown): CamaraError {
  if (error instanceof CamaraError) return error;
  if (error instanceof ThrottlerException) return fixed('TOO_MANY_REQUESTS');
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return fixed('NOT_FOUND');
    if (status === 401) return fixed('UNAUTHENTICATED');
    if (status === 403) return fixed('PERMISSION_DENIED');
    if (status >= 400 && status < 500) return fixed('INVALID_ARGUMENT');
  }
  return fixed('INTERNAL');
}

function fixed(code: CamaraErrorCode): CamaraError {
  return new CamaraError(code, FIXED_MESSAGES[code] ?? 'Unknown server error.');
}
