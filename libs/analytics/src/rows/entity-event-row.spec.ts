import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { fixtureAlerts, fixtureEntityEvents, fixtureNumbers } from '../testing/analytics-fixtures';
import { toAlertRow } from './alert-row';
import { toEntityEventRow } from './entity-event-row';

describe(toEntityEventRow.name, () => {
  const pseudonyms = new SubscriberPseudonymizer('a-test-secret-of-enough-length');

  it('stores no full number anywhere in an entity event row or an alert row', () => {
    const rows = [
      ...fixtureEntityEvents().map((event) => toEntityEventRow(event, pseudonyms)),
      ...fixtureAlerts().map((alert) => toAlertRow(alert, pseudonyms)),
    ];
    const stored = JSON.stringify(rows);
    for (const number of Object.values(fixtureNumbers)) expect(stored).not.toContain(number);
    expect(stored).toContain('***67');
  });

  it('hashes international numbers from 8 digits instead of storing them as key and display', () => {
    const [call] = fixtureEntityEvents();
    const row = toEntityEventRow({ ...call, counterparty: '998901234' }, pseudonyms);
    expect(row).toMatchObject({
      counterparty_key: pseudonyms.hashNumber('998901234'),
      counterparty_display: '***34',
    });
    expect(JSON.stringify(row)).not.toContain('998901234');
  });

  it('writes timestamps as ISO-8601 UTC seconds and keeps features', () => {
    const [call] = fixtureEntityEvents();
    expect(toEntityEventRow(call, pseudonyms)).toMatchObject({
      occurred_at: '2026-01-15T10:01:00Z',
      answered: 1,
      duration_sec: 95,
      counterparty_display: '***33',
      features_json: '{"firstContact":true}',
    });
  });

  it('stores a phone number among the features as the same key its counterparty gets, so equality survives', () => {
    const [call] = fixtureEntityEvents();
    const row = toEntityEventRow(
      {
        ...call,
        counterparty: '77019876543',
        features: { callbackNumbers: ['+7 701 987-65-43', '7575'], note: 'call 87019876543 now' },
      },
      pseudonyms,
    );
    const features = JSON.parse(row.features_json) as { callbackNumbers: string[]; note: string };
    expect(features.callbackNumbers).toEqual([row.counterparty_key, '7575']);
    expect(features.note).toBe('call ***43 now');
    expect(row.features_json).not.toContain('9876543');
  });

  it('keeps the milliseconds whole-second occurred_at leaves out', () => {
    const [call] = fixtureEntityEvents();
    const at = (occurredAt: string) => toEntityEventRow({ ...call, occurredAt }, pseudonyms);
    expect(at('2026-01-15T10:01:00.457Z')).toMatchObject({
      occurred_at: '2026-01-15T10:01:00Z',
      occurred_ms: 457,
    });
    expect(at('2026-01-15T10:01:00.5Z').occurred_ms).toBe(500);
    expect(at('2026-01-15T10:01:00.123456789Z').occurred_ms).toBe(123);
    expect(at('2026-01-15T10:01:00Z').occurred_ms).toBe(0);
    expect(at('2026-01-15T12:01:00.250+02:00')).toMatchObject({
      occurred_at: '2026-01-15T10:01:00Z',
      occurred_ms: 250,
    });
  });
});
