import type { EntityParts } from './entity-records';
import type { PartialMatch } from '../matching/partial-match';
import type { ThresholdWindow } from '../matching/threshold-window';

/**
 * One entity's state decoded from a snapshot, before the engine takes it into its EntityRecords:
 * where its contacts went in the ContactBook, its matches waiting for an absence, its threshold
 * windows. (Its buffered events come separately, for the EventStore.)
 */
export class EntityState implements EntityParts {
  contactsAt = -1;
  contactCount = 0;
  bufferHead = -1;
  bufferTail = -1;
  bufferLength = 0;
  pending: PartialMatch[] | undefined = undefined;
  /** Threshold windows by rule key. */
  thresholds: Map<string, ThresholdWindow> | undefined = undefined;

  isEmpty(): boolean {
    return (
      this.contactCount === 0 &&
      this.bufferLength === 0 &&
      this.pending === undefined &&
      this.thresholds === undefined
    );
  }
}
