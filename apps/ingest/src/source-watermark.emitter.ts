import { Logger } from '@nestjs/common';
import {
  INPUT_TOPICS,
  RECORD_TYPE_HEADER,
  WATERMARK_RECORD_KEY,
  WATERMARK_RECORD_TYPE,
  sourceWatermarkV1,
  type SourceWatermarkV1,
} from '@vigil/contracts';
import type { SourceProgress } from '@vigil/ingest';
import {
  type BatchConsumer,
  type CoalescingProducer,
  type PartitionAssignment,
  type PartitionOffsets,
  SerialTicker,
} from '@vigil/kafka';
import { randomUUID } from 'node:crypto';
import { ingestMetrics } from './ingest.metrics';

/** Cadence of the emitter. Durations in ms of wall time. */
export interface WatermarkCadence {
  /** Between two watermark records while a source is not idle. */
  intervalMs: number;
  /** Between two watermark records while every owned source is idle (event time then only creeps on). */
  idleIntervalMs: number;
  /** Between two polls of the input partitions' end offsets. */
  endOffsetsPollMs: number;
}

/** Where the emitter reads and writes. */
export interface WatermarkTopics {
  groupId: string;
  /** Logical entity-events topic name (for the partition count). */
  entityEventsLogical: string;
  /** Physical entity-events topic name (to produce to). */
  entityEvents: string;
}

/**
 * Propagates how far this ingest instance has read each input partition it owns: every `intervalMs` it writes one
 * watermark record to every entity-events partition (any source may feed any of them), and it pauses the input
 * partitions that run too far ahead in event time (alignment). A record only vouches for entity events already
 * durable, so in every partition it follows the events it covers.
 */
export class SourceWatermarkEmitter {
  private readonly logger = new Logger(SourceWatermarkEmitter.name);
  private readonly instance = randomUUID();
  private assignedAtMs = 0;
  private inputPartitions: Record<string, number> = {};
  private entityPartitions = 0;
  private readonly ticker = new SerialTicker(this.logger, 'watermark', () => this.tick());
  private lastPollMs = -Infinity;
  private lastEmitMs = -Infinity;

  constructor(
    private readonly progress: SourceProgress,
    private readonly producer: CoalescingProducer,
    private readonly consumer: BatchConsumer,
    private readonly offsets: PartitionOffsets,
    private readonly topics: WatermarkTopics,
    private readonly cadence: WatermarkCadence,
  ) {}

  /** An emitter that follows the consumer's assignment from its first group join (registered before it starts). */
  static following(...args: ConstructorParameters<typeof SourceWatermarkEmitter>): SourceWatermarkEmitter {
    const emitter = new SourceWatermarkEmitter(...args);
    args[2].addListener({
      onAssignment: (assignment, joinedAtMs) => emitter.onAssignment(assignment, joinedAtMs),
    });
    return emitter;
  }

  start(): void {
    this.ticker.start(this.cadence.intervalMs);
  }

  async stop(): Promise<void> {
    this.ticker.stop();
    await this.offsets.close();
  }

  private onAssignment(assignment: PartitionAssignment, joinedAtMs: number): void {
    const owned: [string, number][] = [];
    for (const topic of INPUT_TOPICS)
      for (const partition of assignment[topic] ?? []) owned.push([topic, partition]);
    this.assignedAtMs = joinedAtMs;
    this.progress.assign(owned);
    this.lastPollMs = -Infinity; // where the new sources start is asked at the next tick
    this.logger.log({ msg: 'input partitions assigned', sources: owned.length });
  }

  private async tick(): Promise<void> {
    const nowMs = Date.now();
    if (nowMs - this.lastPollMs >= this.cadence.endOffsetsPollMs) {
      await this.pollOffsets();
      this.lastPollMs = nowMs;
    }
    this.align();
    await this.emit(nowMs);
  }

  /** End offsets of every input partition, and where a source without a batch yet starts (its committed offset). */
  private async pollOffsets(): Promise<void> {
    for (const topic of INPUT_TOPICS) {
      const [ends, committed] = await Promise.all([
        this.offsets.ends(topic),
        this.offsets.committed(this.topics.groupId, topic),
      ]);
      this.inputPartitions[topic] = ends.length;
      for (const { partition, low, high } of ends) {
        this.progress.startAt(topic, partition, committed.get(partition) ?? low);
        this.progress.endAt(topic, partition, high);
      }
    }
    this.entityPartitions = (await this.offsets.ends(this.topics.entityEventsLogical)).length;
  }

  private align(): void {
    const { pause, resume } = this.progress.align();
    for (const [topic, partition] of pause) this.consumer.pause(topic, [partition]);
    for (const [topic, partition] of resume) this.consumer.resume(topic, [partition]);
    const status = this.progress.status();
    ingestMetrics.sourcesPaused.set(status.paused);
    ingestMetrics.sourcesOwned.set(status.owned);
    if (status.slowestEventTimeMs !== null)
      ingestMetrics.slowestSourceLagSeconds.set((Date.now() - status.slowestEventTimeMs) / 1000);
  }

  private async emit(nowMs: number): Promise<void> {
    if (this.entityPartitions === 0) return;
    const sources = this.progress.report(nowMs);
    if (sources.length === 0) return;
    const allIdle = sources.every((source) => source.idle);
    if (allIdle && nowMs - this.lastEmitMs < this.cadence.idleIntervalMs) return;
    const record: SourceWatermarkV1 = {
      emittedAt: new Date(nowMs).toISOString(),
      instance: this.instance,
      assignedAtMs: this.assignedAtMs,
      inputPartitions: { ...this.inputPartitions },
      sources,
    };
    const value = sourceWatermarkV1.serialize(record);
    const headers = { [RECORD_TYPE_HEADER]: WATERMARK_RECORD_TYPE };
    const messages = [];
    for (let partition = 0; partition < this.entityPartitions; partition++)
      messages.push({ key: WATERMARK_RECORD_KEY, value, partition, headers });
    await this.producer.send(this.topics.entityEvents, messages);
    this.lastEmitMs = nowMs;
    ingestMetrics.watermarksOut.inc(messages.length);
  }
}
