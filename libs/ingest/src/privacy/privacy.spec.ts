import { CALLS_TOPIC, SMS_TOPIC } from '@vigil/contracts';
import { deadLetterContent, hashSmsText, redactSmsForDeadLetter } from './dead-letter-redaction';
import { maskMsisdn } from './msisdn-mask';

const KEY = 'test-key';

describe(redactSmsForDeadLetter.name, () => {
  it('keeps every field but the text, replaced by its length and keyed hash', () => {
    const raw = {
      eventId: 's1',
      occurredAt: 'soon',
      sender: '7575',
      recipient: '77011234567',
      text: 'Сіз жүлде ұттыңыз CANARY',
      extra: 1,
    };
    const redacted = redactSmsForDeadLetter(raw, KEY);
    expect(redacted).toEqual({
      record: { eventId: 's1', occurredAt: 'soon', sender: '7575', recipient: '77011234567', extra: 1 },
      textLength: 24,
      textHash: hashSmsText(raw.text, KEY),
    });
    expect(redacted.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(redacted)).not.toContain('CANARY');
    expect(raw.text).toBe('Сіз жүлде ұттыңыз CANARY');
  });

  it('gives different hashes under different keys and equal hashes for equal texts', () => {
    expect(hashSmsText('code 1234', 'a')).not.toBe(hashSmsText('code 1234', 'b'));
    expect(hashSmsText('code 1234', 'a')).toBe(hashSmsText('code 1234', 'a'));
  });

  it('hashes a non-string text and a record that is not an object', () => {
    expect(JSON.stringify(redactSmsForDeadLetter({ eventId: 'x', text: ['CANARY'] }, KEY))).not.toContain(
      'CANARY',
    );
    expect(redactSmsForDeadLetter('CANARY text', KEY)).toEqual({
      textLength: 11,
      textHash: hashSmsText('CANARY text', KEY),
    });
    expect(redactSmsForDeadLetter({ eventId: 'x' }, KEY)).toEqual({ record: { eventId: 'x' } });
  });
});

describe(deadLetterContent.name, () => {
  it('keeps no raw bytes of an SMS that is not JSON', () => {
    const bytes = Buffer.from('{"text":"CANARY secret');
    const content = deadLetterContent(SMS_TOPIC, bytes, undefined, KEY);
    expect(content).toEqual({ textLength: 22, textHash: hashSmsText(bytes.toString(), KEY) });
  });

  it('keeps the first 4 KiB of other non-JSON records and the parsed record of JSON ones', () => {
    expect(deadLetterContent(CALLS_TOPIC, 'x'.repeat(5000), undefined, KEY).rawRecord).toHaveLength(4096);
    expect(deadLetterContent(CALLS_TOPIC, '{}', { eventId: 'c' }, KEY)).toEqual({ record: { eventId: 'c' } });
  });
});

describe(maskMsisdn.name, () => {
  it('masks the middle of a subscriber number', () => {
    expect(maskMsisdn('77011234567')).toBe('7701***4567');
    expect(maskMsisdn('1234567')).toBe('12***67');
  });

  it('leaves public short numbers as they are', () => {
    expect(maskMsisdn('7575')).toBe('7575');
  });
});
