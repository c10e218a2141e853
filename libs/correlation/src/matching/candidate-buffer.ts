import type { EntityEventKind } from '@vigil/contracts';
import type { TimedEvent } from '../time/timed-event';

/**
 * An entity's buffered events by position (0 = oldest), as a sequence search reads them. Time and
 * kind come straight from the store's columns; an object is built only for a candidate whose time and
 * kind fit the step, and once per search.
 */
export interface CandidateBuffer {
  readonly length: number;
  timeMsAt(index: number): number;
  kindAt(index: number): EntityEventKind;
  eventAt(index: number): TimedEvent;
}
