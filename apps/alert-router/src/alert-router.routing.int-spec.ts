import { notificationV1, type NotificationV1 } from '@vigil/contracts';
import { MAX_NOTIFICATION_SEGMENTS, measureSms } from '@vigil/alert-routing';
import { makeAlert, minutesAfterBase } from '../../../libs/alert-routing/test/alert-fixtures';
import { AlertRouterHarness, subscribeFeed, waitFor, type ReceivedEvent } from '../test/alert-router.harness';

jest.setTimeout(90_000);

/** The alertId a feed event is about (`alert` carries the alert, `repeat` its own id). */
function feedAlertId(event: ReceivedEvent): string {
  const data = event.data as { alertId?: string; alert?: { alertId: string } };
  return data.alert?.alertId ?? data.alertId ?? '';
}

describe('alert router routing', () => {
  let harness: AlertRouterHarness;

  beforeEach(async () => {
    harness = new AlertRouterHarness();
    await harness.setUp();
  });
  afterEach(() => harness.tearDown());

  it('folds repeats, delivers the escalation, and warns subscribers only with contract-valid notifications', async () => {
    const kazakhSpeaker = 'msisdn:77010000001';
    const optedOut = 'msisdn:77010000002';
    const defaultLanguage = 'msisdn:77010000003';
    await harness.produce(harness.env.SUBSCRIBER_PREFERENCES_TOPIC, [
      { key: '77010000001', value: '{"language":"kk","optOut":false}' },
      { key: '77010000002', value: '{"language":"en","optOut":true}' },
    ]);
    const app = await harness.startRouter(harness.settings());
    const feed = await subscribeFeed(app);

    const malware = { typology: 'premium_sms_malware' as const, entity: kazakhSpeaker };
    await harness.produceAlerts([
      makeAlert({ ...malware, alertId: 'ew-1', stage: 'early_warning', detectedAt: minutesAfterBase(0) }),
      makeAlert({ ...malware, alertId: 'ew-2', stage: 'early_warning', detectedAt: minutesAfterBase(1) }),
      makeAlert({ ...malware, alertId: 'cf-1', stage: 'confirmed', detectedAt: minutesAfterBase(2) }),
      makeAlert({ ...malware, alertId: 'cf-2', stage: 'confirmed', detectedAt: minutesAfterBase(3) }),
      makeAlert({ alertId: 'opted-out-1', entity: optedOut }),
      makeAlert({ alertId: 'sender-1', entity: 'sender:PrizeCentre', typology: 'smishing_bulk_sender' }),
      makeAlert({ alertId: 'card-1', entity: 'card:tok_42', typology: 'stolen_card_topups' }),
      makeAlert({ alertId: 'relative-1', entity: defaultLanguage, typology: 'relative_in_trouble' }),
    ]);
    // not an alert: dead-lettered, routing carries on
    await harness.produce(harness.env.ALERTS_TOPIC, [{ key: kazakhSpeaker, value: '{"alertId":"broken"}' }]);
    await waitFor(() => feed.events.length >= 8);
    feed.close();

    const byId = new Map(feed.events.map((event) => [feedAlertId(event), event]));
    expect(byId.get('ew-1')).toMatchObject({ type: 'alert', data: { reason: 'first', repeatCount: 0 } });
    expect(byId.get('ew-2')).toMatchObject({
      type: 'repeat',
      data: { firstAlertId: 'ew-1', repeatCount: 1 },
    });
    expect(byId.get('cf-1')).toMatchObject({ type: 'alert', data: { reason: 'escalation', repeatCount: 1 } });
    expect(byId.get('cf-2')).toMatchObject({
      type: 'repeat',
      data: { firstAlertId: 'ew-1', repeatCount: 2 },
    });
    for (const id of ['opted-out-1', 'sender-1', 'card-1', 'relative-1'])
      expect(byId.get(id)?.type).toBe('alert');
    expect(feed.events).toHaveLength(8);

    const records = await harness.readToEnd(harness.env.NOTIFICATIONS_TOPIC);
    const notifications: NotificationV1[] = records.map((record) => notificationV1.deserialize(record.value));
    for (const [index, notification] of notifications.entries()) {
      expect(records[index].key).toBe(notification.msisdn);
      expect(measureSms(notification.text ?? '').segments).toBeLessThanOrEqual(MAX_NOTIFICATION_SEGMENTS);
    }
    expect(
      notifications
        .map(({ alertId, msisdn, template, language }) => ({ alertId, msisdn, template, language }))
        .sort((a, b) => a.alertId.localeCompare(b.alertId)),
    ).toEqual([
      // the early warning of premium_sms_malware has no template; its escalation warns, in the preferred Kazakh
      { alertId: 'cf-1', msisdn: '77010000001', template: 'premium-sms-warning', language: 'kk' },
      { alertId: 'relative-1', msisdn: '77010000003', template: 'verify-relative', language: 'ru' },
    ]);

    const deadLetters = (await harness.readToEnd(harness.env.DLQ_TOPIC)).map((record) =>
      JSON.parse(record.value),
    );
    expect(deadLetters).toMatchObject([{ reasonCode: 'SCHEMA_VIOLATION', service: 'alert-router' }]);
  });

  it('filters the live feed by minimum severity', async () => {
    const app = await harness.startRouter(harness.settings());
    const feed = await subscribeFeed(app, '?minSeverity=critical');
    await harness.produceAlerts([
      makeAlert({ alertId: 'high-1', severity: 'high', entity: 'msisdn:77010000031' }),
      makeAlert({
        alertId: 'critical-1',
        severity: 'critical',
        entity: 'msisdn:77010000031',
        typology: 'spyware_offer',
      }),
    ]);
    await waitFor(() => feed.events.length >= 1);
    await waitFor(async () =>
      harness.committedToEnd(harness.env.ALERT_ROUTER_GROUP_ID, harness.env.ALERTS_TOPIC),
    );
    feed.close();
    expect(feed.events.map(feedAlertId)).toEqual(['critical-1']);
  });
});
