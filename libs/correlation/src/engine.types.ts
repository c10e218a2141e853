import type { CorrelationErrorCode } from './correlation.errors';
import type { AlertV1, EntityEventV1 } from '@vigil/contracts';

/** The engine reads processing time (only for `detectedAt`) through the project's one clock port. */
export { systemClock, type Clock } from '@vigil/contracts';

/** What one call to the engine produced. Arrays may be shared empty singletons: do not mutate. */
export interface EngineOutput {
  readonly alerts: readonly AlertV1[];
  /** Events older than the watermark: not processed, to be counted and dead-lettered by the caller. */
  readonly lateEvents: readonly EntityEventV1[];
  /** Events the engine cannot process (their contract lets through what the engine cannot read): dead-letter them. */
  readonly rejected: readonly EventRejection[];
}

/** Why one event was not processed. */
export interface EventRejection {
  readonly event: EntityEventV1;
  readonly code: CorrelationErrorCode;
  readonly reason: string;
}

/** Evictions made to keep per-entity state bounded, by kind of state. */
export interface EvictionStats {
  contacts: number;
  bufferedEvents: number;
  /** Pending absences dropped, and matches not reported beyond the per-rule budget. */
  partialMatches: number;
  /** Threshold events fed before the watermark passed them, to stay within bounds. */
  thresholdEvents: number;
}

/** Counters and gauges of one engine. */
export interface EngineStats {
  eventsProcessed: number;
  lateEvents: number;
  duplicateEvents: number;
  alertsEmitted: number;
  trackedEntities: number;
  /** Partial matches waiting on the watermark (absence steps) plus threshold windows in progress. */
  activePartialMatches: number;
  bufferedEvents: number;
  evictions: EvictionStats;
  /** Max event time seen minus allowed lateness (ms since epoch); -Infinity before the first event. */
  watermarkMs: number;
}

/** How much state one entity holds; the quantities the per-entity bounds apply to. */
export interface EntityFootprint {
  contacts: number;
  bufferedEvents: number;
  partialMatches: number;
  thresholdEvents: number;
}
