/** One server-sent event as received. */
export interface ServerSentEvent {
  event: string;
  id?: string;
  data: string;
}

/**
 * Incremental parser of a `text/event-stream` body (WHATWG rules: `event:`, `id:`, `data:` lines, comments, blank
 * line dispatches). Chunks may split lines anywhere; `push` returns the events the chunk completed.
 */
export class SseEventParser {
  private buffer = '';
  private event = '';
  private id: string | undefined;
  private data: string[] = [];

  push(chunk: string): ServerSentEvent[] {
    this.buffer += chunk;
    const events: ServerSentEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const length = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + length);
      const completed = this.line(line);
      if (completed) events.push(completed);
    }
    // A runaway line (a misbehaving upstream) must not grow memory without bound.
    if (this.buffer.length > 1_048_576) this.buffer = ''; // 1 MiB
    return events;
  }

  private line(line: string): ServerSentEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const event = { event: this.event || 'message', id: this.id, data: this.data.join('\n') };
      this.event = '';
      this.data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') this.id = value;
    return undefined;
  }
}
