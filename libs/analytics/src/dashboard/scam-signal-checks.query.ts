import { z } from 'zod';
import { quoteNumber, quoteString } from '@vigil/clickhouse';
import { analyticsTables } from '../schema/analytics-tables';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { DashboardContext } from './dashboard-context';
import { parseFilter, subscriberLookup } from './dashboard-filters';
import { withinOptionalRange } from './sql-fragments';

/** Filter of `scamSignalChecks`: the number as typed; it is hashed, never sent to ClickHouse. */
export type ScamSignalChecksFilter = z.input<typeof subscriberLookup>;

/** One check a partner made about the subscriber, and what it was told. */
export interface ScamSignalCheck {
  checkedAt: string;
  clientId: string;
  purpose: string;
  status: number;
  /** The risk level answered, or the error code of a refused check. */
  outcome: string;
  openPatterns: { typology: string; stage: string }[];
  stateAsOf: string;
}

/**
 * The scam-signal checks partners made about a subscriber (newest first), from the audit trail, looked up by the
 * keyed hash of the typed number. A retried audit insert is dropped with `LIMIT 1 BY check_id`.
 */
export async function scamSignalChecks(
  context: DashboardContext,
  input: ScamSignalChecksFilter,
): Promise<ScamSignalCheck[]> {
  const filter = parseFilter('scamSignalChecks', subscriberLookup, input);
  const key = context.pseudonyms.hashNumber(filter.msisdn);
  const rows = await context.executor.query<{
    checked_s: string | number;
    client_id: string;
    purpose: string;
    status: number;
    outcome: string;
    open_patterns: string;
    state_as_of_s: string | number;
  }>(
    `SELECT toUnixTimestamp(checked_at) AS checked_s, client_id, purpose, status, outcome, open_patterns,
      toUnixTimestamp(state_as_of) AS state_as_of_s
    FROM ${context.database}.${analyticsTables.scamSignalChecks}
    WHERE subscriber_key = ${quoteString(key)}${withinOptionalRange('checked_at', filter)}
    ORDER BY checked_at DESC, check_id
    LIMIT 1 BY check_id
    LIMIT ${quoteNumber(filter.limit)}`,
  );
  return rows.map((row) => ({
    checkedAt: fromUnixSeconds(row.checked_s),
    clientId: row.client_id,
    purpose: row.purpose,
    status: Number(row.status),
    outcome: row.outcome,
    openPatterns: JSON.parse(row.open_patterns) as { typology: string; stage: string }[],
    stateAsOf: fromUnixSeconds(row.state_as_of_s),
  }));
}
