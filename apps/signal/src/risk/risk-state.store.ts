import {
  PARTITION_HEARTBEAT_KEY,
  subscriberRiskV1,
  type RiskPatternV1,
  type SubscriberRiskV1,
} from '@vigil/contracts';

/** What the store knows of one subscriber when asked. */
export interface SubscriberRiskView {
  /** Patterns open now: those past their expiry at the partition's event time are left out. */
  readonly openPatterns: readonly RiskPatternV1[];
  readonly endedPatterns: readonly RiskPatternV1[];
  /** When the correlator last vouched for this subscriber's state (ms): its record or its partition's heartbeat. */
  readonly stateAsOfMs: number;
  /** The event time (ms) the state was computed at (its partition's, when known): "recent" is measured on it. */
  readonly eventTimeMs: number;
}

interface PartitionFreshness {
  updatedAtMs: number;
  eventTimeMs: number;
}

const NOTHING: readonly RiskPatternV1[] = Object.freeze([]);

/**
 * The current risk state of every subscriber, as the latest record per key of vigil.subscriber-risk.v1 (all its
 * partitions), and each partition's heartbeat. Only subscribers with something open or recently ended are held:
 * an empty state removes its key.
 */
export class RiskStateStore {
  private readonly bySubscriber = new Map<string, SubscriberRiskV1>();
  private readonly partitions = new Map<number, PartitionFreshness>();
  /** Fallback freshness before any heartbeat: the time the topic was read to its end. */
  private caughtUpAtMs = 0;
  /** The view of every subscriber without state (99 % of checks), until a heartbeat or record changes it. */
  private nothingOpen: SubscriberRiskView | undefined;

  /** Applies one record; false when it is not a valid risk state (it is then ignored). */
  apply(key: string | null, value: Buffer | null): boolean {
    if (value === null) {
      if (key !== null) this.bySubscriber.delete(key);
      return true;
    }
    let state: SubscriberRiskV1;
    try {
      state = subscriberRiskV1.deserialize(value);
    } catch {
      return false;
    }
    this.notePartition(state);
    if (state.subscriber === PARTITION_HEARTBEAT_KEY) return true;
    if (state.openPatterns.length === 0 && state.endedPatterns.length === 0)
      this.bySubscriber.delete(state.subscriber);
    else this.bySubscriber.set(state.subscriber, state);
    return true;
  }

  markCaughtUp(nowMs: number): void {
    this.caughtUpAtMs = nowMs;
    this.nothingOpen = undefined;
  }

  /** True once the topic has been read to its end: before that, an answer of `none` could be wrong. */
  get caughtUp(): boolean {
    return this.caughtUpAtMs > 0;
  }

  get size(): number {
    return this.bySubscriber.size;
  }

  /**
   * The subscriber's state (`msisdn:<digits>`). Without one, the answer is as fresh as the stalest partition's
   * heartbeat: whichever partition the subscriber's events go to, its correlator had nothing open for them then.
   */
  view(subscriber: string): SubscriberRiskView {
    const state = this.bySubscriber.get(subscriber);
    if (state === undefined)
      return (this.nothingOpen ??= {
        openPatterns: NOTHING,
        endedPatterns: NOTHING,
        stateAsOfMs: this.stalestMs(),
        eventTimeMs: NaN,
      });
    const freshness = this.partitions.get(state.partition);
    const eventTimeMs = Math.max(freshness?.eventTimeMs ?? -Infinity, Date.parse(state.eventTime));
    // An ending lost with a crashed correlator must not keep a pattern open: its window closes on event time anyway.
    const open = state.openPatterns.filter((pattern) => Date.parse(pattern.expiresAt!) >= eventTimeMs);
    return {
      openPatterns: open,
      endedPatterns: state.endedPatterns,
      stateAsOfMs: Math.max(Date.parse(state.updatedAt), freshness?.updatedAtMs ?? 0),
      eventTimeMs,
    };
  }

  private notePartition(state: SubscriberRiskV1): void {
    this.nothingOpen = undefined;
    const updatedAtMs = Date.parse(state.updatedAt);
    const eventTimeMs = Date.parse(state.eventTime);
    const known = this.partitions.get(state.partition);
    if (known === undefined) this.partitions.set(state.partition, { updatedAtMs, eventTimeMs });
    else {
      known.updatedAtMs = Math.max(known.updatedAtMs, updatedAtMs);
      known.eventTimeMs = Math.max(known.eventTimeMs, eventTimeMs);
    }
  }

  private stalestMs(): number {
    if (this.partitions.size === 0) return this.caughtUpAtMs;
    let stalest = Infinity;
    for (const { updatedAtMs } of this.partitions.values()) stalest = Math.min(stalest, updatedAtMs);
    return stalest;
  }
}
