import type { SourceWatermarkV1 } from '@vigil/contracts';

/** What a correlator partition knows of one source (an input partition), merged from every report about it. */
export interface SourceStateV1 {
  topic: string;
  partition: number;
  /** Highest event time reported (ms); null while no report carried one. */
  eventTimeMs: number | null;
  /** Highest position reported: source records before it already reached this partition. */
  position: number | null;
  idle: boolean;
  /** Assignment the idle flag comes from: a report of an earlier assignment cannot change it. */
  assignedAtMs: number;
}

/** The sources of one partition, as persisted with its state. */
export interface SourceWatermarksSnapshotV1 {
  inputPartitions: Record<string, number>;
  sources: SourceStateV1[];
}

const keyOf = (topic: string, partition: number): string => `${topic}/${partition}`;

/**
 * Combines the sources that feed one entity-events partition into one event time, like Flink's per-source
 * watermarks: the minimum over the sources that are not idle, so the fastest input never sets the clock. A source
 * that has not reported yet, or has reported no time, holds event time where it is; an idle source (read to its
 * end and quiet) holds nothing back; when every source is idle, event time is the latest of theirs (which ingest
 * advances with the wall clock from each source's last record, never to the wall clock itself).
 *
 * Reports may come from several ingest instances and from an earlier owner of a source after a rebalance: times
 * and positions only move forward, and an idle flag is taken from the latest assignment.
 */
export class SourceWatermarks {
  private readonly sources = new Map<string, SourceStateV1>();
  private inputPartitions: Record<string, number> = {};

  /** Merges one watermark record; returns the combined event time afterwards. */
  apply(record: SourceWatermarkV1): number {
    this.inputPartitions = { ...this.inputPartitions, ...record.inputPartitions };
    for (const reported of record.sources) {
      const key = keyOf(reported.topic, reported.partition);
      const position = reported.position === null ? null : Number(reported.position);
      let state = this.sources.get(key);
      if (state === undefined) {
        state = { ...reported, position, assignedAtMs: record.assignedAtMs };
        this.sources.set(key, state);
        continue;
      }
      state.eventTimeMs = maxOf(state.eventTimeMs, reported.eventTimeMs);
      state.position = maxOf(state.position, position);
      if (record.assignedAtMs >= state.assignedAtMs) {
        state.assignedAtMs = record.assignedAtMs;
        state.idle = reported.idle;
      }
    }
    return this.eventTimeMs();
  }

  /**
   * Event time every source has reached: ms since epoch, or -Infinity while a source that is not idle has no time
   * (or has not reported at all).
   */
  eventTimeMs(): number {
    let slowestActive = Infinity;
    let latestIdle = -Infinity;
    for (const [topic, count] of Object.entries(this.inputPartitions)) {
      for (let partition = 0; partition < count; partition++) {
        const state = this.sources.get(keyOf(topic, partition));
        if (state === undefined) return -Infinity;
        if (state.idle) {
          if (state.eventTimeMs !== null && state.eventTimeMs > latestIdle) latestIdle = state.eventTimeMs;
          continue;
        }
        if (state.eventTimeMs === null) return -Infinity;
        if (state.eventTimeMs < slowestActive) slowestActive = state.eventTimeMs;
      }
    }
    return slowestActive < Infinity ? slowestActive : latestIdle;
  }

  /** True when a record at this source offset already reached the partition (an ingest replay made it again). */
  isReplay(topic: string, partition: number, offset: number): boolean {
    const position = this.sources.get(keyOf(topic, partition))?.position;
    return position !== null && position !== undefined && offset < position;
  }

  /** The source that holds event time back (the slowest one not idle), for metrics and logs. */
  slowest(): SourceStateV1 | undefined {
    let slowest: SourceStateV1 | undefined;
    for (const state of this.sources.values()) {
      if (state.idle) continue;
      if (slowest === undefined || (state.eventTimeMs ?? -Infinity) < (slowest.eventTimeMs ?? -Infinity))
        slowest = state;
    }
    return slowest;
  }

  snapshot(): SourceWatermarksSnapshotV1 {
    return {
      inputPartitions: { ...this.inputPartitions },
      sources: [...this.sources.values()].map((state) => ({ ...state })),
    };
  }

  static restore(snapshot: SourceWatermarksSnapshotV1 | undefined): SourceWatermarks {
    const restored = new SourceWatermarks();
    if (snapshot === undefined) return restored;
    restored.inputPartitions = { ...snapshot.inputPartitions };
    for (const state of snapshot.sources)
      restored.sources.set(keyOf(state.topic, state.partition), { ...state });
    return restored;
  }
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
