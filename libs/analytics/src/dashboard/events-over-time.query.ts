import { z } from 'zod';
import type { EntityEventKind } from '@vigil/contracts';
import { analyticsTables } from '../schema/analytics-tables';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { DashboardContext } from './dashboard-context';
import { dashboardQuery } from './dashboard-query';
import { bucketMinutes, eventKinds, timeRange } from './dashboard-filters';
import { bucketCounts } from './bucket-counts';
import { inList } from './sql-fragments';

const filterSchema = z.intersection(
  timeRange,
  z.object({ bucketMinutes: bucketMinutes.default(60), kinds: eventKinds.optional() }),
);

/** Filter of `eventsOverTime` (event time). */
export type EventsOverTimeFilter = z.input<typeof filterSchema>;

export interface EventsOverTimePoint {
  bucketStart: string;
  kind: EntityEventKind;
  events: number;
}

/** Distinct entity events per time bucket and kind, from the `events_per_minute` aggregate. */
export const eventsOverTime = dashboardQuery(
  'eventsOverTime',
  filterSchema,
  async (context: DashboardContext, filter): Promise<EventsOverTimePoint[]> => {
    const rows = await bucketCounts<{ kind: EntityEventKind }>(context, {
      table: analyticsTables.eventsPerMinute,
      state: 'events_state',
      dimensions: ['kind'],
      bucketMinutes: filter.bucketMinutes,
      range: filter,
      conditions: inList('kind', filter.kinds),
    });
    return rows.map((row) => ({
      bucketStart: fromUnixSeconds(row.bucket_s),
      kind: row.kind,
      events: Number(row.n),
    }));
  },
);
