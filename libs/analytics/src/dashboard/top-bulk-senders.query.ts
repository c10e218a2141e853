import { z } from 'zod';
import { quoteNumber } from '@vigil/clickhouse';
import { analyticsTables } from '../schema/analytics-tables';
import type { DashboardContext } from './dashboard-context';
import { dashboardQuery } from './dashboard-query';
import { timeRange } from './dashboard-filters';
import { dateTimeLiteral } from './sql-fragments';

const filterSchema = z.intersection(
  timeRange,
  z.object({
    limit: z.number().int().min(1).max(500).default(20),
    minRecipients: z.number().int().min(0).max(10_000_000).default(0),
  }),
);

/** Filter of `topBulkSenders`; the range is widened to whole hours (the aggregate's grain). */
export type TopBulkSendersFilter = z.input<typeof filterSchema>;

export interface BulkSender {
  /** Pseudonymous key (HMAC for numbers, the sender name otherwise). */
  senderKey: string;
  /** Masked number or sender name. */
  sender: string;
  distinctRecipients: number;
  messages: number;
  /** Whether any of the messages carried a URL (smishing). */
  sentUrls: boolean;
}

/** Senders ranked by distinct recipients in the range, from the `bulk_senders_per_hour` aggregate. */
export const topBulkSenders = dashboardQuery(
  'topBulkSenders',
  filterSchema,
  async (context: DashboardContext, filter): Promise<BulkSender[]> => {
    const rows = await context.executor.query<{
      sender_key: string;
      sender_display: string;
      recipients: string | number;
      messages: string | number;
      sent_urls: string | number;
    }>(
      `SELECT sender_key, anyMerge(sender_display_state) AS sender_display,
      uniqExactMerge(recipients_state) AS recipients,
      uniqExactMerge(messages_state) AS messages,
      maxMerge(url_senders_state) AS sent_urls
    FROM ${context.database}.${analyticsTables.bulkSendersPerHour}
    WHERE hour >= toStartOfHour(${dateTimeLiteral(filter.from)}) AND hour < ${dateTimeLiteral(filter.to)}
    GROUP BY sender_key
    HAVING recipients >= ${quoteNumber(filter.minRecipients)}
    ORDER BY recipients DESC, sender_key
    LIMIT ${quoteNumber(filter.limit)}`,
    );
    return rows.map((row) => ({
      senderKey: row.sender_key,
      sender: row.sender_display,
      distinctRecipients: Number(row.recipients),
      messages: Number(row.messages),
      sentUrls: Number(row.sent_urls) === 1,
    }));
  },
);
