import { entityEventV1, type EntityEventV1 } from '@vigil/contracts';
import { CorrelationEngine, type EngineOptions, type RuleSet } from '@vigil/correlation';
import { type PartitionBatch, RetriableBatchError } from '@vigil/kafka';
import { correlatorMetrics } from './correlator.metrics';
import type { RestoredPartition } from './changelog-restorer';
import { PartitionLock } from './partition-lock';
import { type ChangelogCadence, PartitionPublisher } from './partition-publisher';
import type { StatePublisher } from './state-publisher';

/** One assigned input partition: its engine, restored from the changelog, and the input offset its state covers. */
export class PartitionWorker {
  private readonly engine: CorrelationEngine;
  private readonly lock = new PartitionLock();
  private readonly publisher: PartitionPublisher;
  private coveredOffset: bigint | null;

  constructor(
    readonly partition: number,
    rules: RuleSet,
    engineOptions: Partial<EngineOptions>,
    restored: RestoredPartition,
    writer: StatePublisher,
    isAssigned: () => boolean,
    changelogCadence: ChangelogCadence,
  ) {
    this.engine = new CorrelationEngine(rules, engineOptions);
    for (const [entity, bytes] of restored.entities) this.engine.restoreEntity(entity, bytes);
    if (restored.progress.maxEventTimeMs !== null)
      this.engine.restoreProgress(restored.progress.maxEventTimeMs);
    this.engine.takeDirtyEntities(); // restored state is already in the changelog
    this.coveredOffset =
      restored.progress.inputOffset === null ? null : BigInt(restored.progress.inputOffset);
    this.publisher = new PartitionPublisher(partition, writer, isAssigned, changelogCadence);
    correlatorMetrics.restoredEntities.inc(restored.entities.size);
  }

  setRules(rules: RuleSet): void {
    this.engine.setRules(rules);
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
      for (const record of batch.records) {
        const offset = BigInt(record.offset);
        if (this.coveredOffset !== null && offset <= this.coveredOffset) {
          skipped += 1;
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
          this.advanceTo(offset);
          continue;
        }
        const output = this.engine.process(event);
        this.publisher.addAlerts(output.alerts);
        for (let i = 0; i < output.lateEvents.length; i++) {
          correlatorMetrics.lateEvents.inc();
          batch.deadLetter(record, {
            reasonCode: 'LATE_EVENT',
            reason: `event time ${event.occurredAt} is behind the watermark ${new Date(this.engine.watermark).toISOString()}`,
          });
        }
        processed += 1;
        this.advanceTo(offset);
      }
      // Counted per batch: a counter increment per event is measurable at tens of thousands of events/s.
      if (processed > 0) correlatorMetrics.eventsProcessed.inc(processed);
      if (skipped > 0) correlatorMetrics.replayedEventsSkipped.inc(skipped);
      batch.commitWhen(this.publisher.publish(this.engine, this.coveredOffsetText()));
      try {
        await earlierWrites;
      } catch (error) {
        // This batch's own writes fail with them and hand their work back: the redelivered batch carries it all.
        throw new RetriableBatchError('an earlier write of the partition failed', { cause: error });
      }
    });
  }

  /**
   * Lets an idle partition's watermark follow the wall clock so partial matches and absence steps time out, and
   * samples the state gauges: engine stats walk every entity, too much work for every batch.
   */
  async tick(nowMs: number): Promise<void> {
    // The writes are awaited outside the lock (wrapped, so the lock does not adopt the promise): a batch need not
    // wait for them.
    const { written } = await this.lock.run(async () => {
      const output = this.engine.advanceWatermark(nowMs);
      this.publisher.addAlerts(output.alerts);
      this.report();
      // The changelog is due here once its interval has passed, so a partition gone quiet gets its state written.
      void this.publisher.publish(this.engine, this.coveredOffsetText()).catch(() => undefined);
      // Not the publish's own promise: with the changelog not due yet, that one settles only with a later tick.
      return { written: this.publisher.durable };
    });
    await written;
  }

  /** Writes the changelog now, whatever its cadence, and waits for it: the commits in flight wait for it. */
  flush(): Promise<void> {
    return this.lock.run(() => this.publisher.publish(this.engine, this.coveredOffsetText(), true));
  }

  /** Waits for work in flight, writes included (used before the partition is dropped). */
  drain(): Promise<void> {
    // Inside the lock: a batch still running may yet publish and leave commits waiting.
    return this.lock.run(() => {
      this.publisher.abandonPendingCommits();
      return this.publisher.settled();
    });
  }

  private advanceTo(offset: bigint): void {
    this.coveredOffset = offset;
    this.publisher.markProgressMoved();
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
