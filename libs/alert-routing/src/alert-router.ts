import { systemClock, type AlertV1, type Clock } from '@vigil/contracts';
import type { RoutedDecision, RoutingDecision } from './alert-router.types';
import type { RoutingConfig } from './config/routing-config.types';
import { NotificationPlanner } from './notifications/notification-planner';
import type { NotificationTemplates } from './notifications/notification-templates';
import type { SubscriberPreferenceLookup } from './notifications/subscriber-preferences';
import { stateKeys } from './state/router-state-entry';
import type { RouterState } from './state/router-state';
import { applySuppression } from './suppression/suppression-policy';
import { deliveryIdOf } from './webhooks/webhook-delivery';
import { selectWebhooks } from './webhooks/webhook-selection';

export interface AlertRouterOptions {
  config: RoutingConfig;
  templates: NotificationTemplates;
  preferences: SubscriberPreferenceLookup;
  /** How long an alertId is remembered, in alert time; replays older than this pass again. */
  dedupRetentionMs: number; // e.g. 7 days
  clock?: Clock;
}

/**
 * The routing pipeline for one alert: drop a repeated alertId, fold repeats of an entity and typology into the
 * first alert, let an escalation (early warning → confirmed) through, pick webhooks and plan the subscriber
 * warning. Windows run on the alert's own `detectedAt`, so a replay decides the same way as the original.
 * All state lives in the RouterState passed in (one per alert partition); nothing here does I/O.
 */
export class AlertRouter {
  private readonly planner: NotificationPlanner;
  private readonly clock: Clock;

  constructor(private readonly options: AlertRouterOptions) {
    this.planner = new NotificationPlanner(options.config.notifications, options.templates);
    this.clock = options.clock ?? systemClock;
  }

  route(alert: AlertV1, state: RouterState): RoutingDecision {
    const detectedAtMs = Date.parse(alert.detectedAt);
    const seenKey = stateKeys.seen(alert.alertId);
    if (state.get(seenKey, detectedAtMs)) return { outcome: 'duplicate', alert };
    state.set(seenKey, { type: 'seen', expiresAt: detectedAtMs + this.options.dedupRetentionMs });

    const cooldownMs = this.options.config.suppression.cooldownMsByTypology[alert.typology];
    const verdict = applySuppression(alert, detectedAtMs, cooldownMs, state);
    if (verdict.kind === 'suppressed') {
      return {
        outcome: 'suppressed',
        alert,
        firstAlertId: verdict.firstAlertId,
        repeatCount: verdict.repeatCount,
      };
    }
    const now = new Date(this.clock.now());
    const routedAt = now.toISOString();
    const repeatCount = verdict.kind === 'escalation' ? verdict.repeatCount : 0;
    const decision: RoutedDecision = {
      outcome: 'routed',
      alert,
      reason: verdict.kind,
      repeatCount,
      deliveries: selectWebhooks(alert, this.options.config.webhooks).map((webhook) => ({
        deliveryId: deliveryIdOf(alert.alertId, webhook.id),
        webhookId: webhook.id,
        reason: verdict.kind,
        repeatCount,
        routedAt,
        alert,
      })),
      notification: this.planner.plan(alert, detectedAtMs, state, this.options.preferences, now),
    };
    return decision;
  }
}
