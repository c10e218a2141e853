import { ContractError, entityEventV1 } from '@vigil/contracts';
import { fixtureEntityEvents } from '../testing/analytics-fixtures';
import { decodeEntityEvent, isPlainEntityEvent } from './entity-event-decoder';

const valid = fixtureEntityEvents()[0];

/** Variants of a valid event: each either still valid or invalid by exactly one rule of the schema. */
const variants: Record<string, unknown>[] = [
  ...fixtureEntityEvents(),
  { ...valid, eventId: '' },
  { ...valid, eventId: 'x'.repeat(201) },
  { ...valid, eventId: 'x'.repeat(200) },
  { ...valid, sourceEventId: 'x'.repeat(129) },
  { ...valid, sourceTopic: 'telco.mms.v1' },
  { ...valid, entity: 'imei:123' },
  { ...valid, entity: 'msisdn:' },
  { ...valid, entity: 'msisdn:7701\n' },
  { ...valid, kind: 'sms_lost' },
  { ...valid, occurredAt: '2026-02-30T10:00:00Z' },
  { ...valid, occurredAt: '2026-01-15T16:00:00+06:00' },
  { ...valid, occurredAt: 1_768_471_200 },
  { ...valid, ingestedAt: 'yesterday' },
  { ...valid, counterparty: '' },
  { ...valid, counterparty: 42 },
  { ...valid, counterpartyClass: 'martian' },
  { ...valid, amount: -1 },
  { ...valid, amount: '10' },
  { ...valid, currency: 'kzt' },
  { ...valid, channel: 7 },
  { ...valid, answered: 'yes' },
  { ...valid, durationSec: 1.5 },
  { ...valid, durationSec: -1 },
  { ...valid, smsText: 'your code is 1234' },
  { ...valid, features: [] },
  { ...valid, features: null },
  { ...valid, features: { nested: { a: 1 } } },
  { ...valid, features: { long: 'x'.repeat(257) } },
  { ...valid, features: { list: Array.from({ length: 33 }, () => 'a') } },
  { ...valid, features: { list: [1] } },
  { ...valid, features: { list: ['a'], flag: false, n: 2, s: 'ok' } },
  { ...valid, features: undefined },
  { ...valid, eventId: undefined },
];

describe(decodeEntityEvent.name, () => {
  it('vouches only for events the contract accepts', () => {
    for (const variant of variants) {
      const json = JSON.parse(JSON.stringify(variant)) as unknown;
      if (isPlainEntityEvent(json)) expect(entityEventV1.validate(json).ok).toBe(true);
    }
    expect(isPlainEntityEvent(JSON.parse(JSON.stringify(valid)))).toBe(true);
  });

  it('decodes and rejects exactly as the contract does', () => {
    const inputs: (string | null)[] = [
      ...variants.map((variant) => JSON.stringify(variant)),
      '{"eventId":',
      '[]',
      'null',
      '',
      null,
    ];
    for (const input of inputs) {
      const bytes = input === null ? null : Buffer.from(input);
      let expected: unknown;
      try {
        expected = entityEventV1.deserialize(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(ContractError);
        expect(() => decodeEntityEvent(bytes)).toThrow(ContractError);
        continue;
      }
      expect(decodeEntityEvent(bytes)).toEqual(expected);
    }
  });
});
