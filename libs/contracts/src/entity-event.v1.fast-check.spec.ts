import fc from 'fast-check';
import { ENTITY_EVENT_FAST_CHECK_PROPERTIES, isValidEntityEventFast } from './entity-event.v1.fast-check';
import { entityEventV1 } from './entity-event.v1';
import { PARTY_CLASSES } from './entity-event.v1.vocabulary';
import schema from './schemas/entity-event.v1.schema.json';
import { compileSchema } from './contract';
import { assertNeverAcceptsWhatTheSchemaRejects } from './testing/fast-check-soundness';
import { oddValueNear } from './testing/odd-values.arbitrary';
import { isUtcDateTime } from './date-time';

// The full validator on its own (the contract's own one answers through the fast check first).
const fullValidator = compileSchema(schema);
const dateTimeValidator = compileSchema({ type: 'string', format: 'date-time' });

const canonical = {
  eventId: 'sms-1:sms_in',
  sourceEventId: 'sms-1',
  sourceTopic: 'telco.sms.v1',
  entity: 'msisdn:77021234567',
  kind: 'sms_in',
  occurredAt: '2026-11-25T08:00:00.000Z',
  ingestedAt: '2026-11-25T08:00:01.123Z',
  counterparty: '77011112233',
  counterpartyClass: 'domestic',
  amount: 5000,
  currency: 'KZT',
  channel: 'bank_card',
  answered: true,
  durationSec: 95,
  features: { hasUrl: true, urlDomains: ['kcell.kz'], lureScore: 0.5, senderClass: 'domestic' },
};

const oddValue = oddValueNear(
  'msisdn:',
  'msisdn:\n',
  'card:x',
  'kzt',
  'KZT',
  'telco.sms.v1',
  'sms_in',
  'domestic',
);

describe(isValidEntityEventFast.name, () => {
  it('knows exactly the properties the schema declares', () => {
    expect([...ENTITY_EVENT_FAST_CHECK_PROPERTIES].sort()).toEqual(Object.keys(schema.properties).sort());
  });

  it('accepts the events ingest writes, with and without the optional properties', () => {
    expect(isValidEntityEventFast(canonical)).toBe(true);
    const optional = [
      'counterparty',
      'counterpartyClass',
      'amount',
      'currency',
      'channel',
      'answered',
      'durationSec',
    ];
    const bare = Object.fromEntries(Object.entries(canonical).filter(([key]) => !optional.includes(key)));
    expect(isValidEntityEventFast({ ...bare, features: {} })).toBe(true);
  });

  it('accepts every party class of the vocabulary, the unrecognized sender included', () => {
    for (const counterpartyClass of PARTY_CLASSES) {
      expect(isValidEntityEventFast({ ...canonical, counterpartyClass })).toBe(true);
      expect(fullValidator({ ...canonical, counterpartyClass })).toBe(true);
    }
    expect(PARTY_CLASSES).toContain('unrecognized');
  });

  it('never accepts what the schema rejects', () => {
    assertNeverAcceptsWhatTheSchemaRejects(isValidEntityEventFast, fullValidator, canonical, oddValue, [
      'text',
    ]);
  });

  it('leaves time zones other than Z to the full validator, which still accepts them', () => {
    const withOffset = { ...canonical, occurredAt: '2026-11-25T13:00:00+05:00' };
    expect(isValidEntityEventFast(withOffset)).toBe(false);
    expect(entityEventV1.validate(withOffset).ok).toBe(true);
  });

  it('still words the problems of a record it refuses', () => {
    const result = entityEventV1.validate({ ...canonical, amount: -1, extra: 1 });
    expect(result).toEqual({
      ok: false,
      problems: expect.arrayContaining(['(root): unknown property "extra"']),
    });
  });
});

describe(isUtcDateTime.name, () => {
  it('accepts what Date#toISOString writes', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
        (date) => {
          expect(isUtcDateTime(date.toISOString())).toBe(true);
        },
      ),
    );
  });

  it('refuses days that do not exist, leap seconds and anything but a trailing Z', () => {
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2026-02-30T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-12-31T23:59:60Z',
      '2026-12-31T24:00:00Z',
      '2026-12-31t10:00:00z',
      '2026-12-31T10:00:00.Z',
      '2026-12-31T10:00:00+00:00',
      '2026-12-31 10:00:00Z',
      '２026-12-31T10:00:00Z',
    ])
      expect(isUtcDateTime(text)).toBe(false);
    expect(isUtcDateTime('2024-02-29T23:59:59.123456Z')).toBe(true);
  });

  it('never accepts what the date-time format rejects', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const nearlyCanonical = fc
      .tuple(
        digits(4),
        digits(2),
        digits(2),
        digits(2),
        digits(2),
        digits(2),
        fc.constantFrom('', '.5', '.123'),
      )
      .map(([y, mo, d, h, mi, s, f]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f}Z`);
    fc.assert(
      fc.property(fc.oneof(nearlyCanonical, fc.string({ maxLength: 30 })), (text) => {
        if (isUtcDateTime(text)) expect(dateTimeValidator(text)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
