import {
  type ClusterOptions,
  type DroppedPartition,
  type RetainedTable,
  type SqlExecutor,
  dropExpiredPartitions,
} from '@vigil/clickhouse';
import { analyticsTables as t } from '../schema/analytics-tables';

/** Retention windows in days per data class. */
export interface AnalyticsRetentionDays {
  /** Entity events and their per-minute / per-hour aggregates. */
  events: number;
  /** Alerts, feedback and their aggregates (kept longer: precision trends, audits). */
  alerts: number;
}

/** Every partitioned analytics table with its partition grain and retention. */
export function retainedAnalyticsTables(days: AnalyticsRetentionDays): RetainedTable[] {
  return [
    { table: t.entityEvents, granularity: 'day', retentionDays: days.events },
    { table: t.eventsPerMinute, granularity: 'day', retentionDays: days.events },
    { table: t.bulkSendersPerHour, granularity: 'day', retentionDays: days.events },
    { table: t.alerts, granularity: 'month', retentionDays: days.alerts },
    { table: t.alertFeedback, granularity: 'month', retentionDays: days.alerts },
    { table: t.alertsPerMinute, granularity: 'month', retentionDays: days.alerts },
    { table: t.ruleHitsPerDay, granularity: 'month', retentionDays: days.alerts },
    { table: t.alertVerdicts, granularity: 'month', retentionDays: days.alerts },
    // Audits of partners' checks are kept as long as the alerts they may be asked about.
    { table: t.scamSignalChecks, granularity: 'month', retentionDays: days.alerts },
    // Network findings are evidence built from alerts: kept as long as the alerts. Block-list decisions are never
    // dropped (the audit of who blocked a number, and why).
    { table: t.networkFindings, granularity: 'month', retentionDays: days.alerts },
  ];
}

/**
 * Drops analytics partitions older than their retention (ClickHouse 18.16 has no TTL); on a cluster, from the
 * `_local` tables of every shard.
 */
export function applyAnalyticsRetention(
  executor: SqlExecutor,
  database: string,
  days: AnalyticsRetentionDays,
  now: Date = new Date(),
  options: ClusterOptions = {},
): Promise<DroppedPartition[]> {
  return dropExpiredPartitions(executor, database, retainedAnalyticsTables(days), now, options);
}
