/** Wall-clock port: the router stamps notifications and webhook deliveries with it; tests pass a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at `epochMs` (tests, benchmarks). */
export function fixedClock(epochMs: number): Clock {
  return { now: () => new Date(epochMs) };
}
