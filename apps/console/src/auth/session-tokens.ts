import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CONSOLE_ROLES, type Principal } from './console-role';

const claimsSchema = z.object({
  sub: z.string().min(1).max(64),
  role: z.enum(CONSOLE_ROLES),
  /** Issued at and expiry, Unix ms. */
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string(),
});

/** A verified session: who, and until when (Unix ms). */
export interface Session extends Principal {
  expiresAt: number;
}

/**
 * Stateless session tokens: `base64url(claims JSON) "." base64url(HMAC-SHA256(secret, first part))`. Nothing is
 * stored server-side, so any console instance verifies any token; rotating the secret ends every session.
 */
export class SessionTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new token for a signed-in principal. */
  issue(principal: Principal): { token: string; expiresAt: number } {
    const iat = this.now();
    const claims = {
      sub: principal.name,
      role: principal.role,
      iat,
      exp: iat + this.ttlMs,
      jti: randomBytes(8).toString('hex'),
    };
    const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expiresAt: claims.exp };
  }

  /** The session a token carries, or undefined when it is malformed, forged or expired. */
  verify(token: string): Session | undefined {
    if (token.length > 1_024) return undefined;
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    // Compared as text, not as decoded bytes: base64url decoding ignores the spare low bits of the last character,
    // so a byte comparison would accept several spellings of one signature.
    const expected = Buffer.from(this.sign(body), 'utf8');
    const presented = Buffer.from(signature, 'utf8');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const claims = claimsSchema.safeParse(decoded);
    if (!claims.success || claims.data.exp <= this.now()) return undefined;
    return { name: claims.data.sub, role: claims.data.role, expiresAt: claims.data.exp };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
