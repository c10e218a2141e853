import { SignJWT } from 'jose';
import { createHash } from 'node:crypto';
import { AccessTokens } from './access-tokens';

const BANK = {
  clientId: 'bank',
  scopes: ['scam-signal:check'],
  purpose: 'payment-fraud-prevention',
  rateLimitPerMinute: 60,
};
const SECRET = 'a-test-token-secret-of-some-length';

describe(AccessTokens.name, () => {
  it('verifies its own token: client, scopes and purpose', async () => {
    const tokens = new AccessTokens(SECRET, 300_000);
    const { token, expiresInSec } = await tokens.issue(BANK, ['scam-signal:check']);
    expect(expiresInSec).toBe(300);
    expect(await tokens.verify(token)).toEqual({
      clientId: 'bank',
      scopes: ['scam-signal:check'],
      purpose: 'payment-fraud-prevention',
    });
  });

  it('refuses an expired token', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const tokens = new AccessTokens(SECRET, 60_000, () => now);
    const { token } = await tokens.issue(BANK, ['scam-signal:check']);
    now += 61_000;
    expect(await tokens.verify(token)).toBeUndefined();
  });

  it('refuses a token verified earlier once it has expired (the kept claims carry its expiry)', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const tokens = new AccessTokens(SECRET, 60_000, () => now);
    const { token } = await tokens.issue(BANK, ['scam-signal:check']);
    const first = await tokens.verify(token);
    expect(first?.clientId).toBe('bank');
    now += 30_000;
    expect(await tokens.verify(token)).toBe(first);
    now += 31_000;
    expect(await tokens.verify(token)).toBeUndefined();
  });

  it('refuses a token signed with another key, an unsigned one, and garbage', async () => {
    const theirs = await new AccessTokens('another-service-secret-xyz', 60_000).issue(BANK, [
      'scam-signal:check',
    ]);
    const tokens = new AccessTokens(SECRET, 60_000);
    expect(await tokens.verify(theirs.token)).toBeUndefined();
    const [header, body] = (await tokens.issue(BANK, ['scam-signal:check'])).token.split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url');
    expect(await tokens.verify(`${none}.${body}.`)).toBeUndefined();
    expect(await tokens.verify(`${header}.${body}.forged`)).toBeUndefined();
    expect(await tokens.verify('x'.repeat(5_000))).toBeUndefined();
  });

  it('refuses a token for another audience, even signed with the right key', async () => {
    const key = createHash('sha256').update(SECRET, 'utf8').digest();
    const token = await new SignJWT({ scope: 'scam-signal:check', purpose: 'p' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer('vigil-signal')
      .setAudience('console')
      .setSubject('bank')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    expect(await new AccessTokens(SECRET, 60_000).verify(token)).toBeUndefined();
  });
});
