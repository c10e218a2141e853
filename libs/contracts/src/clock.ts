/**
 * Source of processing (wall-clock) time, injected so that tests, benchmarks and replays are deterministic. The one
 * clock port of every lib: ingest stamps `ingestedAt` and judges clock skew with it, the engine `detectedAt`, the
 * alert router notifications and webhook deliveries.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that always reads `epochMs`; for tests and benchmarks. */
export function fixedClock(epochMs: number): Clock {
  return { now: () => epochMs };
}
