import { entityEventV1, type AlertV1, type EntityEventV1 } from '@vigil/contracts';
import { CorrelationEngine, type EngineOptions, type RuleSet } from '@vigil/correlation';
import type { PartitionBatch } from '@vigil/kafka';
import { correlatorMetrics } from './correlator.metrics';
import type { RestoredPartition } from './changelog-restorer';
import { PartitionLock } from './partition-lock';
import type { StatePublisher } from './state-publisher';

/** One assigned input partition: its engine, restored from the changelog, and the input offset its state covers. */
export class PartitionWorker {
  private readonly engine: CorrelationEngine;
  private readonly lock = new PartitionLock();
  private coveredOffset: bigint | null;

  constructor(
    readonly partition: number,
    rules: RuleSet,
    engineOptions: Partial<EngineOptions>,
    restored: RestoredPartition,
    private readonly publisher: StatePublisher,
  ) {
    this.engine = new CorrelationEngine(rules, engineOptions);
    for (const [entity, bytes] of restored.entities) this.engine.restoreEntity(entity, bytes);
    if (restored.progress.maxEventTimeMs !== null)
      this.engine.restoreProgress(restored.progress.maxEventTimeMs);
    this.engine.takeDirtyEntities(); // restored state is already in the changelog
    this.coveredOffset =
      restored.progress.inputOffset === null ? null : BigInt(restored.progress.inputOffset);
    correlatorMetrics.restoredEntities.inc(restored.entities.size);
  }

  setRules(rules: RuleSet): void {
    this.engine.setRules(rules);
  }

  /** Runs a batch through the engine and makes alerts and state durable; the adapter commits afterwards. */
  handleBatch(batch: PartitionBatch): Promise<void> {
    return this.lock.run(async () => {
      const alerts: AlertV1[] = [];
      let advanced = false;
      for (const record of batch.records) {
        const offset = BigInt(record.offset);
        if (this.coveredOffset !== null && offset <= this.coveredOffset) {
          correlatorMetrics.replayedEventsSkipped.inc();
          continue;
        }
        let event: EntityEventV1;
        try {
          event = entityEventV1.deserialize(record.value);
        } catch (error) {
          batch.deadLetter(record, {
            reasonCode: 'INVALID_ENTITY_EVENT',
            reason: (error as Error).message.slice(0, 500),
          });
          this.coveredOffset = offset;
          advanced = true;
          continue;
        }
        const output = this.engine.process(event);
        alerts.push(...output.alerts);
        for (let i = 0; i < output.lateEvents.length; i++) {
          correlatorMetrics.lateEvents.inc();
          batch.deadLetter(record, {
            reasonCode: 'LATE_EVENT',
            reason: `event time ${event.occurredAt} is behind the watermark ${new Date(this.engine.watermark).toISOString()}`,
          });
        }
        correlatorMetrics.eventsProcessed.inc();
        this.coveredOffset = offset;
        advanced = true;
      }
      await this.publisher.publish(this.partition, this.engine, alerts, this.coveredOffsetText(), advanced);
      this.report();
    });
  }

  /** Lets an idle partition's watermark follow the wall clock so partial matches and absence steps time out. */
  tick(nowMs: number): Promise<void> {
    return this.lock.run(async () => {
      const output = this.engine.advanceWatermark(nowMs);
      await this.publisher.publish(
        this.partition,
        this.engine,
        output.alerts,
        this.coveredOffsetText(),
        false,
      );
      this.report();
    });
  }

  /** Waits for work in flight (used before the partition is dropped). */
  drain(): Promise<void> {
    return this.lock.run(async () => undefined);
  }

  private coveredOffsetText(): string | null {
    return this.coveredOffset === null ? null : this.coveredOffset.toString();
  }

  private report(): void {
    const stats = this.engine.stats();
    const partition = String(this.partition);
    correlatorMetrics.activePartialMatches.set({ partition }, stats.activePartialMatches);
    correlatorMetrics.trackedEntities.set({ partition }, stats.trackedEntities);
    correlatorMetrics.bufferedEvents.set({ partition }, stats.bufferedEvents);
    for (const [kind, count] of Object.entries(stats.evictions))
      correlatorMetrics.evictions.set({ partition, kind }, count);
    if (Number.isFinite(stats.watermarkMs))
      correlatorMetrics.watermarkLagSeconds.set({ partition }, (Date.now() - stats.watermarkMs) / 1000);
  }
}
