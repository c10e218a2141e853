import { hasIsoStringShape, parseDateTimeMs } from '@vigil/contracts';

/**
 * The text and result of the last parse: a retained event asks right after its event was parsed, and comparing
 * with the same string is one pointer test, not a second parse.
 */
let lastText: string | undefined;
let lastMs = 0;

/** Event time in ms since epoch of an ISO-8601 date-time; NaN when it is not one. */
export function parseEventTimeMs(occurredAt: string): number {
  const timeMs = parseDateTimeMs(occurredAt);
  // The contracts' date-time reader agrees with Date.parse wherever both read the text; what it refuses
  // (2025-02-30, 24:00) Date.parse may still roll over into a time, as the engine always has.
  if (timeMs !== timeMs) return Date.parse(occurredAt);
  lastText = occurredAt;
  lastMs = timeMs;
  return timeMs;
}

/**
 * True when `occurredAt` is exactly what `new Date(timeMs).toISOString()` returns, so a retained event can rebuild
 * the text instead of keeping it.
 */
export function isCanonicalEventTime(occurredAt: string, timeMs: number): boolean {
  if (!hasIsoStringShape(occurredAt)) return false;
  return (occurredAt === lastText && timeMs === lastMs) || parseDateTimeMs(occurredAt) === timeMs;
}
