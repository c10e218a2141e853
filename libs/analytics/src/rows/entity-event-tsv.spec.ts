import { toTabSeparated } from '@vigil/clickhouse';
import type { EntityEventV1 } from '@vigil/contracts';
import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { fixtureEntityEvents } from '../testing/analytics-fixtures';
import { isCanonicalUtc, toDateTimeText } from './date-time-text';
import { ENTITY_EVENT_COLUMNS, entityEventTsvLine, toEntityEventRow } from './entity-event-row';

describe(entityEventTsvLine.name, () => {
  const pseudonyms = new SubscriberPseudonymizer('a-test-secret-of-enough-length');
  const { counterparty: _absent, ...withoutCounterparty } = fixtureEntityEvents()[0];
  const awkward: EntityEventV1 = {
    ...fixtureEntityEvents()[0],
    eventId: 'tab\there\\and\nnewline\r\0:call_in',
    channel: 'ussd\t*100#',
    features: { note: 'call 77011234567\tback', domains: ['a.kz', 'b\\c'], hasUrl: true, score: 0.25 },
  };

  const oddParties: EntityEventV1 = {
    ...fixtureEntityEvents()[0],
    entity: 'sender:KASPI\tBANK',
    counterparty: '+7 (701) 123-45-67',
    counterpartyClass: undefined,
    amount: 0.1,
    currency: 'KZT',
    features: {},
  };

  it('writes exactly what toTabSeparated writes for the same event as a row, escapes and masking included', () => {
    for (const event of [...fixtureEntityEvents(), awkward, oddParties, withoutCounterparty]) {
      const row = toEntityEventRow(event, pseudonyms);
      expect(Object.keys(row)).toEqual([...ENTITY_EVENT_COLUMNS]);
      expect(entityEventTsvLine(event, pseudonyms)).toBe(toTabSeparated(ENTITY_EVENT_COLUMNS, [row]));
    }
    expect(entityEventTsvLine(awkward, pseudonyms)).not.toContain('77011234567');
    expect(entityEventTsvLine(oddParties, pseudonyms)).not.toContain('123-45-67');
  });
});

describe(isCanonicalUtc.name, () => {
  it('vouches only for real Z instants from 1970 on, whose text is then the first 19 characters', () => {
    for (const ok of ['2026-01-15T10:09:00Z', '2026-01-15T10:09:00.5Z', '2024-02-29T23:59:59.123456789Z']) {
      expect(isCanonicalUtc(ok)).toBe(true);
      const ms = Date.parse(ok);
      expect(toDateTimeText(ok)).toBe(
        `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`,
      );
    }
    for (const no of [
      '2026-02-29T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-01-00T10:00:00Z',
      '2026-01-15T24:00:00Z',
      '2026-01-15T10:60:00Z',
      '2016-12-31T23:59:60Z',
      '1969-12-31T23:59:59Z',
      '2026-01-15T10:09:00.Z',
      '2026-01-15T10:09:00.1234567890Z',
      '2026-01-15T10:09:00+06:00',
      '2026-01-15t10:09:00z',
      '2026-01-15 10:09:00Z',
      '2026-1-15T10:09:00Z',
    ]) {
      expect(isCanonicalUtc(no)).toBe(false);
    }
    expect(toDateTimeText('2026-01-15T16:09:00+06:00')).toBe('2026-01-15T10:09:00Z'); // the general path
  });
});
