import type { EntityEventKind, Features, PartyClass } from '@vigil/contracts';
import { isCanonicalEventTime } from '../time/event-time';
import type { MatchableEvent, TimedEvent } from '../time/timed-event';
import { EPOCH_SEC } from '../time/epoch-seconds';
import { keptFeatures } from './kept-features';

/**
 * What the engine keeps of an event that waits in a buffer, window or partial match: the fields
 * rules, alerts and snapshots read, in one object of one shape. Events wait for the whole allowed
 * lateness or longer, so the rest of a deserialized event (ids of the source record, the entity,
 * ingestion time) would otherwise be copied by every young-generation collection until it is promoted.
 */
export class RetainedEvent implements TimedEvent {
  readonly eventId: string;
  readonly kind: EntityEventKind;
  /**
   * The text of the event time: undefined while it is how `timeMs` is written in ISO form, until first asked for.
   * Not kept from the input (most events are only ever matched); kept once built, because the correlator snapshots
   * a buffered event again with every changelog write of its entity for as long as the lateness buffer holds it.
   */
  private writtenAt: string | undefined;
  readonly counterparty: string | undefined;
  readonly counterpartyClass: PartyClass | undefined;
  readonly amount: number | undefined;
  readonly channel: string | undefined;
  readonly answered: boolean | undefined;
  readonly durationSec: number | undefined;
  readonly features: Features;
  /**
   * The event time split into whole seconds since 2020 and the milliseconds after them: two small
   * integers are stored in the object itself, where one double field would be a separate heap
   * number, one more object per buffered event to allocate, copy and miss in the cache.
   */
  private readonly sec: number;
  private readonly milli: number;

  constructor(event: MatchableEvent, timeMs: number) {
    this.eventId = event.eventId;
    this.kind = event.kind;
    this.writtenAt = isCanonicalEventTime(event.occurredAt, timeMs) ? undefined : event.occurredAt;
    this.counterparty = event.counterparty;
    this.counterpartyClass = event.counterpartyClass;
    this.amount = event.amount;
    this.channel = event.channel;
    this.answered = event.answered;
    this.durationSec = event.durationSec;
    this.features = keptFeatures(event.features);
    this.sec = Math.floor(timeMs / 1000) - EPOCH_SEC;
    const milli = timeMs - (this.sec + EPOCH_SEC) * 1000;
    // Stored from an int32 whenever it is whole: one double ever stored makes V8 box the field in every object.
    if (Number.isInteger(milli)) this.milli = milli | 0;
    else this.milli = milli;
  }

  /** Event time, ms since epoch. */
  get timeMs(): number {
    return (this.sec + EPOCH_SEC) * 1000 + this.milli;
  }

  /** The event time as the event wrote it (explanations and snapshots quote it). */
  get occurredAt(): string {
    return (this.writtenAt ??= new Date(this.timeMs).toISOString());
  }
}
