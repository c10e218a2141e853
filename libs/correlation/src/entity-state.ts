import type { FirstContactIndex } from './first-contact-index';
import type { PartialMatch } from './partial-match';
import type { TimedEvent } from './rule.types';
import type { ThresholdWindow } from './threshold-window';

/**
 * Everything the engine remembers about one entity. Optional parts are created on first use and
 * dropped when empty, so an idle subscriber costs one object and its contact index.
 */
export class EntityState {
  /** The entity's key in the engine (set when the engine adopts the state). */
  key = '';
  contacts: FirstContactIndex | undefined = undefined;
  /** Recent events that may take part in a sequence, in event-time order. */
  buffer: TimedEvent[] | undefined = undefined;
  pending: PartialMatch[] | undefined = undefined;
  /** Threshold windows by rule key. */
  thresholds: Map<string, ThresholdWindow> | undefined = undefined;
  /** Event time (ms) of this entity's scheduled wake-up, Infinity when none. */
  wakeAtMs = Infinity;
  /** Already listed as changed since the last `takeDirtyEntities`: marking it again costs nothing. */
  dirty = false;

  isEmpty(): boolean {
    return (
      (this.contacts === undefined || this.contacts.size === 0) &&
      this.buffer === undefined &&
      this.pending === undefined &&
      this.thresholds === undefined
    );
  }
}
