/** Source of processing time, injected so tests and replays are deterministic. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that always reads `ms`; for tests and benchmarks. */
export function fixedClock(ms: number): Clock {
  return { now: () => ms };
}
