import fc from 'fast-check';
import { isoTimeText, storedEntityEventOf, unescapeTabSeparated } from './stored-entity-event';

// Fields as ClickHouse writes STORED_EVENT_COLUMNS in TabSeparated.
const row = (kind: string, overrides: Record<number, string> = {}): string[] => {
  const fields = [
    'sms-1:sms_in',
    'sms-1',
    'telco.sms.v1',
    'msisdn',
    '5f1c0ffee5f1c0ffee5f1c0ffee5f1c0',
    kind,
    '1773100800',
    '457',
    '1773100801',
    '7575',
    'short_number',
    '0',
    '',
    '',
    '0',
    '0',
    '{"voiceMessageLure":true,"referencedShortNumbers":["7575"],"note":"a\\\\tb"}',
  ];
  for (const [index, value] of Object.entries(overrides)) fields[Number(index)] = value;
  return fields;
};

describe(storedEntityEventOf.name, () => {
  it('rebuilds the event the correlator saw, with millisecond event time and pseudonymous parties', () => {
    expect(storedEntityEventOf(row('sms_in'))).toEqual({
      eventId: 'sms-1:sms_in',
      sourceEventId: 'sms-1',
      sourceTopic: 'telco.sms.v1',
      entity: 'msisdn:5f1c0ffee5f1c0ffee5f1c0ffee5f1c0',
      kind: 'sms_in',
      occurredAt: '2026-03-10T00:00:00.457Z',
      ingestedAt: '2026-03-10T00:00:01.000Z',
      counterparty: '7575',
      counterpartyClass: 'short_number',
      features: { voiceMessageLure: true, referencedShortNumbers: ['7575'], note: 'a\tb' },
    });
  });

  it('reads money only on payment kinds and answer and duration only on call kinds, as ingest wrote them', () => {
    const payment = storedEntityEventOf(row('transfer_out', { 11: '1500.5', 12: 'KZT', 13: 'ussd' }));
    expect(payment).toMatchObject({ amount: 1500.5, currency: 'KZT', channel: 'ussd' });
    expect(payment).not.toHaveProperty('durationSec');
    const call = storedEntityEventOf(row('call_in', { 14: '0', 15: '0' }));
    expect(call).toMatchObject({ answered: false, durationSec: 0 });
    expect(call).not.toHaveProperty('amount');
    const topup = storedEntityEventOf(row('topup', { 9: '', 10: '', 11: '0' }));
    expect(topup).not.toHaveProperty('counterparty');
    expect(topup).not.toHaveProperty('counterpartyClass');
    expect(topup).not.toHaveProperty('currency');
  });
});

describe(unescapeTabSeparated.name, () => {
  it('undoes what TabSeparated escapes', () => {
    expect(unescapeTabSeparated("a\\tb\\nc\\\\d\\'e")).toBe("a\tb\nc\\d'e");
    expect(unescapeTabSeparated('plain')).toBe('plain');
  });
});

describe(isoTimeText.name, () => {
  it('writes what Date#toISOString writes, for times in any order', () => {
    const time = fc.oneof(
      fc.integer({ min: 0, max: 253_402_300_799_999 }),
      fc.integer({ min: 1_773_100_000_000, max: 1_773_200_000_000 }), // a day: minutes met again
      fc.constantFrom(-1, 253_402_300_800_000, 1.5, Number.NaN),
    );
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 50 }), (times) => {
        for (const timeMs of times) {
          if (Number.isNaN(timeMs)) expect(() => isoTimeText(timeMs)).toThrow(RangeError);
          else expect(isoTimeText(timeMs)).toBe(new Date(timeMs).toISOString());
        }
      }),
      { numRuns: 500 },
    );
  });
});
