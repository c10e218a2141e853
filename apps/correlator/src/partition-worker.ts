import { Logger } from '@nestjs/common';
import {
  entityEventV1,
  isWatermarkRecord,
  sourceWatermarkV1,
  type Contract,
  type EntityEventV1,
} from '@vigil/contracts';
import {
  CorrelationEngine,
  SourceWatermarks,
  type EngineOptions,
  type EngineOutput,
  type RuleSet,
} from '@vigil/correlation';
import { type ConsumedRecord, type PartitionBatch, RetriableBatchError } from '@vigil/kafka';
import { correlatorMetrics } from './correlator.metrics';
import type { RestoredPartition } from './correlator-changelog';
import { PartitionLock } from './partition-lock';
import { type ChangelogCadence, PartitionPublisher, type PublishedEngine } from './partition-publisher';
import type { StatePublisher } from './state-publisher';
import {
  gatedByRiskStates,
  SubscriberRiskPublication,
  type SubscriberRiskWriter,
} from './subscriber-risk-publication';
import { SubscriberRiskTracker } from './subscriber-risk-tracker';
import { subscriberRiskMetrics } from './subscriber-risk.metrics';

/**
 * One assigned input partition: its engine, restored from the changelog, the sources that feed it (event time is the
 * slowest of them), and the input offset its state covers.
 */
export class PartitionWorker {
  private readonly logger = new Logger(PartitionWorker.name);
  private readonly engine: CorrelationEngine;
  private readonly sources: SourceWatermarks;
  private readonly published: PublishedEngine;
  private readonly lock = new PartitionLock();
  private readonly publisher: PartitionPublisher;
  /** The scam signal: subscribers' open patterns, published after every batch (subscriber-risk-publication.ts). */
  private readonly riskTracker: SubscriberRiskTracker;
  private readonly risk: SubscriberRiskPublication;
  private coveredOffset: bigint | null;
  /** Label of the slowest source last reported, so the gauge forgets it when another source becomes the slowest. */
  private slowestSource: string | undefined;

  constructor(
    readonly partition: number,
    rules: RuleSet,
    engineOptions: Partial<EngineOptions>,
    restored: RestoredPartition,
    writer: StatePublisher,
    isAssigned: () => boolean,
    changelogCadence: ChangelogCadence,
    riskWriter: SubscriberRiskWriter,
  ) {
    // Event time moves only with the slowest source: one input read ahead of the others must not make them late.
    this.engine = new CorrelationEngine(rules, { ...engineOptions, selfWatermark: false });
    this.sources = SourceWatermarks.restore(restored.progress.sources ?? undefined);
    const engine = this.engine;
    this.published = {
      takeDirtyEntities: () => engine.takeDirtyEntities(),
      snapshotEntity: (entity) => engine.snapshotEntity(entity),
      progress: () => ({ ...engine.progress(), sources: this.sources.snapshot() }),
    };
    for (const [entity, bytes] of restored.entities) this.engine.restoreEntity(entity, bytes);
    if (restored.progress.maxEventTimeMs !== null)
      this.engine.restoreProgress(restored.progress.maxEventTimeMs);
    this.engine.takeDirtyEntities(); // restored state is already in the changelog
    this.riskTracker = new SubscriberRiskTracker(partition, this.engine);
    this.risk = new SubscriberRiskPublication(this.riskTracker, riskWriter);
    // What was open when the previous owner stopped is published again from the restored state.
    for (const entity of restored.entities.keys()) this.riskTracker.touchEntity(entity);
    this.coveredOffset =
      restored.progress.inputOffset === null ? null : BigInt(restored.progress.inputOffset);
    this.publisher = new PartitionPublisher(
      partition,
      gatedByRiskStates(writer, this.risk),
      isAssigned,
      changelogCadence,
    );
    correlatorMetrics.restoredEntities.inc(restored.entities.size);
  }

  setRules(rules: RuleSet): void {
    this.engine.setRules(rules);
    this.riskTracker.touchAll();
  }

  /**
   * Runs a batch through the engine and publishes its alerts and state. It returns once the previous batch's writes
   * are durable, not its own: those overlap with the next fetch, and the adapter commits this batch once they are
   * durable. One batch in flight at most, so a failed write surfaces at the next batch and is retried with it.
   */
  handleBatch(batch: PartitionBatch): Promise<void> {
    return this.lock.run(async () => {
      const earlierWrites = this.publisher.durable;
      let processed = 0;
      let skipped = 0;
      let late = 0;
      let latestByMs = 0;
      let replays = 0;
      for (const record of batch.records) {
        const offset = BigInt(record.offset);
        if (this.coveredOffset !== null && offset <= this.coveredOffset) {
          skipped += 1;
          continue;
        }
        if (isWatermarkRecord(record.headers)) {
          this.applyWatermark(batch, record);
          this.advanceTo(offset);
          continue;
        }
        const event = decodeOrDeadLetter(batch, record, entityEventV1, 'INVALID_ENTITY_EVENT');
        if (event === undefined) {
          this.advanceTo(offset);
          continue;
        }
        if (this.isSourceReplay(event)) {
          replays += 1;
          this.advanceTo(offset);
          continue;
        }
        const output = this.engine.process(event);
        this.riskTracker.touch(event);
        this.publisher.addAlerts(output.alerts);
        this.reportLeftOut(output);
        // One unreadable record is dead-lettered alone; its neighbours in the batch go on.
        for (const { code, reason } of output.rejected)
          batch.deadLetter(record, { reasonCode: code, reason });
        if (output.lateEvents.length > 0) {
          const byMs = this.engine.watermark - existsAtMs(event);
          late += 1;
          latestByMs = Math.max(latestByMs, byMs);
          batch.deadLetter(record, {
            reasonCode: 'LATE_EVENT',
            reason: `record existed at ${new Date(existsAtMs(event)).toISOString()}, ${Math.round(byMs / 1000)} s behind the watermark ${new Date(this.engine.watermark).toISOString()} (source ${event.sourceTopic}/${event.sourcePartition ?? '?'})`,
          });
        }
        processed += 1;
        this.advanceTo(offset);
      }
      if (late > 0) {
        correlatorMetrics.lateEvents.inc({ partition: String(this.partition) }, late);
        this.logger.warn({
          msg: 'late events dead-lettered',
          partition: this.partition,
          events: late,
          latestBySeconds: Math.round(latestByMs / 1000),
          watermark: new Date(this.engine.watermark).toISOString(),
        });
      }
      if (replays > 0) correlatorMetrics.sourceReplaysSkipped.inc(replays);
      // Counted per batch: a counter increment per event is measurable at tens of thousands of events/s.
      if (processed > 0) correlatorMetrics.eventsProcessed.inc(processed);
      if (skipped > 0) correlatorMetrics.replayedEventsSkipped.inc(skipped);
      this.risk.publish();
      batch.commitWhen(this.publisher.publish(this.published, this.coveredOffsetText()));
      try {
        await earlierWrites;
      } catch (error) {
        // This batch's own writes fail with them and hand their work back: the redelivered batch carries it all.
        throw new RetriableBatchError('an earlier write of the partition failed', { cause: error });
      }
    });
  }

  /**
   * Writes a quiet partition's changelog once its interval has passed, and samples the state gauges: engine stats walk
   * every entity, too much work for every batch. Event time does not move here: only the sources move it.
   */
  async tick(nowMs: number): Promise<void> {
    // The writes are awaited outside the lock (wrapped, so the lock does not adopt the promise): a batch need not
    // wait for them.
    const { written } = await this.lock.run(async () => {
      this.report(nowMs);
      this.risk.publish(); // patterns closed by event time, rules changed
      this.risk.publishHeartbeat();
      // The changelog is due here once its interval has passed, so a partition gone quiet gets its state written.
      void this.publisher.publish(this.published, this.coveredOffsetText()).catch(() => undefined);
      // Not the publish's own promise: with the changelog not due yet, that one settles only with a later tick.
      return { written: this.publisher.durable };
    });
    await written;
  }

  /** Writes the changelog now, whatever its cadence, and waits for it: the commits in flight wait for it. */
  flush(): Promise<void> {
    return this.lock.run(() => this.publisher.publish(this.published, this.coveredOffsetText(), true));
  }

  /** Waits for work in flight, writes included (used before the partition is dropped). */
  drain(): Promise<void> {
    // Inside the lock: a batch still running may yet publish and leave commits waiting.
    return this.lock.run(() => {
      this.publisher.abandonPendingCommits();
      return this.publisher.settled();
    });
  }

  /** A source watermark: event time moves to the slowest source, closing what closes before it. */
  private applyWatermark(batch: PartitionBatch, record: ConsumedRecord): void {
    const watermark = decodeOrDeadLetter(batch, record, sourceWatermarkV1, 'INVALID_WATERMARK');
    if (watermark === undefined) return;
    correlatorMetrics.watermarkRecords.inc();
    const eventTimeMs = this.sources.apply(watermark);
    if (eventTimeMs > -Infinity) {
      const output = this.engine.advanceEventTime(eventTimeMs);
      this.publisher.addAlerts(output.alerts);
      this.reportLeftOut(output);
    }
    this.publisher.markProgressMoved();
  }

  /**
   * Matches the engine did not publish. Dropped at a per-entity bound: rare, and an alert may be missing because of
   * them, so each is logged. Superseded: the more specific alert published names them, so they are only counted.
   */
  private reportLeftOut(output: EngineOutput): void {
    for (const drop of output.droppedMatches ?? []) {
      correlatorMetrics.droppedMatches.inc({ rule: drop.ruleId, reason: drop.reason }, drop.count);
      this.logger.warn({ msg: 'matches dropped at a per-entity bound', partition: this.partition, ...drop });
    }
    for (const left of output.supersededAlerts ?? [])
      correlatorMetrics.supersededAlerts.inc({ rule: left.ruleId, superseded_by: left.supersededBy });
  }

  /** An entity event ingest produced again for an input record whose events this partition already had. */
  private isSourceReplay(event: EntityEventV1): boolean {
    return (
      event.sourcePartition !== undefined &&
      event.sourceOffset !== undefined &&
      this.sources.isReplay(event.sourceTopic, event.sourcePartition, Number(event.sourceOffset))
    );
  }

  private advanceTo(offset: bigint): void {
    this.coveredOffset = offset;
    this.publisher.markProgressMoved();
  }

  private coveredOffsetText(): string | null {
    return this.coveredOffset === null ? null : this.coveredOffset.toString();
  }

  private report(nowMs: number): void {
    const stats = this.engine.stats();
    const partition = String(this.partition);
    correlatorMetrics.activePartialMatches.set({ partition }, stats.activePartialMatches);
    correlatorMetrics.trackedEntities.set({ partition }, stats.trackedEntities);
    correlatorMetrics.bufferedEvents.set({ partition }, stats.bufferedEvents);
    subscriberRiskMetrics.trackedSubscribers.set({ partition }, this.riskTracker.trackedSubscribers);
    for (const [kind, count] of Object.entries(stats.evictions))
      correlatorMetrics.evictions.set({ partition, kind }, count);
    if (Number.isFinite(stats.watermarkMs))
      correlatorMetrics.watermarkLagSeconds.set({ partition }, (nowMs - stats.watermarkMs) / 1000);
    const slowest = this.sources.slowest();
    const source = slowest === undefined ? undefined : `${slowest.topic}/${slowest.partition}`;
    if (this.slowestSource !== undefined && this.slowestSource !== source)
      correlatorMetrics.slowestSourceLagSeconds.remove({ partition, source: this.slowestSource });
    this.slowestSource = source;
    if (source !== undefined && slowest?.eventTimeMs != null)
      correlatorMetrics.slowestSourceLagSeconds.set(
        { partition, source },
        (nowMs - slowest.eventTimeMs) / 1000,
      );
  }
}

/** When the event's record could first exist: a call record at the call's end. */
function existsAtMs(event: EntityEventV1): number {
  return Date.parse(event.occurredAt) + (event.durationSec ?? 0) * 1000;
}

/** The record decoded by its contract, or undefined once it is queued for the dead-letter topic with the reason. */
function decodeOrDeadLetter<T>(
  batch: PartitionBatch,
  record: ConsumedRecord,
  contract: Contract<T>,
  reasonCode: string,
): T | undefined {
  try {
    return contract.deserialize(record.value);
  } catch (error) {
    batch.deadLetter(record, { reasonCode, reason: (error as Error).message.slice(0, 500) });
    return undefined;
  }
}
