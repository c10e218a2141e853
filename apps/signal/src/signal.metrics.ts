import { Counter, Gauge, Histogram } from 'prom-client';

/** Metrics of the scam-signal service. */
export const signalMetrics = {
  checks: new Counter({
    name: 'vigil_signal_checks_total',
    help: 'Checks answered, by client and answer (a risk level, or the error code)',
    labelNames: ['client', 'answer'],
  }),
  checkSeconds: new Histogram({
    name: 'vigil_signal_check_seconds',
    help: 'Time to answer a check inside the service',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
  }),
  stateAgeSeconds: new Histogram({
    name: 'vigil_signal_state_age_seconds',
    help: 'Age of the state a check was answered from (now - stateAsOf)',
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  }),
  tokens: new Counter({
    name: 'vigil_signal_tokens_total',
    help: 'Token requests, by outcome (issued, invalid_client, invalid_scope, …)',
    labelNames: ['outcome'],
  }),
  subscribersWithState: new Gauge({
    name: 'vigil_signal_subscribers_with_state',
    help: 'Subscribers with an open pattern or a recent ending, held in memory',
  }),
  riskRecords: new Counter({
    name: 'vigil_signal_risk_records_total',
    help: 'Risk-state records read from vigil.subscriber-risk.v1, by outcome (applied, invalid)',
    labelNames: ['outcome'],
  }),
  muleRecords: new Counter({
    name: 'vigil_signal_mule_records_total',
    help: 'Records read from vigil.blocklist.v1 and vigil.blocklist-proposals.v1, by source and outcome (held, removed, ignored, invalid, dropped_full)',
    labelNames: ['source', 'outcome'],
  }),
  muleNumbers: new Gauge({
    name: 'vigil_signal_mule_numbers',
    help: 'Mule numbers held in memory for payee checks, by standing (approved, undecided)',
    labelNames: ['standing'],
  }),
  payeeMuleChecks: new Counter({
    name: 'vigil_signal_payee_mule_checks_total',
    help: 'Checks whose payee is a mule number, by standing (approved, undecided)',
    labelNames: ['standing'],
  }),
  auditPending: new Gauge({
    name: 'vigil_signal_audit_pending_rows',
    help: 'Audit rows waiting to be written to ClickHouse',
  }),
  auditFailures: new Counter({
    name: 'vigil_signal_audit_write_failures_total',
    help: 'Failed audit writes (the rows are kept and written again)',
  }),
};
