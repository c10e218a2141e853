import { Counter, Gauge } from 'prom-client';

/** The correlator's scam-signal publication (vigil.subscriber-risk.v1). */
export const subscriberRiskMetrics = {
  recordsPublished: new Counter({
    name: 'vigil_correlator_subscriber_risk_records_total',
    help: 'Subscriber risk states published (a subscriber whose open patterns or endings changed)',
  }),
  sendFailures: new Counter({
    name: 'vigil_correlator_subscriber_risk_send_failures_total',
    help: 'Risk-state sends that failed; their subscribers are written again and the changelog waits for them',
  }),
  trackedSubscribers: new Gauge({
    name: 'vigil_correlator_subscriber_risk_tracked',
    help: 'Subscribers with an open scam pattern or a recent ending, by partition',
    labelNames: ['partition'],
  }),
};
