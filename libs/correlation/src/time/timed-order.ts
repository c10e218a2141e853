import type { TimedEvent } from './timed-event';

/** Event-time order with the event id as tie-breaker, so the order never depends on arrival. */
export function compareTimed(a: TimedEvent, b: TimedEvent): number {
  if (a.timeMs !== b.timeMs) return a.timeMs - b.timeMs;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}
