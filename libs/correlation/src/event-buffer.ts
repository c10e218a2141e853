import type { TimedEvent } from './rule.types';

/** Event-time order with the event id as tie-breaker, so the order never depends on arrival. */
export function compareTimed(a: TimedEvent, b: TimedEvent): number {
  if (a.timeMs !== b.timeMs) return a.timeMs - b.timeMs;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/**
 * Where `item` belongs in the event-time-sorted `buffer`, or -1 when an event with the same id is
 * already buffered (at-least-once input repeats events).
 */
export function insertionIndex(buffer: readonly TimedEvent[], item: TimedEvent): number {
  let i = buffer.length;
  // Arrivals are mostly in order: scan back from the end.
  while (i > 0 && compareTimed(buffer[i - 1], item) > 0) i--;
  const id = item.eventId;
  for (let j = i - 1; j >= 0 && buffer[j].timeMs === item.timeMs; j--)
    if (buffer[j].eventId === id) return -1;
  if (i < buffer.length && buffer[i].eventId === id) return -1;
  return i;
}

/** Removes events older than `cutoffMs` from the front; returns how many were removed. */
export function dropBefore(buffer: TimedEvent[], cutoffMs: number): number {
  let n = 0;
  while (n < buffer.length && buffer[n].timeMs < cutoffMs) n++;
  if (n > 0) buffer.splice(0, n);
  return n;
}
