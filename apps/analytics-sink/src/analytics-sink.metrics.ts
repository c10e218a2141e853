import { Counter, Histogram } from 'prom-client';
import type { AnalyticsSinkListener } from '@vigil/analytics';

export const analyticsSinkMetrics = {
  rowsInserted: new Counter({
    name: 'vigil_analytics_rows_inserted_total',
    help: 'Rows inserted into ClickHouse, by table (replays included)',
    labelNames: ['table'],
  }),
  insertFailures: new Counter({
    name: 'vigil_analytics_insert_failures_total',
    help: 'Failed inserts (their batches are redelivered), by table',
    labelNames: ['table'],
  }),
  insertDuration: new Histogram({
    name: 'vigil_analytics_insert_duration_seconds',
    help: 'Duration of one successful insert, by table',
    labelNames: ['table'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
  rejected: new Counter({
    name: 'vigil_analytics_rejected_total',
    help: 'Records dead-lettered by the sink, by table and reason code',
    labelNames: ['table', 'reason'],
  }),
};

/** A sink listener recording the metrics above. */
export const analyticsSinkMetricsListener: AnalyticsSinkListener = {
  onInserted: (table, rows, durationMs) => {
    analyticsSinkMetrics.rowsInserted.inc({ table }, rows);
    analyticsSinkMetrics.insertDuration.observe({ table }, durationMs / 1000);
  },
  onInsertFailed: (table) => analyticsSinkMetrics.insertFailures.inc({ table }),
  onRejected: (table, reason) => analyticsSinkMetrics.rejected.inc({ table, reason }),
};
