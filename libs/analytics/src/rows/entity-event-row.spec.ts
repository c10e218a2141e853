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
});
