import { counterpartyKey } from './counterparty-key';

/** Shared limits of every subscriber's index. */
export interface FirstContactPolicy {
  /** How far back a contact counts, in ms (default 30 days). */
  readonly windowMs: number;
  /** Max counterparties kept per subscriber; the least recently seen is evicted beyond it. */
  readonly maxContacts: number;
}

// Per counterparty one double: the last contact time (s since 2020-01-01) and the length of the
// "run" of contacts leading to it, where consecutive contacts are at most one window apart. Any time
// inside a run has a contact less than one window before it, which answers out-of-order queries
// exactly for every time within the run, with no per-contact list.
const EPOCH_SEC = 1_577_836_800;
const RUN_RANGE = 4_194_304; // 2^22 s ≈ 48.5 days; longer runs are capped (only older queries are affected)
const MAX_RUN = RUN_RANGE - 1;

function toSec(timeMs: number): number {
  return Math.floor(timeMs / 1000) - EPOCH_SEC;
}

/**
 * The counterparties one subscriber exchanged calls, SMS or transfers with, for "first contact?" queries.
 * Compact: a flat array of [key, packed times] doubles, scanned linearly (bounded by `maxContacts`).
 */
export class FirstContactIndex {
  /** Interleaved [counterpartyKey, lastSec * 2^22 + runLengthSec] pairs. */
  private slots: number[] = [];

  constructor(private readonly policy: FirstContactPolicy) {}

  /** Number of counterparties tracked. */
  get size(): number {
    return this.slots.length >> 1;
  }

  private find(key: number): number {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i += 2) if (slots[i] === key) return i;
    return -1;
  }

  /** Records a contact at `timeMs`, in any order. Returns how many contacts were evicted to stay in bounds (0 or 1). */
  record(counterparty: string, timeMs: number): number {
    const key = counterpartyKey(counterparty);
    const at = toSec(timeMs);
    const i = this.find(key);
    if (i < 0) {
      let evicted = 0;
      if (this.size >= this.policy.maxContacts) {
        this.evictLeastRecent();
        evicted = 1;
      }
      this.slots.push(key, at * RUN_RANGE);
      return evicted;
    }
    const windowSec = this.policy.windowMs / 1000;
    const packed = this.slots[i + 1];
    const last = Math.floor(packed / RUN_RANGE);
    const run = packed - last * RUN_RANGE;
    if (at > last) {
      const nextRun = at - last <= windowSec ? Math.min(run + (at - last), MAX_RUN) : 0;
      this.slots[i + 1] = at * RUN_RANGE + nextRun;
    } else if (at < last - run && last - run - at <= windowSec) {
      this.slots[i + 1] = last * RUN_RANGE + Math.min(last - at, MAX_RUN);
    }
    return 0;
  }

  /**
   * True when nothing was exchanged with `counterparty` in [timeMs − window, timeMs).
   * The event being asked about never counts, nor do contacts later in event time.
   */
  isFirstContact(counterparty: string, timeMs: number): boolean {
    const i = this.find(counterpartyKey(counterparty));
    if (i < 0) return true;
    const at = toSec(timeMs);
    const packed = this.slots[i + 1];
    const last = Math.floor(packed / RUN_RANGE);
    if (at > last) return last < at - this.policy.windowMs / 1000;
    // Inside the run there is a contact within one window before `at`; at or before its start, none is known.
    return at <= last - (packed - last * RUN_RANGE);
  }

  /** Drops contacts last seen before `cutoffMs`; returns how many were dropped. */
  expire(cutoffMs: number): number {
    const cutoff = toSec(cutoffMs);
    const slots = this.slots;
    let write = 0;
    for (let read = 0; read < slots.length; read += 2) {
      if (Math.floor(slots[read + 1] / RUN_RANGE) < cutoff) continue;
      slots[write] = slots[read];
      slots[write + 1] = slots[read + 1];
      write += 2;
    }
    const dropped = (slots.length - write) >> 1;
    slots.length = write;
    return dropped;
  }

  private evictLeastRecent(): void {
    const slots = this.slots;
    let oldest = 0;
    for (let i = 2; i < slots.length; i += 2) if (slots[i + 1] < slots[oldest + 1]) oldest = i;
    slots.splice(oldest, 2);
  }

  /** Plain numbers for a snapshot. */
  toJSON(): number[] {
    return this.slots.slice();
  }

  /** Rebuilds an index from `toJSON()` output. */
  static fromJSON(policy: FirstContactPolicy, slots: readonly number[]): FirstContactIndex {
    const index = new FirstContactIndex(policy);
    index.slots = slots.slice(0, policy.maxContacts * 2);
    return index;
  }
}
