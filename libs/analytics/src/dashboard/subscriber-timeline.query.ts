import { z } from 'zod';
import { quoteNumber, quoteString } from '@vigil/clickhouse';
import type { EntityEventKind, Features } from '@vigil/contracts';
import { analyticsTables } from '../schema/analytics-tables';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { DashboardContext } from './dashboard-context';
import { parseFilter, subscriberLookup } from './dashboard-filters';
import { withinOptionalRange } from './sql-fragments';

/** Filter of `subscriberTimeline`: the number as typed; it is hashed, never sent to ClickHouse. */
export type SubscriberTimelineFilter = z.input<typeof subscriberLookup>;

export interface TimelineEvent {
  eventId: string;
  /** `msisdn` (the subscriber's own perspective) or `sender` (what the number sent). */
  perspective: string;
  kind: EntityEventKind;
  occurredAt: string;
  counterparty: string;
  counterpartyClass: string;
  amount: number;
  currency: string;
  answered: boolean;
  durationSec: number;
  features: Features;
}

/**
 * A subscriber's most recent events (newest first), looked up by the keyed hash of the typed number. Replayed
 * duplicates are dropped with `LIMIT 1 BY event_id` (identical rows, adjacent in this order): on 18.16 that is
 * about 10× faster than FINAL for a key lookup.
 */
export async function subscriberTimeline(
  context: DashboardContext,
  input: SubscriberTimelineFilter,
): Promise<TimelineEvent[]> {
  const filter = parseFilter('subscriberTimeline', subscriberLookup, input);
  const key = context.pseudonyms.hashNumber(filter.msisdn);
  const rows = await context.executor.query<{
    event_id: string;
    entity_type: string;
    kind: EntityEventKind;
    occurred_s: string | number;
    counterparty_display: string;
    counterparty_class: string;
    amount: number;
    currency: string;
    answered: number;
    duration_sec: number;
    features_json: string;
  }>(
    `SELECT event_id, entity_type, kind, toUnixTimestamp(occurred_at) AS occurred_s, counterparty_display,
      counterparty_class, amount, currency, answered, duration_sec, features_json
    FROM ${context.database}.${analyticsTables.entityEvents}
    WHERE entity_key = ${quoteString(key)}${withinOptionalRange('occurred_at', filter)}
    ORDER BY occurred_at DESC, event_id
    LIMIT 1 BY event_id
    LIMIT ${quoteNumber(filter.limit)}`,
  );
  return rows.map((row) => ({
    eventId: row.event_id,
    perspective: row.entity_type,
    kind: row.kind,
    occurredAt: fromUnixSeconds(row.occurred_s),
    counterparty: row.counterparty_display,
    counterpartyClass: row.counterparty_class,
    amount: Number(row.amount),
    currency: row.currency,
    answered: Number(row.answered) === 1,
    durationSec: Number(row.duration_sec),
    features: JSON.parse(row.features_json) as Features,
  }));
}
