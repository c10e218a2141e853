import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../signal.constants';
import type { RegisteredClient } from './client-registry';

/** What a verified access token says. */
export interface AccessClaims {
  clientId: string;
  scopes: string[];
  purpose: string;
}

/**
 * Short-lived OAuth 2.0 access tokens: JWTs (RFC 9068 profile) signed with HMAC-SHA256 by jose. Stateless, so any
 * instance behind the load balancer verifies any token; rotating the secret revokes them all.
 */
/**
 * Verified tokens kept, so a client's next checks skip the signature check (a partner holds one token at a time).
 * Past this many, expired ones go first, then the earliest verified: every token lives the same time, so that is
 * the one expiring first, and no check pays for reordering a recency list.
 */
const MAX_VERIFIED = 10_000;

export class AccessTokens {
  private readonly key: Uint8Array;
  /** Tokens already verified, with their claims and expiry (ms); expiry is still checked at every use. */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  constructor(
    secret: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // A 256-bit key whatever the secret's length (HS256 wants one at least the hash's size).
    this.key = createHash('sha256').update(secret, 'utf8').digest();
  }

  /** A token for `client` with `scopes` (already checked against its registration). */
  async issue(
    client: RegisteredClient,
    scopes: readonly string[],
  ): Promise<{ token: string; expiresInSec: number }> {
    const issuedAtSec = Math.floor(this.now() / 1000);
    const expiresInSec = Math.max(1, Math.floor(this.ttlMs / 1000));
    const token = await new SignJWT({ scope: scopes.join(' '), purpose: client.purpose })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(client.clientId)
      .setIssuedAt(issuedAtSec)
      .setExpirationTime(issuedAtSec + expiresInSec)
      .setJti(randomBytes(12).toString('base64url'))
      .sign(this.key);
    return { token, expiresInSec };
  }

  /** The claims of a valid, unexpired token of this service; undefined for anything else. */
  async verify(token: string): Promise<AccessClaims | undefined> {
    if (token.length > 2_048) return undefined;
    const known = this.verified.get(token);
    if (known !== undefined) {
      if (known.expiresAtMs > this.now()) return known.claims;
      this.verified.delete(token);
      return undefined;
    }
    const claims = await this.verifySignature(token);
    if (claims === undefined) return undefined;
    if (this.verified.size >= MAX_VERIFIED) this.evict();
    this.verified.set(token, claims);
    return claims.claims;
  }

  private evict(): void {
    const nowMs = this.now();
    for (const [token, { expiresAtMs }] of this.verified)
      if (expiresAtMs <= nowMs) this.verified.delete(token);
    let excess = this.verified.size - MAX_VERIFIED + Math.ceil(MAX_VERIFIED / 10);
    for (const token of this.verified.keys()) {
      if (excess-- <= 0) break;
      this.verified.delete(token);
    }
  }

  private async verifySignature(
    token: string,
  ): Promise<{ claims: AccessClaims; expiresAtMs: number } | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: ['HS256'],
        typ: 'at+jwt',
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.purpose !== 'string') return undefined;
      const scope = typeof payload.scope === 'string' ? payload.scope : '';
      return {
        claims: { clientId: payload.sub, scopes: scope.split(' ').filter(Boolean), purpose: payload.purpose },
        expiresAtMs: payload.exp! * 1000,
      };
    } catch {
      return undefined;
    }
  }
}
