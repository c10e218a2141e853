/** Tuning of one CorrelationEngine (one partition). Every duration is in ms of event time unless said otherwise. */
export interface EngineOptions {
  /** How far behind the max event time an event may be and still be processed. Default 600_000 (10 min). */
  allowedLatenessMs: number;
  /** How far back a contact makes a counterparty known. Default 2_592_000_000 (30 days). */
  firstContactWindowMs: number;
  /** Processing time (ms) without events after which the watermark follows the wall clock. Default 60_000 (1 min). */
  idleTimeoutMs: number;
  /** Max counterparties remembered per subscriber. Default 512. */
  maxContactsPerEntity: number;
  /** Max events buffered per entity for sequence matching. Default 256. */
  maxBufferedEventsPerEntity: number;
  /** Max partial matches per entity and rule (pending absences; matches reported per event). Default 32. */
  maxPartialMatchesPerRule: number;
  /** Max events held per entity and threshold rule before they are fed early. Default 1_024. */
  maxThresholdEventsPerRule: number;
  /** Record which entities changed, for a per-entity changelog (`takeDirtyEntities`). Default true. */
  trackDirtyEntities: boolean;
}

export const defaultEngineOptions: EngineOptions = {
  allowedLatenessMs: 600_000, // 10 min
  firstContactWindowMs: 2_592_000_000, // 30 days
  idleTimeoutMs: 60_000, // 1 min of processing time
  maxContactsPerEntity: 512,
  maxBufferedEventsPerEntity: 256,
  maxPartialMatchesPerRule: 32,
  maxThresholdEventsPerRule: 1_024,
  trackDirtyEntities: true,
};
