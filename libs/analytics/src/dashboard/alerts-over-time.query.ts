import { z } from 'zod';
import type { Severity, Typology } from '@vigil/contracts';
import { analyticsTables } from '../schema/analytics-tables';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { DashboardContext } from './dashboard-context';
import { dashboardQuery } from './dashboard-query';
import { bucketMinutes, severities, stages, timeRange, typologies } from './dashboard-filters';
import { bucketCounts } from './bucket-counts';
import { inList } from './sql-fragments';

const filterSchema = z.intersection(
  timeRange,
  z.object({
    bucketMinutes: bucketMinutes.default(60),
    typologies: typologies.optional(),
    severities: severities.optional(),
    stages: stages.optional(),
  }),
);

/** Filter of `alertsOverTime`; times are event time of the alert's last matched event. */
export type AlertsOverTimeFilter = z.input<typeof filterSchema>;

export interface AlertsOverTimePoint {
  bucketStart: string;
  typology: Typology;
  severity: Severity;
  alerts: number;
}

/** Distinct alerts per time bucket, typology and severity, from the `alerts_per_minute` aggregate. */
export const alertsOverTime = dashboardQuery(
  'alertsOverTime',
  filterSchema,
  async (context: DashboardContext, filter): Promise<AlertsOverTimePoint[]> => {
    const rows = await bucketCounts<{ typology: Typology; severity: Severity }>(context, {
      table: analyticsTables.alertsPerMinute,
      state: 'alerts_state',
      dimensions: ['typology', 'severity'],
      bucketMinutes: filter.bucketMinutes,
      range: filter,
      conditions:
        inList('typology', filter.typologies) +
        inList('severity', filter.severities) +
        inList('stage', filter.stages),
    });
    return rows.map((row) => ({
      bucketStart: fromUnixSeconds(row.bucket_s),
      typology: row.typology,
      severity: row.severity,
      alerts: Number(row.n),
    }));
  },
);
