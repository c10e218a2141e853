import type { EntityEventV1 } from '@vigil/contracts';
import { STORED_EVENT_COLUMNS, storedEntityEventOf } from './stored-entity-event';

const LAST_FIELD = STORED_EVENT_COLUMNS.length - 1;

/**
 * TabSeparated rows of `STORED_EVENT_COLUMNS`, arriving in chunks cut anywhere (within a line or a UTF-8 character),
 * as entity events. Stored copies of one event (a replay the table has not merged yet) come adjacent and are
 * decoded once.
 */
export class StoredRowDecoder {
  private readonly text = new TextDecoder('utf-8', { fatal: true });
  private partialLine = '';
  private lastEventId = '';
  /** The current row's fields (reused: an event keeps the strings, not the array). */
  private readonly fields: string[] = new Array<string>(STORED_EVENT_COLUMNS.length).fill('');

  /** The events of the lines `chunk` completes. */
  decode(chunk: Uint8Array): EntityEventV1[] {
    const text = this.partialLine + this.text.decode(chunk, { stream: true });
    const events: EntityEventV1[] = [];
    let start = 0;
    const fields = this.fields;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      // Field by field within the line (no copy of the line, no array per row).
      let from = start;
      for (let i = 0; i < LAST_FIELD; i++) {
        const tab = text.indexOf('\t', from);
        if (tab < 0 || tab > end)
          throw new RangeError(
            `stored row has ${i + 1} fields, not ${LAST_FIELD + 1}: ${text.slice(start, end)}`,
          );
        fields[i] = text.slice(from, tab);
        from = tab + 1;
      }
      fields[LAST_FIELD] = text.slice(from, end);
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
