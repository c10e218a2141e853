import { z } from 'zod';
import { analyticsTables } from '../schema/analytics-tables';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { ScamSignalCheck } from './dashboard-answers';
import type { DashboardContext } from './dashboard-context';
import { subscriberLookup } from './dashboard-filters';
import { dashboardQuery } from './dashboard-query';
import { newestSubscriberRows } from './subscriber-rows';

/** Filter of `scamSignalChecks`: the number as typed; it is hashed, never sent to ClickHouse. */
export type ScamSignalChecksFilter = z.input<typeof subscriberLookup>;

/**
 * The scam-signal checks partners made about a subscriber (newest first), from the audit trail; a retried audit
 * insert is dropped (see newestSubscriberRows).
 */
export const scamSignalChecks = dashboardQuery(
  'scamSignalChecks',
  subscriberLookup,
  async (context: DashboardContext, filter): Promise<ScamSignalCheck[]> => {
    const rows = await newestSubscriberRows<{
      checked_s: string | number;
      client_id: string;
      purpose: string;
      status: number;
      outcome: string;
      open_patterns: string;
      state_as_of_s: string | number;
    }>(context, filter, {
      table: analyticsTables.scamSignalChecks,
      keyColumn: 'subscriber_key',
      timeColumn: 'checked_at',
      idColumn: 'check_id',
      columns: `toUnixTimestamp(checked_at) AS checked_s, client_id, purpose, status, outcome, open_patterns,
      toUnixTimestamp(state_as_of) AS state_as_of_s`,
    });
    return rows.map((row) => ({
      checkedAt: fromUnixSeconds(row.checked_s),
      clientId: row.client_id,
      purpose: row.purpose,
      status: Number(row.status),
      outcome: row.outcome,
      openPatterns: JSON.parse(row.open_patterns) as { typology: string; stage: string }[],
      stateAsOf: fromUnixSeconds(row.state_as_of_s),
    }));
  },
);
