import { createHmac, randomBytes } from 'node:crypto';
import { ShortMessageHmac } from './short-message-hmac';

describe(ShortMessageHmac.name, () => {
  const reference = (key: string | Buffer, message: string): string =>
    createHmac('sha256', key).update(message).digest().toString('hex', 0, 16);

  it('gives the first 16 bytes of node:crypto HMAC-SHA256 for any key and message', () => {
    const keys = [
      'a-test-secret-of-enough-length',
      'k'.repeat(64),
      'k'.repeat(65),
      randomBytes(32),
      randomBytes(100),
    ];
    const messages = [
      '',
      '7',
      '77011234567',
      '1'.repeat(55),
      '1'.repeat(56),
      'x'.repeat(300),
      'ünïcode 7701',
    ];
    for (const key of keys) {
      const hmac = new ShortMessageHmac(key);
      for (const message of messages) expect(hmac.hex128(message)).toBe(reference(key, message));
    }
  });

  it('agrees with node:crypto on many subscriber numbers in a row (no state leaks between messages)', () => {
    const hmac = new ShortMessageHmac('a-test-secret-of-enough-length');
    for (let i = 0; i < 2_000; i += 1) {
      const number = `7${String(i * 7_919_113).padStart(10 + (i % 5), '0')}`;
      expect(hmac.hex128(number)).toBe(reference('a-test-secret-of-enough-length', number));
    }
  });
});
