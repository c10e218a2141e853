import type { AlertV1 } from '@vigil/contracts';
import type { NotificationPlan } from './notifications/notification-planner';
import type { DeliveryReason, WebhookDelivery } from './webhooks/webhook-delivery';

/** An alertId seen before (a replay): dropped. */
export interface DuplicateDecision {
  outcome: 'duplicate';
  alert: AlertV1;
}

/** A repeat of an entity and typology within its cool-down: folded into the first alert. */
export interface SuppressedDecision {
  outcome: 'suppressed';
  alert: AlertV1;
  firstAlertId: string;
  repeatCount: number;
}

/** An alert that goes out: to the live feed, to the matching webhooks, and maybe as a subscriber warning. */
export interface RoutedDecision {
  outcome: 'routed';
  alert: AlertV1;
  reason: DeliveryReason;
  repeatCount: number;
  deliveries: WebhookDelivery[];
  notification: NotificationPlan;
}

/** What the router did with one alert. */
export type RoutingDecision = DuplicateDecision | SuppressedDecision | RoutedDecision;
