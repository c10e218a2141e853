import type { TimedEvent } from './rule.types';

/** Event-time order with the event id as tie-breaker, so the order never depends on arrival. */
export function compareTimed(a: TimedEvent, b: TimedEvent): number {
  if (a.timeMs !== b.timeMs) return a.timeMs - b.timeMs;
  return a.event.eventId < b.event.eventId ? -1 : a.event.eventId > b.event.eventId ? 1 : 0;
}

/**
 * Inserts `item` into the event-time-sorted `buffer`. Returns its index, or -1 when an event with
 * the same id is already buffered (at-least-once input repeats events).
 */
export function insertSorted(buffer: TimedEvent[], item: TimedEvent): number {
  let i = buffer.length;
  // Arrivals are mostly in order: scan back from the end.
  while (i > 0 && compareTimed(buffer[i - 1], item) > 0) i--;
  const id = item.event.eventId;
  for (let j = i - 1; j >= 0 && buffer[j].timeMs === item.timeMs; j--)
    if (buffer[j].event.eventId === id) return -1;
  if (i < buffer.length && buffer[i].event.eventId === id) return -1;
  if (i === buffer.length) buffer.push(item);
  else buffer.splice(i, 0, item);
  return i;
}

/** Removes events older than `cutoffMs` from the front; returns how many were removed. */
export function dropBefore(buffer: TimedEvent[], cutoffMs: number): number {
  let n = 0;
  while (n < buffer.length && buffer[n].timeMs < cutoffMs) n++;
  if (n > 0) buffer.splice(0, n);
  return n;
}
