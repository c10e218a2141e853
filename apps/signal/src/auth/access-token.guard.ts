import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { CamaraError } from '../http/camara-error';
import { CHECK_SCOPE } from '../signal.constants';
import { type AccessClaims, AccessTokens } from './access-tokens';
import type { AuthenticatedClient, SignalRequest } from './authenticated-client';
import { ClientRegistry, type RegisteredClient } from './client-registry';

const BEARER = /^Bearer ([A-Za-z0-9\-_.]+)$/;

/** Lets a check through only with a valid token of a registered client holding the `scam-signal:check` scope. */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  /** The client each verified token (its cached claims) authenticates, while its registration stays the same. */
  private readonly authenticated = new WeakMap<
    AccessClaims,
    { registered: RegisteredClient; client: AuthenticatedClient }
  >();

  constructor(
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(ClientRegistry) private readonly clients: ClientRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignalRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (token === undefined)
      throw new CamaraError(
        'UNAUTHENTICATED',
        'Request not authenticated due to missing, invalid, or expired credentials.',
      );
    const claims = await this.tokens.verify(token);
    const client = claims === undefined ? undefined : this.clients.get(claims.clientId);
    if (claims === undefined || client === undefined)
      throw new CamaraError(
        'UNAUTHENTICATED',
        'Request not authenticated due to missing, invalid, or expired credentials.',
      );
    request.signalClient = this.authenticatedClient(claims, client);
    // The registration decides, not only the token: a scope withdrawn from a client ends its tokens' use at once.
    if (!claims.scopes.includes(CHECK_SCOPE) || !client.scopes.includes(CHECK_SCOPE))
      throw new CamaraError(
        'PERMISSION_DENIED',
        'Client does not have sufficient permissions to perform this action.',
      );
    return true;
  }

  private authenticatedClient(claims: AccessClaims, registered: RegisteredClient): AuthenticatedClient {
    const known = this.authenticated.get(claims);
    if (known?.registered === registered) return known.client;
    const client = { ...registered, tokenPurpose: claims.purpose };
    this.authenticated.set(claims, { registered, client });
    return client;
  }
}
