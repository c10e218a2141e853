import { Counter, Gauge } from 'prom-client';

/** Metric names of the console (one place, so dashboards and alerts can rely on them). */
export const consoleMetrics = {
  feedItems: new Counter({
    name: 'vigil_console_feed_items_total',
    help: 'Items relayed from the alert router feed, by type',
    labelNames: ['type'],
  }),
  feedConnected: new Gauge({
    name: 'vigil_console_feed_connected',
    help: '1 while the relay is connected to the alert router feed',
  }),
  feedSubscribers: new Gauge({
    name: 'vigil_console_feed_subscribers',
    help: 'Browsers currently following the live feed',
  }),
  signIns: new Counter({
    name: 'vigil_console_sign_ins_total',
    help: 'Sign-in attempts by outcome',
    labelNames: ['outcome'],
  }),
  reveals: new Counter({
    name: 'vigil_console_number_reveals_total',
    help: 'Audited full-number reveals by outcome',
    labelNames: ['outcome'],
  }),
  lookups: new Counter({
    name: 'vigil_console_subscriber_lookups_total',
    help: 'Audited subscriber lookups by number, by route',
    labelNames: ['route'],
  }),
  feedback: new Counter({
    name: 'vigil_console_feedback_total',
    help: 'Analyst verdicts recorded, by verdict',
    labelNames: ['verdict'],
  }),
};
