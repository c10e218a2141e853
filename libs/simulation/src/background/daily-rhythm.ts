const HOUR_MS = 3_600_000;
/** Local time of the home network (Kazakhstan, UTC+5). */
const LOCAL_OFFSET_MS = 5 * HOUR_MS;

/** Relative activity per local hour 0..23: quiet nights, busy evenings. */
const HOURLY_WEIGHTS = [
  0.2, 0.1, 0.08, 0.08, 0.1, 0.25, 0.6, 1.0, 1.3, 1.4, 1.4, 1.4, 1.5, 1.4, 1.3, 1.3, 1.4, 1.5, 1.6, 1.6, 1.4,
  1.1, 0.7, 0.4,
];
const MEAN_WEIGHT = HOURLY_WEIGHTS.reduce((sum, w) => sum + w, 0) / HOURLY_WEIGHTS.length;

/** Activity at `timeMs` relative to the daily mean (1 = average hour). */
export function activityFactor(timeMs: number): number {
  return HOURLY_WEIGHTS[localHour(timeMs)] / MEAN_WEIGHT;
}

/** Local hour (0..23) at `timeMs`. */
export function localHour(timeMs: number): number {
  return Math.floor((((timeMs + LOCAL_OFFSET_MS) % (24 * HOUR_MS)) + 24 * HOUR_MS) / HOUR_MS) % 24;
}
