import { z } from 'zod';
import { quoteNumber } from '@vigil/clickhouse';
import type { VictimsPerNumberPerDay } from './dashboard-answers';
import type { DashboardContext } from './dashboard-context';
import { timeRange } from './dashboard-filters';
import { dashboardQuery } from './dashboard-query';
import { networkEvidenceRows } from './network-evidence';
import { inList, inTimeRange } from './sql-fragments';

/** A number's pseudonym as the network answers give it (32 hex characters for numbers, the name for senders). */
export const numberKey = z.string().min(1).max(128);

const filterSchema = z.intersection(
  timeRange,
  z.object({
    /** Only these numbers (their keys, as the top-numbers answer gives them); all numbers without. */
    numberKeys: z.array(numberKey).max(100).optional(),
    limit: z.number().int().min(1).max(10_000).default(1_000),
  }),
);

/** Filter of `victimsPerNumberPerDay`: days of the victims' evidence (UTC), half-open range. */
export type VictimsPerNumberPerDayFilter = z.input<typeof filterSchema>;

/**
 * "Victims per scammer number per day": distinct victims whose evidence (an alert, or a transfer to a mule) fell on
 * that UTC day, per number the networks service reported, oldest day first, busiest number first within a day.
 */
export const victimsPerNumberPerDay = dashboardQuery(
  'victimsPerNumberPerDay',
  filterSchema,
  async (context: DashboardContext, filter): Promise<VictimsPerNumberPerDay[]> => {
    const rows = await context.executor.query<{
      day: string;
      number_key: string;
      number_display: string;
      victims: string | number;
    }>(
      `SELECT toString(toDate(e_occurred_at)) AS day, number_key, any(number_display) AS number_display,
      uniqExact(e_victim_key) AS victims
    FROM ${networkEvidenceRows(context)}
    WHERE ${inTimeRange('e_occurred_at', filter)}${inList('number_key', filter.numberKeys)}
    GROUP BY day, number_key
    ORDER BY day, victims DESC, number_key
    LIMIT ${quoteNumber(filter.limit)}`,
    );
    return rows.map((row) => ({
      day: row.day,
      numberKey: row.number_key,
      number: row.number_display,
      victims: Number(row.victims),
    }));
  },
);

export type { VictimsPerNumberPerDay };
