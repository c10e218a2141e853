import { TYPOLOGIES, notificationV1, type Typology } from '@vigil/contracts';
import { makeAlert, minutesAfterBase } from '../../../libs/alert-routing/test/alert-fixtures';
import { AlertRouterHarness, waitFor } from '../test/alert-router.harness';

jest.setTimeout(90_000);

describe('alert router across a restart', () => {
  let harness: AlertRouterHarness;

  beforeEach(async () => {
    harness = new AlertRouterHarness();
    await harness.setUp();
  });
  afterEach(() => harness.tearDown());

  it('drops replayed alert ids after a restart, from the restored state topic', async () => {
    // Cool-downs of 1 ms: only the alertId dedup can stop a replay from warning the subscriber again.
    const settings = harness.settings((s) => ({
      ...s,
      routing: {
        ...s.routing,
        config: {
          ...s.routing.config,
          suppression: {
            cooldownMsByTypology: Object.fromEntries(TYPOLOGIES.map((t) => [t, 1])) as Record<
              Typology,
              number
            >,
          },
          notifications: { ...s.routing.config.notifications, cooldownMs: 1 },
        },
      },
    }));
    const alice = 'msisdn:77010000011';
    const bob = 'msisdn:77010000022';
    const a1 = makeAlert({ alertId: 'a1', entity: alice, detectedAt: minutesAfterBase(0) });
    const a2 = makeAlert({ alertId: 'a2', entity: alice, detectedAt: minutesAfterBase(1) });
    const b1 = makeAlert({ alertId: 'b1', entity: bob, detectedAt: minutesAfterBase(0) });
    const notifiedAlertIds = async () =>
      (await harness.readToEnd(harness.env.NOTIFICATIONS_TOPIC)).map(
        (record) => notificationV1.deserialize(record.value).alertId,
      );

    const first = await harness.startRouter(settings);
    await harness.produceAlerts([a1, a2, b1]);
    await waitFor(async () => (await notifiedAlertIds()).length === 3);
    await harness.stopRouter(first);

    await harness.startRouter(harness.settings(() => settings));
    // Replays (a correlator crash) followed, per partition, by a new alert of the same subscriber.
    const a3 = makeAlert({ alertId: 'a3', entity: alice, detectedAt: minutesAfterBase(2) });
    const b2 = makeAlert({ alertId: 'b2', entity: bob, detectedAt: minutesAfterBase(2) });
    await harness.produceAlerts([a1, a2, b1, a3, b2]);
    await waitFor(async () => (await notifiedAlertIds()).length >= 5);

    expect((await notifiedAlertIds()).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
  });
});
