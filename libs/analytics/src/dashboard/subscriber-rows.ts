import type { z } from 'zod';
import { quoteNumber, quoteString } from '@vigil/clickhouse';
import type { DashboardContext } from './dashboard-context';
import type { subscriberLookup } from './dashboard-filters';
import { withinOptionalRange } from './sql-fragments';

/** Where a subscriber's rows are: the table, its subscriber-key, time and row-id columns, and what to select. */
export interface SubscriberRowsSource {
  table: string;
  keyColumn: string;
  timeColumn: string;
  idColumn: string;
  /** The select list. */
  columns: string;
}

/**
 * A subscriber's newest rows of `source` (newest first, at most `lookup.limit`, within the optional range), found by
 * the keyed hash of the typed number: the number itself never reaches ClickHouse. Replayed or retried duplicates are
 * dropped with `LIMIT 1 BY` the row id (identical rows, adjacent in this order): on 18.16 that is about 10× faster
 * than FINAL for a key lookup.
 */
export function newestSubscriberRows<Row extends object>(
  context: DashboardContext,
  lookup: z.infer<typeof subscriberLookup>,
  source: SubscriberRowsSource,
): Promise<Row[]> {
  const key = context.pseudonyms.hashNumber(lookup.msisdn);
  return context.executor.query<Row>(
    `SELECT ${source.columns}
    FROM ${context.database}.${source.table}
    WHERE ${source.keyColumn} = ${quoteString(key)}${withinOptionalRange(source.timeColumn, lookup)}
    ORDER BY ${source.timeColumn} DESC, ${source.idColumn}
    LIMIT 1 BY ${source.idColumn}
    LIMIT ${quoteNumber(lookup.limit)}`,
  );
}
