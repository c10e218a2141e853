/** Tuning of one CorrelationEngine (one partition). Every duration is in ms of event time unless said otherwise. */
export interface EngineOptions {
  /** How far behind event time a record may exist and still be processed. Default 600_000 (10 min). */
  allowedLatenessMs: number;
  /** How far back a contact makes a counterparty known. Default 2_592_000_000 (30 days). */
  firstContactWindowMs: number;
  /**
   * Event time follows the events processed (the latest time a processed record existed). True for one source read
   * in order (tests, back-tests); the correlator sets false and moves it with `advanceEventTime` from the slowest of
   * its sources, so one fast input cannot make the others late. Default true.
   */
  selfWatermark: boolean;
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
  selfWatermark: true,
  maxContactsPerEntity: 512,
  maxBufferedEventsPerEntity: 256,
  maxPartialMatchesPerRule: 32,
  maxThresholdEventsPerRule: 1_024,
  trackDirtyEntities: true,
};
