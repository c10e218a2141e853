import { z } from 'zod';
import { quoteNumber } from '@vigil/clickhouse';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { NetworkNumber } from './dashboard-answers';
import type { DashboardContext } from './dashboard-context';
import { timeRange } from './dashboard-filters';
import { dashboardQuery } from './dashboard-query';
import { networkEvidenceRows } from './network-evidence';
import { inTimeRange } from './sql-fragments';

const filterSchema = z.intersection(
  timeRange,
  z.object({ limit: z.number().int().min(1).max(200).default(20) }),
);

/** Filter of `topNetworkNumbers`: victims whose evidence falls in the half-open range. */
export type TopNetworkNumbersFilter = z.input<typeof filterSchema>;

/** The numbers with the most distinct victims in the range, most first. */
export const topNetworkNumbers = dashboardQuery(
  'topNetworkNumbers',
  filterSchema,
  async (context: DashboardContext, filter): Promise<NetworkNumber[]> => {
    const rows = await context.executor.query<{
      number_key: string;
      number_display: string;
      role: string;
      campaign_id: string;
      victims: string | number;
      first_s: string | number;
      last_s: string | number;
      score: number;
    }>(
      `SELECT number_key, any(number_display) AS number_display, argMax(role, detected_at) AS role,
      argMax(campaign_id, detected_at) AS campaign_id, uniqExact(e_victim_key) AS victims,
      toUInt32(min(e_occurred_at)) AS first_s, toUInt32(max(e_occurred_at)) AS last_s, max(score) AS score
    FROM ${networkEvidenceRows(context)}
    WHERE ${inTimeRange('e_occurred_at', filter)}
    GROUP BY number_key
    ORDER BY victims DESC, number_key
    LIMIT ${quoteNumber(filter.limit)}`,
    );
    return rows.map((row) => ({
      numberKey: row.number_key,
      number: row.number_display,
      role: row.role,
      campaignId: row.campaign_id,
      victims: Number(row.victims),
      firstSeenAt: fromUnixSeconds(row.first_s),
      lastSeenAt: fromUnixSeconds(row.last_s),
      score: Number(row.score),
    }));
  },
);

export type { NetworkNumber };
