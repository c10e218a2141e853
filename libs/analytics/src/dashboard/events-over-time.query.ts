import { z } from 'zod';
import type { EntityEventKind } from '@vigil/contracts';
import { analyticsTables } from '../schema/analytics-tables';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { DashboardContext } from './dashboard-context';
import { bucketMinutes, eventKinds, parseFilter, timeRange } from './dashboard-filters';
import { bucketStartSeconds, inList, inTimeRange } from './sql-fragments';

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
export async function eventsOverTime(
  context: DashboardContext,
  input: EventsOverTimeFilter,
): Promise<EventsOverTimePoint[]> {
  const filter = parseFilter('eventsOverTime', filterSchema, input);
  const rows = await context.executor.query<{
    bucket_s: string | number;
    kind: EntityEventKind;
    event_count: string;
  }>(
    `SELECT ${bucketStartSeconds('minute', filter.bucketMinutes)} AS bucket_s, kind,
      uniqExactMerge(events_state) AS event_count
    FROM ${context.database}.${analyticsTables.eventsPerMinute}
    WHERE ${inTimeRange('minute', filter)}` +
      inList('kind', filter.kinds) +
      `
    GROUP BY bucket_s, kind
    ORDER BY bucket_s, kind`,
  );
  return rows.map((row) => ({
    bucketStart: fromUnixSeconds(row.bucket_s),
    kind: row.kind,
    events: Number(row.event_count),
  }));
}
