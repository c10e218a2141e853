import type { DashboardContext } from './dashboard-context';
import { bucketStartSeconds, inTimeRange } from './sql-fragments';

/** What to count from a per-minute aggregate: a `minute` column and a uniqExact state over ids. */
export interface BucketCountsQuery {
  table: string;
  state: string;
  /** Columns counted apart, in the order the rows are sorted by after the bucket. */
  dimensions: readonly string[];
  bucketMinutes: number;
  range: { from: Date; to: Date };
  /** Further `AND …` conditions on the aggregate's columns (see inList). */
  conditions: string;
}

/**
 * Distinct ids per time bucket and `dimensions`, merged from a per-minute aggregate, in time then dimension order:
 * rows of the dimensions' columns, the bucket start `bucket_s` (unix seconds) and the count `n`.
 */
export function bucketCounts<Dimensions extends object>(
  context: DashboardContext,
  query: BucketCountsQuery,
): Promise<(Dimensions & { bucket_s: string | number; n: string | number })[]> {
  const dimensions = query.dimensions.join(', ');
  return context.executor.query(
    `SELECT ${bucketStartSeconds('minute', query.bucketMinutes)} AS bucket_s, ${dimensions},
      uniqExactMerge(${query.state}) AS n
    FROM ${context.database}.${query.table}
    WHERE ${inTimeRange('minute', query.range)}${query.conditions}
    GROUP BY bucket_s, ${dimensions}
    ORDER BY bucket_s, ${dimensions}`,
  );
}
