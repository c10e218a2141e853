import type { ContactList } from './contact-book';
import type { PartialMatch } from './partial-match';
import type { TimedEvent } from './rule.types';
import type { ThresholdWindow } from './threshold-window';

/**
 * Everything the engine remembers about one entity. Optional parts are created on first use and
 * dropped when empty, so an idle subscriber costs one object and its list in the ContactBook.
 */
export class EntityState implements ContactList {
  /** The entity's key in the engine (set when the engine adopts the state). */
  key = '';
  /** Where the entity's counterparties are in the engine's ContactBook (-1: none). */
  contactsAt = -1;
  contactCount = 0;
  /** Recent events that may take part in a sequence, in event-time order. */
  buffer: TimedEvent[] | undefined = undefined;
  pending: PartialMatch[] | undefined = undefined;
  /** Threshold windows by rule key. */
  thresholds: Map<string, ThresholdWindow> | undefined = undefined;
  /** Event time (ms) of this entity's scheduled wake-up, Infinity when none. */
  wakeAtMs = Infinity;
  /** Already listed as changed since the last `takeDirtyEntities`: marking it again costs nothing. */
  dirty = false;
  /**
   * Union of the step bits (StepRef.bit) of the buffered events' statically matching steps, possibly
   * more: a search whose earlier steps have no bit here cannot match and is skipped.
   */
  bufferedSteps = 0;
  /** The engine's rule-set generation that `bufferedSteps` and `wakeAtMs` were computed under. */
  rulesEpoch = 0;

  isEmpty(): boolean {
    return (
      this.contactCount === 0 &&
      this.buffer === undefined &&
      this.pending === undefined &&
      this.thresholds === undefined
    );
  }
}
