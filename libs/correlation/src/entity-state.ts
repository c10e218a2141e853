import type { ContactList } from './contact-book';
import type { EventList } from './event-store';
import type { PartialMatch } from './partial-match';
import type { ThresholdWindow } from './threshold-window';
import { EPOCH_SEC } from './epoch-seconds';

/** Largest small integer: no wake-up (times that far ahead, past 2088, are still exact, merely boxed). */
const NO_WAKE_SEC = 2_147_483_647;

/**
 * Everything the engine remembers about one entity. Optional parts are created on first use and
 * dropped when empty, so an idle subscriber costs one object and its list in the ContactBook.
 */
export class EntityState implements ContactList, EventList {
  /** The entity's key in the engine (set when the engine adopts the state). */
  key = '';
  /** Where the entity's counterparties are in the engine's ContactBook (-1: none). */
  contactsAt = -1;
  contactCount = 0;
  /** Recent events that may take part in a sequence: a list in the engine's EventStore, in event-time order. */
  bufferHead = -1;
  bufferTail = -1;
  bufferLength = 0;
  pending: PartialMatch[] | undefined = undefined;
  /** Threshold windows by rule key. */
  thresholds: Map<string, ThresholdWindow> | undefined = undefined;
  /**
   * The scheduled wake-up split into whole seconds since 2020 (NO_WAKE_SEC: none) and the ms after
   * them: two small integers live in the object itself, where one double field would be a separate
   * heap number per entity for the garbage collector to copy and trace.
   */
  private wakeSec = NO_WAKE_SEC;
  private wakeMilli = 0;
  /**
   * The engine's take (`takeDirtyEntities`) in which the state was last listed as changed: when it is the
   * current one, marking it again costs nothing.
   */
  listedInTake = 0;
  /**
   * Union of the step bits (StepRef.bit) of the buffered events' statically matching steps, possibly
   * more: a search whose earlier steps have no bit here cannot match and is skipped.
   */
  bufferedSteps = 0;
  /** The engine's rule-set generation that `bufferedSteps` and `wakeAtMs` were computed under. */
  rulesEpoch = 0;

  /** Event time (ms) of this entity's scheduled wake-up, Infinity when none. */
  get wakeAtMs(): number {
    return this.wakeSec === NO_WAKE_SEC ? Infinity : (this.wakeSec + EPOCH_SEC) * 1000 + this.wakeMilli;
  }

  set wakeAtMs(timeMs: number) {
    if (timeMs === Infinity) {
      this.wakeSec = NO_WAKE_SEC;
      return;
    }
    this.wakeSec = Math.floor(timeMs / 1000) - EPOCH_SEC;
    this.wakeMilli = timeMs - (this.wakeSec + EPOCH_SEC) * 1000;
  }

  isEmpty(): boolean {
    return (
      this.contactCount === 0 &&
      this.bufferLength === 0 &&
      this.pending === undefined &&
      this.thresholds === undefined
    );
  }
}
