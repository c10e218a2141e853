import type { CorrelationErrorCode } from '../correlation.errors';
import type { AlertV1, EntityEventV1 } from '@vigil/contracts';

/** The engine reads processing time (only for `detectedAt`) through the project's one clock port. */
export { systemClock, type Clock } from '@vigil/contracts';

/** What one call to the engine produced. Arrays may be shared empty singletons: do not mutate. */
export interface EngineOutput {
  readonly alerts: readonly AlertV1[];
  /**
   * An engine judging several rule sets side by side (`CorrelationEngine.sideBySide`): each set's alerts, in the
   * order of the sets (`alerts` is the first set's); absent when no set alerted, and from an engine of one set.
   */
  readonly alertsBySide?: readonly (readonly AlertV1[])[];
  /** Events older than the watermark: not processed, to be counted and dead-lettered by the caller. */
  readonly lateEvents: readonly EntityEventV1[];
  /** Events the engine cannot process (their contract lets through what the engine cannot read): dead-letter them. */
  readonly rejected: readonly EventRejection[];
  /**
   * Matches not kept because a per-entity bound was reached (also counted in `evictions.partialMatches`), each
   * naming rule and entity so the caller can log it; absent when there are none.
   */
  readonly droppedMatches?: readonly DroppedMatches[];
  /** Confirmed matches not published because a more specific rule's alert covers their events; absent when none. */
  readonly supersededAlerts?: readonly SupersededAlert[];
}

/** A confirmed match left out for a more specific rule's alert on the same entity and events (rule-specificity.ts). */
export interface SupersededAlert {
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly entity: string;
  /** The rule whose alert stands for it (and names it in its `supportingRules`). */
  readonly supersededBy: string;
}

/** Matches of one rule on one entity that a per-entity bound dropped. */
export interface DroppedMatches {
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly entity: string;
  readonly count: number;
  /**
   * `match_budget`: one event completed more matches than `maxPartialMatchesPerRule` (an every_combination rule);
   * `held_match_cap`: the oldest match held for event time (an absence, settling contacts, a more specific rule)
   *   made room for a new one.
   */
  readonly reason: 'match_budget' | 'held_match_cap';
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
  /** Confirmed matches left out for a more specific rule's alert. */
  alertsSuperseded: number;
  trackedEntities: number;
  /** Partial matches waiting on the watermark (absence steps) plus threshold windows in progress. */
  activePartialMatches: number;
  bufferedEvents: number;
  evictions: EvictionStats;
  /** Max event time seen minus allowed lateness (ms since epoch); -Infinity before the first event. */
  watermarkMs: number;
}

/** The counts an engine keeps as it goes (the rest of EngineStats is measured when asked for). */
export type EngineCounts = Pick<
  EngineStats,
  'eventsProcessed' | 'lateEvents' | 'duplicateEvents' | 'alertsEmitted' | 'alertsSuperseded'
>;

/** How much state one entity holds; the quantities the per-entity bounds apply to. */
export interface EntityFootprint {
  contacts: number;
  bufferedEvents: number;
  partialMatches: number;
  thresholdEvents: number;
}
