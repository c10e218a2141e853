import type { SimulatedRecord } from '@vigil/simulation';

/** How fast simulated records are produced. */
export type TrafficPacing =
  /** No waiting: delivery order is kept, wall time is not. */
  | { mode: 'as-fast-as-possible' }
  /** A fixed target of raw records per second. */
  | { mode: 'rate'; eventsPerSecond: number }
  /** Simulated delivery time scaled to wall time: `factor` simulated ms per wall ms (60 = one hour a minute). */
  | { mode: 'speed'; factor: number };

/** Wall-clock time (ms) each record is due at, relative to when production started; undefined: now. */
export function dueAtMs(
  pacing: TrafficPacing,
  record: SimulatedRecord,
  index: number,
  wallStartMs: number,
  firstDeliverAtMs: number,
): number | undefined {
  switch (pacing.mode) {
    case 'as-fast-as-possible':
      return undefined;
    case 'rate':
      return wallStartMs + (index * 1000) / pacing.eventsPerSecond;
    case 'speed':
      return wallStartMs + (record.deliverAtMs - firstDeliverAtMs) / pacing.factor;
  }
}

/**
 * Event time the simulation should start at so that no record is in the future when it is produced (ingest
 * rejects events more than 5 min ahead of its clock): with a speed-up the stream ends about now; otherwise the
 * whole span lies in the past.
 */
export function defaultStartMs(pacing: TrafficPacing, durationMs: number, nowMs: number): number {
  // Follow-ups (replies, call-backs, late call records) reach up to about 45 min past the span's end.
  const spanMs = durationMs + 3_600_000; // + 1 h
  const startMs =
    pacing.mode === 'speed'
      ? nowMs - (spanMs * Math.max(0, pacing.factor - 1)) / pacing.factor
      : nowMs - spanMs;
  return Math.floor(startMs / 1000) * 1000;
}
