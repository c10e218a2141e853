import { SessionTokens } from './session-tokens';

describe(SessionTokens.name, () => {
  const principal = { name: 'ana', role: 'analyst' } as const;

  it('verifies a token it issued until it expires', () => {
    let now = 1_000_000;
    const tokens = new SessionTokens('s'.repeat(32), 60_000, () => now);
    const { token, expiresAt } = tokens.issue(principal);
    expect(tokens.verify(token)).toEqual({ ...principal, expiresAt });
    now += 60_000;
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('refuses a token signed with another secret or with edited claims', () => {
    const tokens = new SessionTokens('s'.repeat(32), 60_000);
    const { token } = new SessionTokens('t'.repeat(32), 60_000).issue(principal);
    expect(tokens.verify(token)).toBeUndefined();
    const own = tokens.issue(principal).token;
    const [body, signature] = own.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(tokens.verify(`${promoted}.${signature}`)).toBeUndefined();
    expect(tokens.verify('not-a-token')).toBeUndefined();
    expect(tokens.verify(`${own}.extra`)).toBeUndefined();
  });

  it('refuses another spelling of a valid signature (the spare bits of the last base64url character)', () => {
    const tokens = new SessionTokens('s'.repeat(32), 60_000);
    const own = tokens.issue(principal).token;
    const last = own.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // A 32-byte HMAC ends in a character whose two low bits carry nothing: flipping them decodes to the same bytes.
    const sibling = alphabet[alphabet.indexOf(last) ^ 1];
    const respelled = own.slice(0, -1) + sibling;
    expect(Buffer.from(respelled.split('.')[1], 'base64url')).toEqual(
      Buffer.from(own.split('.')[1], 'base64url'),
    );
    expect(tokens.verify(respelled)).toBeUndefined();
  });
});
