import { Counter, Gauge, Histogram } from 'prom-client';

export const ingestMetrics = {
  eventsIn: new Counter({
    name: 'vigil_ingest_events_in_total',
    help: 'Raw operator records read, by input topic',
    labelNames: ['topic'],
  }),
  entityEventsOut: new Counter({
    name: 'vigil_ingest_entity_events_out_total',
    help: 'Entity events produced, by input topic and kind',
    labelNames: ['topic', 'kind'],
  }),
  rejected: new Counter({
    name: 'vigil_ingest_rejected_total',
    help: 'Raw records sent to the dead-letter topic, by input topic and reason code',
    labelNames: ['topic', 'reason'],
  }),
  duplicates: new Counter({
    name: 'vigil_ingest_duplicates_total',
    help: 'Raw records dropped as repeats of a recent source eventId, by input topic',
    labelNames: ['topic'],
  }),
  watermarksOut: new Counter({
    name: 'vigil_ingest_watermarks_out_total',
    help: 'Source watermark records written to entity-events partitions',
  }),
  sourcesOwned: new Gauge({
    name: 'vigil_ingest_sources_owned',
    help: 'Input partitions this instance reads',
  }),
  sourcesPaused: new Gauge({
    name: 'vigil_ingest_sources_paused',
    help: 'Input partitions paused because they ran ahead of the slowest one in event time (watermark alignment)',
  }),
  slowestSourceLagSeconds: new Gauge({
    name: 'vigil_ingest_slowest_source_lag_seconds',
    help: 'Wall clock minus the event time of the slowest input partition this instance reads',
  }),
  processingLag: new Histogram({
    name: 'vigil_ingest_processing_lag_seconds',
    help: 'Time from a record being appended to the input topic to its entity events being durable',
    labelNames: ['topic'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  }),
};
