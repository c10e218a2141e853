import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
  Logger,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { SignalRequest } from '../auth/authenticated-client';
import { CheckAuditLog } from '../audit/check-audit.log';
import { signalMetrics } from '../signal.metrics';
import { CamaraError, type CamaraErrorCode } from './camara-error';
import { OAuthError } from './oauth-error';

const E164 = /^\+[1-9][0-9]{4,14}$/;
/** What the framework answers a body it could not read with: malformed, too large, of an unsupported type. */
const UNREADABLE_BODY = new Set([400, 413, 415]);

/**
 * Answers every refusal in its protocol's shape: CAMARA `{ status, code, message }` for the API, RFC 6749
 * `{ error, error_description }` for the token endpoint. Messages are fixed texts; nothing of the request, no stack
 * and no internal error is ever echoed. A refused check of an authenticated client is audited like an answered one;
 * a body the framework could not read is refused before authentication, so it is not.
 */
@Catch()
export class SignalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(SignalExceptionFilter.name);

  constructor(
    @Inject(CheckAuditLog) private readonly audit: CheckAuditLog,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = this.adapterHost.httpAdapter;
    const response: unknown = host.switchToHttp().getResponse();
    const request = host.switchToHttp().getRequest<SignalRequest>();
    if (http.isHeadersSent(response)) return;
    const oauth =
      error instanceof OAuthError ? error : tokenEndpointBodyError(error, http.getRequestUrl(request));
    if (oauth !== undefined) {
      http.setHeader(response, 'Cache-Control', 'no-store');
      http.reply(response, { error: oauth.error, error_description: oauth.description }, oauth.status);
      return;
    }
    const refusal = camaraErrorOf(error);
    if (refusal.code === 'INTERNAL')
      this.logger.error({ msg: 'check failed', error: (error as Error)?.message ?? String(error) });
    const client = request.signalClient;
    if (client) {
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
      http.setHeader(response, 'WWW-Authenticate', 'Bearer realm="scam-signal"');
    for (const [name, value] of Object.entries(refusal.headers)) http.setHeader(response, name, value);
    http.reply(response, refusal.body(), refusal.status);
  }
}

/** An unreadable body sent to the token endpoint: RFC 6749's invalid_request, not a CAMARA error. */
function tokenEndpointBodyError(error: unknown, url: string): OAuthError | undefined {
  if (!url.startsWith('/oauth2/') || !(error instanceof HttpException)) return undefined;
  return UNREADABLE_BODY.has(error.getStatus())
    ? new OAuthError('invalid_request', 'malformed body')
    : undefined;
}

const FIXED_MESSAGES: Partial<Record<CamaraErrorCode, string>> = {
  NOT_FOUND: 'The specified resource is not found.',
  TOO_MANY_REQUESTS: 'Either out of resource quota or reaching rate limiting.',
  INTERNAL: 'Unknown server error.',
  INVALID_ARGUMENT: 'Client specified an invalid argument, request body or query param: body.',
  UNAUTHENTICATED: 'Request not authenticated due to missing, invalid, or expired credentials.',
  PERMISSION_DENIED: 'Client does not have sufficient permissions to perform this action.',
};

/** Fastify's own refusals (unreadable body, unknown route) reach here as HttpExceptions with their status. */
function camaraErrorOf(error: unknown): CamaraError {
  if (error instanceof CamaraError) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return fixed('NOT_FOUND');
    if (status === 401) return fixed('UNAUTHENTICATED');
    if (status === 403) return fixed('PERMISSION_DENIED');
    if (status === 429) return fixed('TOO_MANY_REQUESTS');
    if (status >= 400 && status < 500) return fixed('INVALID_ARGUMENT');
  }
  return fixed('INTERNAL');
}

function fixed(code: CamaraErrorCode): CamaraError {
  return new CamaraError(code, FIXED_MESSAGES[code] ?? 'Unknown server error.');
}
