import { Counter, Gauge, Histogram } from 'prom-client';

export const correlatorMetrics = {
  eventsProcessed: new Counter({
    name: 'vigil_correlator_events_processed_total',
    help: 'Entity events run through the engine',
  }),
  replayedEventsSkipped: new Counter({
    name: 'vigil_correlator_replayed_events_skipped_total',
    help: 'Redelivered events whose effect the restored state already holds',
  }),
  alerts: new Counter({
    name: 'vigil_correlator_alerts_total',
    help: 'Alerts published, by typology and stage',
    labelNames: ['typology', 'stage'],
  }),
  droppedMatches: new Counter({
    name: 'vigil_correlator_dropped_matches_total',
    help: 'Matches dropped at a per-entity bound (maxPartialMatchesPerRule), by rule and reason',
    labelNames: ['rule', 'reason'],
  }),
  supersededAlerts: new Counter({
    name: 'vigil_correlator_superseded_alerts_total',
    help: 'Confirmed matches not published because a more specific rule alerted on the same events, by rule and winner',
    labelNames: ['rule', 'superseded_by'],
  }),
  lateEvents: new Counter({
    name: 'vigil_correlator_late_events_total',
    help: 'Events whose record existed before the watermark, sent to the dead-letter topic, by partition',
    labelNames: ['partition'],
  }),
  sourceReplaysSkipped: new Counter({
    name: 'vigil_correlator_source_replays_skipped_total',
    help: 'Entity events an ingest replay produced again for input records this partition already had',
  }),
  watermarkRecords: new Counter({
    name: 'vigil_correlator_watermark_records_total',
    help: 'Source watermark records applied',
  }),
  slowestSourceLagSeconds: new Gauge({
    name: 'vigil_correlator_slowest_source_lag_seconds',
    help: 'Wall clock minus the event time of the slowest active source feeding the partition, by partition and source',
    labelNames: ['partition', 'source'],
  }),
  activePartialMatches: new Gauge({
    name: 'vigil_correlator_active_partial_matches',
    help: 'Partial matches and threshold windows in progress, by partition',
    labelNames: ['partition'],
  }),
  trackedEntities: new Gauge({
    name: 'vigil_correlator_tracked_entities',
    help: 'Entities holding state, by partition',
    labelNames: ['partition'],
  }),
  bufferedEvents: new Gauge({
    name: 'vigil_correlator_buffered_events',
    help: 'Events buffered for sequence matching, by partition',
    labelNames: ['partition'],
  }),
  evictions: new Gauge({
    name: 'vigil_correlator_evictions',
    help: 'State evicted to respect per-entity bounds since the partition was assigned, by partition and kind',
    labelNames: ['partition', 'kind'],
  }),
  changelogBytes: new Counter({
    name: 'vigil_correlator_changelog_bytes_total',
    help: 'Bytes of entity state written to the changelog',
  }),
  restoreSeconds: new Histogram({
    name: 'vigil_correlator_restore_seconds',
    help: 'Time to restore a partition from the changelog',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  }),
  restoredEntities: new Counter({
    name: 'vigil_correlator_restored_entities_total',
    help: 'Entity states restored from the changelog',
  }),
  watermarkLagSeconds: new Gauge({
    name: 'vigil_correlator_watermark_lag_seconds',
    help: 'Wall clock minus the partition watermark, by partition',
    labelNames: ['partition'],
  }),
  ruleVersions: new Gauge({
    name: 'vigil_correlator_rule_version',
    help: 'Version of each rule in force',
    labelNames: ['rule'],
  }),
  ruleUpdatesRejected: new Counter({
    name: 'vigil_correlator_rule_updates_rejected_total',
    help: 'Published rule sets that failed validation and were not applied',
  }),
};
