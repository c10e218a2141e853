import type { EntityEventV1 } from '@vigil/contracts';
import { storedEntityEventOf } from './stored-entity-event';

/**
 * TabSeparated rows of `STORED_EVENT_COLUMNS`, arriving in chunks cut anywhere (within a line or a UTF-8 character),
 * as entity events. Stored copies of one event (a replay the table has not merged yet) come adjacent and are
 * decoded once.
 */
export class StoredRowDecoder {
  private readonly text = new TextDecoder('utf-8', { fatal: true });
  private partialLine = '';
  private lastEventId = '';

  /** The events of the lines `chunk` completes. */
  decode(chunk: Uint8Array): EntityEventV1[] {
    const text = this.partialLine + this.text.decode(chunk, { stream: true });
    const events: EntityEventV1[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const fields = text.slice(start, end).split('\t');
      start = end + 1;
      if (fields[0] === this.lastEventId) continue;
      this.lastEventId = fields[0];
      events.push(storedEntityEventOf(fields));
    }
    this.partialLine = text.slice(start);
    return events;
  }

  /** Checks that the rows ended with a whole line. */
  end(): void {
    const rest = this.partialLine + this.text.decode();
    if (rest !== '') throw new RangeError(`stored rows ended within a line: ${rest.slice(0, 80)}`);
  }
}
