import type { EntityEventKind } from '@vigil/contracts';
import type { TimedEvent } from '../time/timed-event';
import type { CandidateBuffer } from '../matching/candidate-buffer';
import { grown } from './typed-columns';

/** Where a BufferView reads its slots from (the EventStore). */
export interface SlotReader {
  timeMsOf(slot: number): number;
  kindOf(slot: number): EntityEventKind;
  eventOf(slot: number): TimedEvent;
}

/** The one view an EventStore hands out: valid until the store's next `view` call. */
export class BufferView implements CandidateBuffer {
  length = 0;
  private slots = new Int32Array(16);
  private events: (TimedEvent | undefined)[] = [];

  constructor(private readonly reader: SlotReader) {}

  /** Starts over with no events (called by the store before `add`ing the list's slots in order). */
  reset(): void {
    this.length = 0;
    this.events.length = 0;
  }

  add(slot: number): void {
    if (this.length === this.slots.length) this.slots = grown(new Int32Array(this.length * 2), this.slots);
    this.slots[this.length++] = slot;
  }

  timeMsAt(index: number): number {
    return this.reader.timeMsOf(this.slots[index]);
  }

  kindAt(index: number): EntityEventKind {
    return this.reader.kindOf(this.slots[index]);
  }

  eventAt(index: number): TimedEvent {
    return (this.events[index] ??= this.reader.eventOf(this.slots[index]));
  }
}
