import { Counter, Gauge } from 'prom-client';

/** Metrics of the alert router, one place for all of them. */
export const alertRouterMetrics = {
  alerts: new Counter({
    name: 'vigil_alert_router_alerts_total',
    help: 'Alerts by routing outcome (routed, suppressed, duplicate, invalid) and reason (first, escalation)',
    labelNames: ['outcome', 'reason', 'typology'],
  }),
  notifications: new Counter({
    name: 'vigil_alert_router_notifications_total',
    help: 'Subscriber warnings produced, by template and language',
    labelNames: ['template', 'language'],
  }),
  notificationsSkipped: new Counter({
    name: 'vigil_alert_router_notifications_skipped_total',
    help: 'Routed alerts that warned nobody, by reason (not-a-subscriber, no-template, opted-out, cooldown)',
    labelNames: ['reason'],
  }),
  webhookDeliveries: new Counter({
    name: 'vigil_alert_router_webhook_deliveries_total',
    help: 'Webhook deliveries finished, by webhook and result (delivered, dead_lettered)',
    labelNames: ['webhook', 'result'],
  }),
  webhookRetries: new Counter({
    name: 'vigil_alert_router_webhook_retries_total',
    help: 'Webhook attempts that failed and were retried, by webhook',
    labelNames: ['webhook'],
  }),
  stateRestored: new Counter({
    name: 'vigil_alert_router_state_entries_restored_total',
    help: 'Router state entries loaded from the state topic at assignment',
  }),
  feedSubscribers: new Gauge({
    name: 'vigil_alert_router_feed_subscribers',
    help: 'Open live-feed (server-sent events) connections',
  }),
};
