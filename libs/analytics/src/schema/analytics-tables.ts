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

/**
 * Which shard stores a row the application inserts through a Distributed table. Deterministic functions of columns
 * that a replay repeats unchanged: the subscriber pseudonym keeps a subscriber's events and alerts (and every replay
 * of them) on one shard; feedback follows its alert id, the only key it has.
 */
export const analyticsShardingKeys = {
  [analyticsTables.entityEvents]: 'cityHash64(entity_key)',
  [analyticsTables.alerts]: 'cityHash64(entity_key)',
  [analyticsTables.alertFeedback]: 'cityHash64(alert_id)',
  [analyticsTables.scamSignalChecks]: 'cityHash64(subscriber_key)',
  [analyticsTables.ruleHistory]: 'cityHash64(rule_id)',
  [analyticsTables.networkFindings]: 'cityHash64(number_key)',
  [analyticsTables.blocklistDecisions]: 'cityHash64(number_key)',
} as const;

/** Tables the application writes (the aggregates are filled by materialized views). */
export type WrittenTable = keyof typeof analyticsShardingKeys;

/** Tables the sink writes, one buffer each. */
export type SinkTable =
  | typeof analyticsTables.entityEvents
  | typeof analyticsTables.alerts
  | typeof analyticsTables.networkFindings
  | typeof analyticsTables.blocklistDecisions;
