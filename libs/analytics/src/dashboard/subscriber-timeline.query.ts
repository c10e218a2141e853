import { z } from 'zod';
import type { EntityEventKind, Features } from '@vigil/contracts';
import { analyticsTables } from '../schema/analytics-tables';
import { fromUnixSeconds } from '../rows/date-time-text';
import type { TimelineEventShape } from './dashboard-answers';
import type { DashboardContext } from './dashboard-context';
import { subscriberLookup } from './dashboard-filters';
import { dashboardQuery } from './dashboard-query';
import { newestSubscriberRows } from './subscriber-rows';

/** Filter of `subscriberTimeline`: the number as typed; it is hashed, never sent to ClickHouse. */
export type SubscriberTimelineFilter = z.input<typeof subscriberLookup>;

export interface TimelineEvent extends TimelineEventShape {
  kind: EntityEventKind;
  features: Features;
}

/** A subscriber's most recent events (newest first), replayed duplicates dropped (see newestSubscriberRows). */
export const subscriberTimeline = dashboardQuery(
  'subscriberTimeline',
  subscriberLookup,
  async (context: DashboardContext, filter): Promise<TimelineEvent[]> => {
    const rows = await newestSubscriberRows<{
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
    }>(context, filter, {
      table: analyticsTables.entityEvents,
      keyColumn: 'entity_key',
      timeColumn: 'occurred_at',
      idColumn: 'event_id',
      columns: `event_id, entity_type, kind, toUnixTimestamp(occurred_at) AS occurred_s, counterparty_display,
      counterparty_class, amount, currency, answered, duration_sec, features_json`,
    });
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
  },
);
