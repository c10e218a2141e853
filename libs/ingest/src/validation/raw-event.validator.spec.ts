import { CALLS_TOPIC, fixedClock, type InputTopic, PAYMENTS_TOPIC, SMS_TOPIC } from '@vigil/contracts';
import { shippedIngestConfig } from '../testing/ingest-config.fixture';
import { validateRawEvent } from './raw-event.validator';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const options = { config: shippedIngestConfig(), clock: fixedClock(NOW) };
const AT = '2025-06-01T11:59:00Z';

const sms = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    eventId: 's1',
    occurredAt: AT,
    sender: '7575',
    recipient: '77011234567',
    text: 'hi',
    ...over,
  });
const call = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    eventId: 'c1',
    startedAt: AT,
    caller: '77751234567',
    callee: '77011234567',
    answered: true,
    durationSec: 42,
    ...over,
  });
const payment = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    eventId: 'p1',
    occurredAt: AT,
    type: 'transfer',
    msisdn: '77011234567',
    counterparty: '77759876543',
    amount: 5000,
    currency: 'KZT',
    channel: 'transfer',
    ...over,
  });

function codeOf(topic: InputTopic, bytes: string | Buffer | null): string {
  const result = validateRawEvent(topic, bytes, options);
  return result.ok ? 'OK' : result.rejection.code;
}

describe(validateRawEvent.name, () => {
  it('accepts valid records of every topic and classifies their parties', () => {
    const result = validateRawEvent(SMS_TOPIC, Buffer.from(sms({ sender: '+7 775 123 45 67' })), options);
    expect(result).toMatchObject({
      ok: true,
      value: {
        topic: SMS_TOPIC,
        sender: { id: '77751234567', class: 'home_msisdn' },
        recipient: { class: 'home_msisdn' },
      },
    });
    expect(codeOf(CALLS_TOPIC, call({ caller: 'anonymous' }))).toBe('OK');
    expect(codeOf(PAYMENTS_TOPIC, payment())).toBe('OK');
    expect(
      codeOf(PAYMENTS_TOPIC, payment({ type: 'topup', counterparty: undefined, channel: 'voucher' })),
    ).toBe('OK');
  });

  it.each(['7011234567', '12', '+7 701 123 45'])(
    'keeps a delivered SMS whose sender %j fits no number plan, classified unrecognized',
    (sender) => {
      const result = validateRawEvent(SMS_TOPIC, Buffer.from(sms({ sender })), options);
      expect(result).toMatchObject({ ok: true, value: { sender: { class: 'unrecognized' } } });
    },
  );

  it.each<[string, InputTopic, string | null, string]>([
    ['empty bytes', SMS_TOPIC, '', 'MALFORMED_JSON'],
    ['null value', SMS_TOPIC, null, 'MALFORMED_JSON'],
    ['truncated JSON', SMS_TOPIC, '{"eventId":"s1","text":"secret', 'MALFORMED_JSON'],
    ['not JSON at all', CALLS_TOPIC, 'hello', 'MALFORMED_JSON'],
    ['a JSON array', PAYMENTS_TOPIC, '[1,2]', 'SCHEMA_VIOLATION'],
    ['a missing field', SMS_TOPIC, sms({ recipient: undefined }), 'SCHEMA_VIOLATION'],
    ['a wrong type', CALLS_TOPIC, call({ answered: 'yes' }), 'SCHEMA_VIOLATION'],
    ['an unknown payment type', PAYMENTS_TOPIC, payment({ type: 'refund' }), 'SCHEMA_VIOLATION'],
    ['a numeric string amount', PAYMENTS_TOPIC, payment({ amount: '5000' }), 'SCHEMA_VIOLATION'],
    ['an unparseable time', SMS_TOPIC, sms({ occurredAt: 'yesterday' }), 'EVENT_TIME_INVALID'],
    ['a time without offset', SMS_TOPIC, sms({ occurredAt: '2025-06-01T11:59:00' }), 'EVENT_TIME_INVALID'],
    [
      'a day that does not exist',
      CALLS_TOPIC,
      call({ startedAt: '2025-02-30T10:00:00Z' }),
      'EVENT_TIME_INVALID',
    ],
    ['a time in the future', SMS_TOPIC, sms({ occurredAt: '2025-06-01T12:06:00Z' }), 'EVENT_TIME_IN_FUTURE'],
    ['a negative amount', PAYMENTS_TOPIC, payment({ amount: -100 }), 'AMOUNT_INVALID'],
    ['a zero amount', PAYMENTS_TOPIC, payment({ amount: 0 }), 'AMOUNT_INVALID'],
    [
      'an infinite amount',
      PAYMENTS_TOPIC,
      payment({ amount: 1 }).replace('"amount":1', '"amount":1e999'),
      'AMOUNT_INVALID',
    ],
    ['an unparseable amount', PAYMENTS_TOPIC, payment({ amount: 'NaN' }), 'AMOUNT_INVALID'],
    ['an alphanumeric recipient', SMS_TOPIC, sms({ recipient: 'Kcell' }), 'NUMBER_INVALID'],
    ['an alphanumeric caller', CALLS_TOPIC, call({ caller: 'Bank' }), 'NUMBER_INVALID'],
    ['an anonymous callee', CALLS_TOPIC, call({ callee: 'anonymous' }), 'NUMBER_INVALID'],
    ['a transfer to nowhere', PAYMENTS_TOPIC, payment({ counterparty: '+7 701' }), 'NUMBER_INVALID'],
    ['a transfer to oneself', PAYMENTS_TOPIC, payment({ counterparty: '8 701 123 45 67' }), 'SELF_TRANSFER'],
  ])('rejects %s as %s', (_name, topic, bytes, code) => {
    expect(codeOf(topic, bytes)).toBe(code);
  });

  it('accepts event times within the clock skew and honours a configured skew', () => {
    expect(codeOf(SMS_TOPIC, sms({ occurredAt: '2025-06-01T12:04:59Z' }))).toBe('OK');
    const strict = validateRawEvent(SMS_TOPIC, sms({ occurredAt: '2025-06-01T12:00:02Z' }), {
      ...options,
      maxClockSkewMs: 1_000,
    });
    expect(strict.ok).toBe(false);
  });

  it('keeps the parsed record for the dead letter and never quotes SMS text or full numbers in reasons', () => {
    const bad = validateRawEvent(SMS_TOPIC, '{"eventId":"s1","text":"CANARY-1 secret', options);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.rejection.reason).not.toContain('CANARY');
    const number = validateRawEvent(PAYMENTS_TOPIC, payment({ counterparty: '7701123456789012' }), options);
    expect(number).toMatchObject({
      ok: false,
      rejection: { code: 'NUMBER_INVALID', retriable: false },
      parsed: { eventId: 'p1' },
    });
    if (!number.ok) expect(number.rejection.reason).not.toContain('7701123456789012');
  });
});
