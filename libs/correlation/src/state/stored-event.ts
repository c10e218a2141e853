import type { EntityEventKind, Features, PartyClass } from '@vigil/contracts';
import type { TimedEvent } from '../time/timed-event';

/** Where stored events' ids are read from. */
export interface EventIds {
  idAt(slot: number): string;
  /** The counterparty of the event in `slot`, from its key (see counterparty-key.ts). */
  counterpartyAt(slot: number, key: number): string | undefined;
}

/**
 * A buffered event read back from the EventStore's columns, for the moments that need objects: a
 * sequence search, an absence check, a snapshot. Built on demand and short-lived, so it costs the
 * garbage collector next to nothing (a young object that dies young is never copied).
 */
export class StoredEvent implements TimedEvent {
  private id: string | undefined;
  /** The counterparty once built from `partyKey`: most candidates of a search are rejected before it is read. */
  private party: string | undefined;

  constructor(
    /** Where the id is (as bytes) until first asked for: most events are only matched against, never named. */
    private readonly ids: EventIds,
    private readonly slot: number,
    readonly kind: EntityEventKind,
    readonly timeMs: number,
    /** The event time as the event wrote it, when that differs from toISOString's form. */
    private readonly writtenAt: string | undefined,
    /** counterpartyKey of the counterparty; NaN when there is none. */
    private readonly partyKey: number,
    readonly counterpartyClass: PartyClass | undefined,
    readonly amount: number | undefined,
    readonly channel: string | undefined,
    readonly answered: boolean | undefined,
    readonly durationSec: number | undefined,
    readonly features: Features,
  ) {}

  /**
   * The event id. Read it (see `settle`) before the store may reuse the event's slot: an object kept
   * past the current call, such as a match waiting for an absence, must not read a later event's id.
   */
  get eventId(): string {
    return (this.id ??= this.ids.idAt(this.slot));
  }

  get counterparty(): string | undefined {
    if (this.party === undefined && !Number.isNaN(this.partyKey))
      this.party = this.ids.counterpartyAt(this.slot, this.partyKey);
    return this.party;
  }

  /** Reads everything still held in the store, so the object stands on its own. */
  settle(): this {
    this.id ??= this.ids.idAt(this.slot);
    void this.counterparty;
    return this;
  }

  /** The event time as the event wrote it (explanations and snapshots quote it). */
  get occurredAt(): string {
    return this.writtenAt ?? new Date(this.timeMs).toISOString();
  }
}
