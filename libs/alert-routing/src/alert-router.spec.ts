import { fixedClock, notificationV1, type AlertV1 } from '@vigil/contracts';
import { makeAlert, minutesAfterBase, repositoryRoutingConfig } from '../test/alert-fixtures';
import { AlertRouter } from './alert-router';
import type { RoutingDecision } from './alert-router.types';
import type { RoutingConfig } from './config/routing-config.types';
import { SubscriberPreferenceTable } from './notifications/subscriber-preferences';
import { RouterState } from './state/router-state';

const DAY_MS = 86_400_000;

function setup(adjust: (config: RoutingConfig) => RoutingConfig = (config) => config) {
  const loaded = repositoryRoutingConfig();
  const config = adjust({
    ...loaded.config,
    webhooks: [
      { id: 'soc', url: 'http://127.0.0.1:1/hook', minSeverity: 'high', typologies: [] },
      {
        id: 'prize-desk',
        url: 'http://127.0.0.1:1/prize',
        minSeverity: 'low',
        typologies: ['prize_code_theft'],
      },
    ],
  });
  const preferences = new SubscriberPreferenceTable();
  const router = new AlertRouter({
    config,
    templates: loaded.templates,
    preferences,
    dedupRetentionMs: 7 * DAY_MS,
    clock: fixedClock(Date.parse('2025-06-01T12:30:00Z')),
  });
  const state = new RouterState();
  const route = (alert: AlertV1): RoutingDecision => router.route(alert, state);
  return { route, state, preferences, config };
}

function routed(decision: RoutingDecision) {
  if (decision.outcome !== 'routed') throw new Error(`expected routed, got ${decision.outcome}`);
  return decision;
}

describe(AlertRouter.name, () => {
  it('drops an alertId it has already seen, even after its cool-down', () => {
    const { route } = setup();
    expect(route(makeAlert()).outcome).toBe('routed');
    expect(route(makeAlert()).outcome).toBe('duplicate');
    expect(route(makeAlert({ detectedAt: minutesAfterBase(600) })).outcome).toBe('duplicate');
  });

  it('folds repeats of an entity and typology within the cool-down into the first alert with a count', () => {
    const { route } = setup();
    routed(route(makeAlert({ alertId: 'a-1' })));
    expect(route(makeAlert({ alertId: 'a-2', detectedAt: minutesAfterBase(5) }))).toMatchObject({
      outcome: 'suppressed',
      firstAlertId: 'a-1',
      repeatCount: 1,
    });
    expect(route(makeAlert({ alertId: 'a-3', detectedAt: minutesAfterBase(10) }))).toMatchObject({
      outcome: 'suppressed',
      repeatCount: 2,
    });
    // another typology or another subscriber is not a repeat
    expect(route(makeAlert({ alertId: 'b-1', typology: 'brand_phishing_link' })).outcome).toBe('routed');
    expect(route(makeAlert({ alertId: 'c-1', entity: 'msisdn:77019999999' })).outcome).toBe('routed');
  });

  it('routes the same entity and typology again once the typology cool-down has passed', () => {
    const { route, config } = setup();
    const cooldownMinutes = config.suppression.cooldownMsByTypology.prize_code_theft / 60_000;
    routed(route(makeAlert({ alertId: 'a-1' })));
    expect(
      route(makeAlert({ alertId: 'a-2', detectedAt: minutesAfterBase(cooldownMinutes - 1) })).outcome,
    ).toBe('suppressed');
    expect(
      routed(route(makeAlert({ alertId: 'a-3', detectedAt: minutesAfterBase(cooldownMinutes) }))).reason,
    ).toBe('first');
  });

  it('always delivers the confirmed alert that follows an early warning, once, as an escalation', () => {
    const { route } = setup();
    routed(route(makeAlert({ alertId: 'ew-1', stage: 'early_warning' })));
    route(makeAlert({ alertId: 'ew-2', stage: 'early_warning', detectedAt: minutesAfterBase(1) }));
    const escalation = routed(
      route(makeAlert({ alertId: 'cf-1', stage: 'confirmed', detectedAt: minutesAfterBase(2) })),
    );
    expect(escalation).toMatchObject({ reason: 'escalation', repeatCount: 1 });
    expect(escalation.deliveries.map((delivery) => delivery.webhookId)).toEqual(['soc', 'prize-desk']);
    expect(
      route(makeAlert({ alertId: 'cf-2', stage: 'confirmed', detectedAt: minutesAfterBase(3) })).outcome,
    ).toBe('suppressed');
  });

  it('sends webhooks only at or above their minimum severity and for their typologies', () => {
    const { route } = setup();
    const low = routed(route(makeAlert({ alertId: 'l-1', severity: 'low' })));
    expect(low.deliveries.map((delivery) => delivery.webhookId)).toEqual(['prize-desk']);
    const phishing = routed(
      route(makeAlert({ alertId: 'p-1', typology: 'brand_phishing_link', severity: 'critical' })),
    );
    expect(phishing.deliveries.map((delivery) => delivery.webhookId)).toEqual(['soc']);
  });

  it('warns the subscriber with a contract-valid notification in the preferred language', () => {
    const { route, preferences } = setup();
    preferences.apply('77011234567', '{"language":"kk","optOut":false}');
    const decision = routed(route(makeAlert()));
    if (decision.notification.kind !== 'notify') throw new Error('expected a notification');
    const notification = decision.notification.notification;
    expect(notificationV1.validate(notification).ok).toBe(true);
    expect(notification).toMatchObject({
      msisdn: '77011234567',
      template: 'never-share-code',
      language: 'kk',
    });
    expect(notification.text).toContain('9090');
  });

  it('gives the same notificationId to the same alert and template, whatever the state', () => {
    const first = routed(setup().route(makeAlert()));
    const replay = routed(setup().route(makeAlert()));
    expect(first.notification).toEqual(replay.notification);
  });

  it('warns a subscriber at most once per template per cool-down, and never an opted-out one', () => {
    const { route, preferences } = setup((config) => ({
      ...config,
      notifications: { ...config.notifications, optOut: new Set(['77010000001']) },
    }));
    routed(route(makeAlert({ alertId: 'a-1' })));
    const otherTypologySameTemplate = routed(
      route(makeAlert({ alertId: 'a-2', typology: 'false_prize_payment' })),
    );
    expect(otherTypologySameTemplate.notification).toEqual({
      kind: 'skip',
      reason: 'cooldown',
      template: 'never-share-code',
    });
    expect(
      routed(route(makeAlert({ alertId: 'a-3', entity: 'msisdn:77010000001' }))).notification,
    ).toMatchObject({
      reason: 'opted-out',
    });
    preferences.apply('msisdn:77010000002', '{"optOut":true}');
    expect(
      routed(route(makeAlert({ alertId: 'a-4', entity: 'msisdn:77010000002' }))).notification,
    ).toMatchObject({
      reason: 'opted-out',
    });
    expect(
      routed(
        route(
          makeAlert({ alertId: 'a-5', typology: 'relative_in_trouble', detectedAt: minutesAfterBase(1) }),
        ),
      ).notification.kind,
    ).toBe('notify');
  });

  it('sends no notification for sender and card entities, or typologies without a template', () => {
    const { route } = setup();
    expect(routed(route(makeAlert({ alertId: 's-1', entity: 'sender:KcellPromo' }))).notification).toEqual({
      kind: 'skip',
      reason: 'not-a-subscriber',
    });
    expect(routed(route(makeAlert({ alertId: 'c-1', entity: 'card:tok_42' }))).notification.kind).toBe(
      'skip',
    );
    expect(routed(route(makeAlert({ alertId: 'x-1', typology: 'spyware_offer' }))).notification).toEqual({
      kind: 'skip',
      reason: 'no-template',
    });
  });

  it('undoes the state of a batch that is rolled back, so its redelivery routes the same way', () => {
    const { route, state } = setup();
    routed(route(makeAlert({ alertId: 'a-1' })));
    state.checkpoint();
    route(makeAlert({ alertId: 'a-2', detectedAt: minutesAfterBase(1) }));
    expect(state.pendingChanges().map((change) => change.key)).toEqual([
      'seen:a-2',
      'suppression:msisdn:77011234567|prize_code_theft',
    ]);
    state.rollback();
    expect(route(makeAlert({ alertId: 'a-2', detectedAt: minutesAfterBase(1) }))).toMatchObject({
      outcome: 'suppressed',
      repeatCount: 1,
    });
  });
});
