import type { EntityEventV1 } from '@vigil/contracts';

/** The fields of an entity event that conditions, explanations, alerts and snapshots read, in snapshot order. */
export const MATCHABLE_FIELDS = [
  'eventId',
  'kind',
  'occurredAt',
  'counterparty',
  'counterpartyClass',
  'amount',
  'channel',
  'answered',
  'durationSec',
  'features',
] as const satisfies readonly (keyof EntityEventV1)[];

/** An entity event's MATCHABLE_FIELDS. */
export type MatchableEvent = Pick<EntityEventV1, (typeof MATCHABLE_FIELDS)[number]>;

/** An event as the engine keeps it between calls: its matchable fields and its event time (ms since epoch). */
export interface TimedEvent extends MatchableEvent {
  readonly timeMs: number;
}
