/** Injection tokens of the alert-router app. */
export const ALERT_ROUTER_SETTINGS = Symbol('ALERT_ROUTER_SETTINGS');
export const ALERT_ROUTER = Symbol('ALERT_ROUTER');
export const SUBSCRIBER_PREFERENCES = Symbol('SUBSCRIBER_PREFERENCES');
