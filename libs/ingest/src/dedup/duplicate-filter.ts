import { DEFAULT_DUPLICATE_MAX_ENTRIES, DEFAULT_DUPLICATE_WINDOW_MS } from '../ingest.constants';

/** Options of a DuplicateFilter. */
export interface DuplicateFilterOptions {
  /** How long an id is remembered after it was first seen; default 10 min. */
  readonly windowMs?: number;
  /** At most this many ids are remembered; the oldest go first. Default DEFAULT_DUPLICATE_MAX_ENTRIES. */
  readonly maxEntries?: number;
}

/**
 * Bounded, time-windowed memory of the source eventIds of one topic: drops the repeats an at-least-once feed
 * delivers. Memory is bounded by `maxEntries`; ids expire `windowMs` after they were first seen (processing
 * time, passed in). Not shared between instances: a repeat that lands on another instance after a rebalance
 * is produced again, and the entity events' stable ids let consumers drop it.
 */
export class DuplicateFilter {
  private readonly windowMs: number;
  private readonly maxEntries: number;
  // Insertion order is first-seen order, so the oldest id is always first.
  private readonly firstSeenMs = new Map<string, number>();

  constructor(options: DuplicateFilterOptions = {}) {
    this.windowMs = options.windowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_DUPLICATE_MAX_ENTRIES;
    if (!(this.windowMs > 0) || !(this.maxEntries > 0)) {
      throw new RangeError('DuplicateFilter: windowMs and maxEntries must be positive');
    }
  }

  /** Number of ids remembered now. */
  get size(): number {
    return this.firstSeenMs.size;
  }

  /**
   * Whether `id` was already seen within the window before `nowMs` (epoch ms). Records it when not, so the
   * first call for an id returns false and the next ones within the window return true.
   */
  seen(id: string, nowMs: number): boolean {
    this.expire(nowMs);
    const firstSeen = this.firstSeenMs.get(id);
    if (firstSeen !== undefined && nowMs - firstSeen < this.windowMs) return true;
    if (firstSeen !== undefined) this.firstSeenMs.delete(id);
    this.firstSeenMs.set(id, nowMs);
    if (this.firstSeenMs.size > this.maxEntries) {
      const oldest = this.firstSeenMs.keys().next();
      if (!oldest.done) this.firstSeenMs.delete(oldest.value);
    }
    return false;
  }

  /** Forgets every id. */
  clear(): void {
    this.firstSeenMs.clear();
  }

  private expire(nowMs: number): void {
    for (const [id, firstSeen] of this.firstSeenMs) {
      if (nowMs - firstSeen < this.windowMs) return;
      this.firstSeenMs.delete(id);
    }
  }
}
