/** How event time moves (see EngineOptions). */
export interface WatermarkOptions {
  /** How far behind event time a record may exist and still be processed, in ms. */
  readonly allowedLatenessMs: number;
  /** Event time follows the records processed (one source read in order) instead of `reach` alone. */
  readonly selfWatermark: boolean;
}

/**
 * Event time of one partition: how far it has reached (`reachedMs`, the slowest source's time, or the latest
 * record's when the engine follows its own events) and the watermark, that minus the allowed lateness, behind
 * which a record is late. Neither moves backwards.
 */
export class Watermark {
  /** Event time reached (ms since epoch); -Infinity before it moves. */
  reachedMs = -Infinity;
  /** Event time reached minus the allowed lateness (ms since epoch); -Infinity before event time moves. */
  watermarkMs = -Infinity;

  constructor(private readonly options: WatermarkOptions) {}

  /** Whether a record that could first exist at `existsAtMs` is late (an unreadable time, NaN, is too). */
  isLate(existsAtMs: number): boolean {
    return !(existsAtMs >= this.watermarkMs);
  }

  /** One source read in order: a record being processed shows that event time has reached the moment it existed. */
  observe(existsAtMs: number): void {
    if (this.options.selfWatermark && existsAtMs > this.reachedMs) this.reachedMs = existsAtMs;
  }

  /** Event time has reached `eventTimeMs`; false when it had already. */
  reach(eventTimeMs: number): boolean {
    if (!(eventTimeMs > this.reachedMs)) return false;
    this.reachedMs = eventTimeMs;
    return true;
  }

  /** The watermark event time reached allows: what `advance` moves to. */
  get dueMs(): number {
    return this.reachedMs - this.options.allowedLatenessMs;
  }

  /** Moves the watermark on to `watermarkMs`; false when it is not ahead. */
  advance(watermarkMs: number): boolean {
    if (watermarkMs <= this.watermarkMs) return false;
    this.watermarkMs = watermarkMs;
    return true;
  }

  /** Whether a record at `timeMs` is within the allowed lateness of event time (a live feed), not ahead of it. */
  isLive(timeMs: number): boolean {
    return timeMs <= this.reachedMs + this.options.allowedLatenessMs;
  }

  /**
   * Whether every record that existed by `timeMs` has arrived. The correlator's event time is the slowest source's:
   * each source has passed it. One source read by itself (`selfWatermark`, tests, back-tests) vouches only up to
   * the watermark, since its records may come out of order within the allowed lateness.
   */
  hasAllRecordsUntil(timeMs: number): boolean {
    return (this.options.selfWatermark ? this.watermarkMs : this.reachedMs) >= timeMs;
  }

  /** The watermark past which `hasAllRecordsUntil(timeMs)` holds: the deadline of a match held for it. */
  deadlineForAllRecordsUntil(timeMs: number): number {
    return this.options.selfWatermark ? timeMs : timeMs - this.options.allowedLatenessMs;
  }

  /** Takes event time restored from a changelog (never backwards); the watermark follows at once. */
  restore(reachedMs: number): void {
    this.reachedMs = Math.max(this.reachedMs, reachedMs);
    this.watermarkMs = this.dueMs;
  }

  clear(): void {
    this.reachedMs = -Infinity;
    this.watermarkMs = -Infinity;
  }
}
