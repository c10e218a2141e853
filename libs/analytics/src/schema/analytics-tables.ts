/** Table names of the analytics schema (inside the configured database, default `vigil`). */
export const analyticsTables = {
  entityEvents: 'entity_events',
  alerts: 'alerts',
  alertFeedback: 'alert_feedback',
  eventsPerMinute: 'events_per_minute',
  alertsPerMinute: 'alerts_per_minute',
  bulkSendersPerHour: 'bulk_senders_per_hour',
  ruleHitsPerDay: 'rule_hits_per_day',
  alertVerdicts: 'alert_verdicts',
  scamSignalChecks: 'scam_signal_checks',
  ruleHistory: 'rule_history',
  networkFindings: 'network_findings',
  blocklistDecisions: 'blocklist_decisions',
} as const;
export type AnalyticsTable = (typeof analyticsTables)[keyof typeof analyticsTables];

/** Tables the sink writes, one buffer each. */
export type SinkTable =
  | typeof analyticsTables.entityEvents
  | typeof analyticsTables.alerts
  | typeof analyticsTables.networkFindings
  | typeof analyticsTables.blocklistDecisions;
