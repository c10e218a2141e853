import { Body, Controller, Header, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { OAuthError } from '../http/oauth-error';
import { TokenRateGuard } from '../http/rate-limit.guards';
import { signalMetrics } from '../signal.metrics';
import { AccessTokens } from './access-tokens';
import type { SignalRequest } from './authenticated-client';
import { ClientRegistry, type RegisteredClient } from './client-registry';

/** RFC 6749 §5.1 successful response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

const FIELD = /^[\x21-\x7e]{1,256}$/; // printable ASCII, no spaces: ids, secrets, grant types
/** A client-credentials request has at most four fields (grant_type, scope, client_id, client_secret). */
const MAX_FIELDS = 10;

/**
 * OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4): a registered client authenticates with its id and
 * secret (HTTP Basic, or `client_id`/`client_secret` in the form) and gets a short-lived access token for the scopes
 * it asks for, among those it is registered with.
 */
@ApiExcludeController() // documented by hand in the OpenAPI document (form body, RFC 6749 errors)
@Controller('oauth2')
@UseGuards(TokenRateGuard)
export class TokenController {
  constructor(
    @Inject(ClientRegistry) private readonly clients: ClientRegistry,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
  ) {}

  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  async token(@Req() request: SignalRequest, @Body() body: unknown): Promise<TokenResponse> {
    const form = formOf(body);
    const grantType = form.get('grant_type');
    if (grantType === undefined) throw refused('invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials')
      throw refused('unsupported_grant_type', 'only client_credentials is supported');
    const client = this.authenticate(request, form);
    const requested = form.get('scope')?.split(' ').filter(Boolean) ?? [...client.scopes];
    if (requested.some((scope) => !client.scopes.includes(scope)))
      throw refused('invalid_scope', 'a requested scope is not registered for this client');
    const { token, expiresInSec } = await this.tokens.issue(client, requested);
    signalMetrics.tokens.inc({ outcome: 'issued' });
    return {
      access_token: token,
      token_type: 'Bearer',
      expires_in: expiresInSec,
      scope: requested.join(' '),
    };
  }

  private authenticate(request: SignalRequest, form: Map<string, string>): RegisteredClient {
    const basic = basicCredentials(request.headers.authorization);
    const inForm = form.has('client_id') || form.has('client_secret');
    if (basic !== undefined && inForm)
      throw refused('invalid_request', 'use one client authentication method, not two');
    const clientId = basic?.clientId ?? form.get('client_id');
    const secret = basic?.secret ?? form.get('client_secret');
    const client =
      clientId !== undefined && secret !== undefined
        ? this.clients.authenticate(clientId, secret)
        : undefined;
    if (client === undefined) throw refused('invalid_client', 'client authentication failed');
    return client;
  }
}

function refused(error: ConstructorParameters<typeof OAuthError>[0], description: string): OAuthError {
  signalMetrics.tokens.inc({ outcome: error });
  return new OAuthError(error, description);
}

/** The form's fields (urlencoded or JSON), each a single printable value; anything else is a malformed request. */
function formOf(body: unknown): Map<string, string> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw refused('invalid_request', 'expected an application/x-www-form-urlencoded body');
  const fields = Object.entries(body as Record<string, unknown>);
  if (fields.length > MAX_FIELDS) throw refused('invalid_request', 'malformed parameter');
  const form = new Map<string, string>();
  for (const [name, value] of fields) {
    if (
      typeof value !== 'string' ||
      !(FIELD.test(value) || (name === 'scope' && /^[\x20-\x7e]{1,512}$/.test(value)))
    )
      throw refused('invalid_request', 'malformed parameter');
    form.set(name, value);
  }
  return form;
}

/** RFC 6749 §2.3.1: `Basic base64(urlencode(id) ":" urlencode(secret))`. */
function basicCredentials(header: string | undefined): { clientId: string; secret: string } | undefined {
  if (header === undefined || !header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw refused('invalid_client', 'client authentication failed');
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    throw refused('invalid_client', 'client authentication failed');
  }
}
