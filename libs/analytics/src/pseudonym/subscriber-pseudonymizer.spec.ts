import { SubscriberPseudonymizer } from './subscriber-pseudonymizer';

describe(SubscriberPseudonymizer.name, () => {
  const pseudonyms = new SubscriberPseudonymizer('a-test-secret-of-enough-length');

  it('hashes a number the same way however it is typed', () => {
    const key = pseudonyms.hashNumber('77011234567');
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(pseudonyms.hashNumber('+7 (701) 123-45-67')).toBe(key);
    expect(new SubscriberPseudonymizer('another-secret-of-enough-length').hashNumber('77011234567')).not.toBe(
      key,
    );
  });

  it('keeps only a masked form of numbers and leaves sender names and short numbers readable', () => {
    expect(pseudonyms.entity('msisdn:77011234567')).toEqual({
      type: 'msisdn',
      key: pseudonyms.hashNumber('77011234567'),
      display: '***67',
    });
    // International numbers from 8 digits are numbers too: hashed, never stored in clear.
    expect(pseudonyms.party('998901234')).toEqual({
      key: pseudonyms.hashNumber('998901234'),
      display: '***34',
    });
    expect(pseudonyms.party('12345678').key).toMatch(/^[0-9a-f]{32}$/);
    expect(pseudonyms.party('KASPI')).toEqual({ key: 'KASPI', display: 'KASPI' });
    expect(pseudonyms.party('7555')).toEqual({ key: '7555', display: '7555' });
  });

  it('masks numbers inside free text', () => {
    expect(SubscriberPseudonymizer.maskText('call from 77751112233 at 10:05')).toBe(
      'call from ***33 at 10:05',
    );
    expect(SubscriberPseudonymizer.maskText('called back 8 (701) 123-45-67 and 998901234')).toBe(
      'called back ***67 and ***34',
    );
  });
});

describe('SubscriberPseudonymizer cache', () => {
  it('gives the same pseudonyms from its cache as computed afresh, however small the cache', () => {
    const secret = 'a-test-secret-of-enough-length';
    const cached = new SubscriberPseudonymizer(secret, { cacheSize: 3 });
    const values = [
      'msisdn:77011234567',
      'sender:KASPI',
      'card:4000-1234',
      'msisdn:77027654321',
      'noseparator',
    ];
    for (let round = 0; round < 3; round += 1) {
      for (const value of values) {
        expect(cached.entity(value)).toEqual(new SubscriberPseudonymizer(secret).entity(value));
        expect(cached.party(value.slice(value.indexOf(':') + 1))).toEqual(
          new SubscriberPseudonymizer(secret).party(value.slice(value.indexOf(':') + 1)),
        );
      }
    }
    expect(Object.isFrozen(cached.party('77011234567'))).toBe(true); // shared between rows, so immutable
  });
});
