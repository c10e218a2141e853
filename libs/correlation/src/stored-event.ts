import type { EntityEventKind, Features, PartyClass } from '@vigil/contracts';
import type { TimedEvent } from './rule.types';

/**
 * A buffered event read back from the EventStore's columns, for the moments that need objects: a
 * sequence search, an absence check, a snapshot. Built on demand and short-lived, so it costs the
 * garbage collector next to nothing (a young object that dies young is never copied).
 */
export class StoredEvent implements TimedEvent {
  constructor(
    readonly eventId: string,
    readonly kind: EntityEventKind,
    readonly timeMs: number,
    /** The event time as the event wrote it, when that differs from toISOString's form. */
    private readonly writtenAt: string | undefined,
    readonly counterparty: string | undefined,
    readonly counterpartyClass: PartyClass | undefined,
    readonly amount: number | undefined,
    readonly channel: string | undefined,
    readonly answered: boolean | undefined,
    readonly durationSec: number | undefined,
    readonly features: Features,
  ) {}

  /** The event time as the event wrote it (explanations and snapshots quote it). */
  get occurredAt(): string {
    return this.writtenAt ?? new Date(this.timeMs).toISOString();
  }
}
