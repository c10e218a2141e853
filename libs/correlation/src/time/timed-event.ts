import type { EntityEventV1 } from '@vigil/contracts';

/** The fields of an entity event that conditions, explanations, alerts and snapshots read. */
export type MatchableEvent = Pick<
  EntityEventV1,
  | 'eventId'
  | 'kind'
  | 'occurredAt'
  | 'counterparty'
  | 'counterpartyClass'
  | 'amount'
  | 'channel'
  | 'answered'
  | 'durationSec'
  | 'features'
>;

/** An event as the engine keeps it between calls: its matchable fields and its event time (ms since epoch). */
export interface TimedEvent extends MatchableEvent {
  readonly timeMs: number;
}
