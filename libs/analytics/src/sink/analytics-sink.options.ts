/** Batching of the analytics sink. */
export interface AnalyticsSinkOptions {
  /** Database holding the analytics schema. */
  database: string;
  /** An insert is sent as soon as a table's buffer holds this many rows. */
  maxRowsPerInsert?: number; // default 50_000 rows
  /**
   * Longest a buffered row waits for more rows before its insert is sent. 0: sent as soon as the batches handed
   * over together (in one turn of the event loop, or while an earlier batch was being decoded) are buffered, so
   * with several batches in flight the next batches are decoded while the previous insert runs, and inserts
   * overlap instead of waiting for each other.
   */
  lingerMs?: number; // default 0 ms
  /**
   * How many partition batches the consumer can have waiting on the sink at once (the consumer's
   * partitionsConsumedConcurrently). When that many are waiting, no further rows can arrive before one is
   * answered, so the insert is sent at once instead of lingering.
   */
  maxConcurrentBatches?: number; // default 1
  /** Heartbeat cadence while a batch waits for its insert (kafkajs heartbeats only from inside a batch). */
  heartbeatIntervalMs?: number; // default 3_000 ms
}

export const analyticsSinkDefaults = {
  maxRowsPerInsert: 50_000,
  lingerMs: 0,
  maxConcurrentBatches: 1,
  heartbeatIntervalMs: 3_000,
} as const;
