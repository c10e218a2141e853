import type { SourceProgressV1 } from '@vigil/contracts';

/** Tuning of a SourceProgress. Durations in ms. */
export interface SourceProgressOptions {
  /** Wall time a source that has been read to its end must stay quiet before it stops holding event time back. */
  idleTimeoutMs: number;
  /** Event time one source may run ahead of the slowest source that still has records to read. */
  maxDriftMs: number;
}

/** One owned input partition. */
interface Source {
  topic: string;
  partition: number;
  /** Latest existence time of a record whose entity events are durable; null before the first. */
  eventTimeMs: number | null;
  /** Next offset to read; null until the committed offset or a batch says. */
  position: number | null;
  /** End of the partition when last asked (a batch's high watermark or the broker's end offset). */
  endOffset: number | null;
  /**
   * Wall time of the last record read; -Infinity before any (an empty partition, or one read to its end before this
   * instance got it, is quiet already: once it is known to be read to its end it is idle at once).
   */
  lastRecordAtMs: number;
  paused: boolean;
}

/** What alignment asks of the consumer: sources to pause and to resume, as `[topic, partition]`. */
export interface AlignmentChange {
  pause: [string, number][];
  resume: [string, number][];
}

const keyOf = (topic: string, partition: number): string => `${topic}/${partition}`;

/**
 * How far each input partition an ingest instance owns has been read: in event time (the latest moment a record
 * read from it existed, for the correlator's watermark), in offsets (so a replayed record can be told from a new
 * one), and whether it is read to its end and quiet (idle). Also decides watermark alignment: a source that runs
 * more than `maxDriftMs` of event time ahead of the slowest source with records left is paused until the others
 * catch up, so a backlog drains in event-time order.
 *
 * Transport-free: the ingest service reports batches (once their entity events are durable), end offsets and
 * assignments, and turns `report` into watermark records and `align` into pause and resume calls.
 */
export class SourceProgress {
  private readonly sources = new Map<string, Source>();

  constructor(private readonly options: SourceProgressOptions) {}

  /** The sources owned after a rebalance; what they were already known to have is kept. */
  assign(owned: readonly [string, number][]): void {
    const next = new Map<string, Source>();
    for (const [topic, partition] of owned) {
      const key = keyOf(topic, partition);
      next.set(key, {
        topic,
        partition,
        eventTimeMs: null,
        position: null,
        endOffset: null,
        lastRecordAtMs: -Infinity,
        ...this.sources.get(key),
        // A consumer resumes every partition it is newly given: alignment decides again.
        paused: false,
      });
    }
    this.sources.clear();
    for (const [key, source] of next) this.sources.set(key, source);
  }

  /** The committed offset of an owned source (where its reading starts); ignored once a batch has moved it. */
  startAt(topic: string, partition: number, offset: number): void {
    const source = this.sources.get(keyOf(topic, partition));
    if (source !== undefined && source.position === null) source.position = offset;
  }

  /** The broker's end offset of a source, polled: tells a source read to its end from one with records left. */
  endAt(topic: string, partition: number, endOffset: number): void {
    const source = this.sources.get(keyOf(topic, partition));
    if (source !== undefined) source.endOffset = Math.max(source.endOffset ?? 0, endOffset);
  }

  /**
   * A batch whose entity events are durable.
   * @param nextOffset offset after the batch's last record
   * @param endOffset the partition's high watermark when the batch was fetched
   * @param latestExistsAtMs latest existence time among its records (null when none had a valid time)
   */
  batchDone(
    topic: string,
    partition: number,
    nextOffset: number,
    endOffset: number,
    latestExistsAtMs: number | null,
    nowMs: number,
  ): void {
    const source = this.sources.get(keyOf(topic, partition));
    if (source === undefined) return; // revoked meanwhile: its next owner reports it
    source.position = Math.max(source.position ?? 0, nextOffset);
    source.endOffset = Math.max(source.endOffset ?? 0, endOffset);
    source.lastRecordAtMs = nowMs;
    if (latestExistsAtMs !== null && (source.eventTimeMs === null || latestExistsAtMs > source.eventTimeMs))
      source.eventTimeMs = latestExistsAtMs;
  }

  /** Every owned source as a watermark record reports it. */
  report(nowMs: number): SourceProgressV1[] {
    const reports: SourceProgressV1[] = [];
    for (const source of this.sources.values()) {
      const idle = this.isIdle(source, nowMs);
      // Idle: event time goes on at the wall clock's pace from the last record, never jumps to the wall clock, so
      // a replay's quiet night stays a night of event time however fast it is replayed.
      const eventTimeMs =
        source.eventTimeMs === null || source.lastRecordAtMs === -Infinity
          ? null
          : idle
            ? source.eventTimeMs + (nowMs - source.lastRecordAtMs)
            : source.eventTimeMs;
      reports.push({
        topic: source.topic,
        partition: source.partition,
        eventTimeMs,
        position: source.position === null ? null : String(source.position),
        idle,
      });
    }
    return reports;
  }

  /**
   * Pauses the sources more than `maxDriftMs` ahead of the slowest source that still has records to read, and
   * resumes paused ones that are back within half of it. A source read to its end never holds the others back, so
   * an empty or dead partition cannot stall the rest; a source not read yet holds them back until its first batch.
   */
  align(): AlignmentChange {
    const change: AlignmentChange = { pause: [], resume: [] };
    let slowestMs = Infinity;
    for (const source of this.sources.values()) {
      if (source.paused || this.isCaughtUp(source)) continue;
      const timeMs = source.eventTimeMs ?? -Infinity;
      if (timeMs < slowestMs) slowestMs = timeMs;
    }
    for (const source of this.sources.values()) {
      const timeMs = source.eventTimeMs ?? -Infinity;
      if (!source.paused && slowestMs < Infinity && timeMs - slowestMs > this.options.maxDriftMs) {
        source.paused = true;
        change.pause.push([source.topic, source.partition]);
      } else if (
        source.paused &&
        (slowestMs === Infinity || timeMs - slowestMs <= this.options.maxDriftMs / 2)
      ) {
        source.paused = false;
        change.resume.push([source.topic, source.partition]);
      }
    }
    return change;
  }

  /** Sources paused by alignment, and the event time the slowest source holds (for metrics). */
  status(): { paused: number; owned: number; slowestEventTimeMs: number | null } {
    let paused = 0;
    let slowest: number | null = null;
    for (const source of this.sources.values()) {
      if (source.paused) paused++;
      if (source.eventTimeMs !== null && (slowest === null || source.eventTimeMs < slowest))
        slowest = source.eventTimeMs;
    }
    return { paused, owned: this.sources.size, slowestEventTimeMs: slowest };
  }

  private isCaughtUp(source: Source): boolean {
    return source.position !== null && source.endOffset !== null && source.position >= source.endOffset;
  }

  private isIdle(source: Source, nowMs: number): boolean {
    return this.isCaughtUp(source) && nowMs - source.lastRecordAtMs >= this.options.idleTimeoutMs;
  }
}
