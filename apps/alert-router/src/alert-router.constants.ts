/** Injection tokens of the alert-router app. */
export const ALERT_ROUTER_SETTINGS = Symbol('ALERT_ROUTER_SETTINGS');
export const ALERT_ROUTER = Symbol('ALERT_ROUTER');
export const SUBSCRIBER_PREFERENCES = Symbol('SUBSCRIBER_PREFERENCES');
/** The transport of the webhook-outbox consumer: its own group and fetch loop, never behind the alerts. */
export const WEBHOOK_OUTBOX_TRANSPORT = Symbol('WEBHOOK_OUTBOX_TRANSPORT');
