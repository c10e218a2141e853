import { z } from 'zod';
import { quoteNumber, quoteString } from '@vigil/clickhouse';
import { analyticsTables } from '../schema/analytics-tables';
import type { DashboardContext } from './dashboard-context';
import { dashboardQuery } from './dashboard-query';
import { freeId, severities, stages, timeRange, typedMsisdn, typologies } from './dashboard-filters';
import { toAlertSummary, type AlertSummary, type AlertSummaryRow } from './alert-summary';
import { inList, inTimeRange } from './sql-fragments';

const filterSchema = z.intersection(
  timeRange,
  z.object({
    typologies: typologies.optional(),
    severities: severities.optional(),
    stages: stages.optional(),
    ruleId: freeId.optional(),
    /** A subscriber number as typed: matches the alert's entity or any counterparty. */
    msisdn: typedMsisdn.optional(),
    page: z.number().int().min(0).max(10_000).default(0),
    pageSize: z.number().int().min(1).max(200).default(50),
  }),
);

/** Filter of `alertList`: time range on the alert's last matched event, newest first. */
export type AlertListFilter = z.input<typeof filterSchema>;

export interface AlertPage {
  items: AlertSummary[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** One page of alerts matching the filters (deduplicated by alert id). */
export const alertList = dashboardQuery(
  'alertList',
  filterSchema,
  async (context: DashboardContext, filter): Promise<AlertPage> => {
    const subscriberKey = filter.msisdn
      ? quoteString(context.pseudonyms.hashNumber(filter.msisdn))
      : undefined;
    const rows = await context.executor.query<AlertSummaryRow>(
      `SELECT alert_id, rule_id, rule_version, typology, severity, stage, entity_type, entity_display,
      toUnixTimestamp(detected_at) AS detected_s, toUnixTimestamp(last_event_at) AS last_event_s, score
    FROM ${context.database}.${analyticsTables.alerts} FINAL
    WHERE ${inTimeRange('last_event_at', filter)}` +
        inList('typology', filter.typologies) +
        inList('severity', filter.severities) +
        inList('stage', filter.stages) +
        (filter.ruleId ? ` AND rule_id = ${quoteString(filter.ruleId)}` : '') +
        (subscriberKey
          ? ` AND (entity_key = ${subscriberKey} OR has(counterparty_keys, ${subscriberKey}))`
          : '') +
        `
    ORDER BY last_event_at DESC, alert_id
    LIMIT ${quoteNumber(filter.page * filter.pageSize)}, ${quoteNumber(filter.pageSize + 1)}`,
    );
    const items = rows.slice(0, filter.pageSize).map(toAlertSummary);
    return { items, page: filter.page, pageSize: filter.pageSize, hasMore: rows.length > filter.pageSize };
  },
);
