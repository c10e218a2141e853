import { Logger } from '@nestjs/common';
import type { EngineOptions } from '@vigil/correlation';
import type { BatchConsumer, PartitionAssignment, PartitionBatch } from '@vigil/kafka';
import { ENTITY_EVENTS_TOPIC } from '@vigil/contracts';
import type { CorrelatorChangelog } from './correlator-changelog';
import { correlatorMetrics } from './correlator.metrics';
import { PartitionWorker } from './partition-worker';
import type { RulesFeed } from './rules-feed';
import type { StatePublisher } from './state-publisher';
import type { SubscriberRiskWriter } from './subscriber-risk-publication';

/**
 * The partitions this instance owns and their workers. A worker exists only after its partition's changelog has
 * been restored; the first batch of a newly assigned partition waits for that restore (heartbeating meanwhile).
 * Partitions that leave the assignment are dropped from memory: their state lives on in the changelog.
 */
export class PartitionRegistry {
  private readonly logger = new Logger(PartitionRegistry.name);
  private readonly workers = new Map<number, Promise<PartitionWorker>>();
  private assigned = new Set<number>();

  constructor(
    private readonly changelog: Pick<CorrelatorChangelog, 'restore'>,
    private readonly publisher: StatePublisher,
    private readonly rules: RulesFeed,
    private readonly engineOptions: Partial<EngineOptions>,
    private readonly changelogIntervalMs: number,
    private readonly riskWriter: SubscriberRiskWriter,
  ) {
    rules.onChange((ruleSet) => {
      for (const worker of this.workers.values()) void worker.then((w) => w.setRules(ruleSet));
    });
  }

  /**
   * A registry that follows the consumer's assignment from its first group join: registered while the module is
   * built, before the consumer starts (a listener added by a lifecycle hook missed the first join).
   */
  static following(
    consumer: BatchConsumer,
    ...args: ConstructorParameters<typeof PartitionRegistry>
  ): PartitionRegistry {
    const registry = new PartitionRegistry(...args);
    consumer.addListener({
      onAssignment: (assignment) => registry.onAssignment(assignment),
      onStopping: () => registry.flush(),
    });
    return registry;
  }

  /** Called on every group join with the new assignment. */
  onAssignment(assignment: PartitionAssignment): void {
    const next = new Set(assignment[ENTITY_EVENTS_TOPIC] ?? []);
    for (const partition of this.workers.keys()) {
      if (!next.has(partition)) {
        const worker = this.workers.get(partition);
        this.workers.delete(partition);
        void worker?.then((w) => w.drain());
        this.logger.log({ msg: 'partition revoked', partition });
      }
    }
    this.assigned = next;
  }

  async handleBatch(batch: PartitionBatch): Promise<void> {
    const worker = await this.workerFor(batch.partition, () => batch.heartbeat());
    await worker.handleBatch(batch);
  }

  /**
   * Advances idle partitions' watermarks (processing-time advance). All partitions at once: their writes share
   * requests, and no partition's next batch waits behind the ticks of the others.
   */
  async tick(nowMs: number): Promise<void> {
    const ticks: Promise<void>[] = [];
    for (const partition of this.assigned) {
      const worker = this.workers.get(partition);
      if (worker) ticks.push(worker.then((w) => w.tick(nowMs)));
    }
    await Promise.all(ticks);
  }

  /** Writes every owned partition's changelog now (the consumer is stopping; its last commits wait for it). */
  async flush(): Promise<void> {
    const flushes = [...this.workers.values()].map((worker) => worker.then((w) => w.flush()));
    const failed = (await Promise.allSettled(flushes)).filter((outcome) => outcome.status === 'rejected');
    if (failed.length > 0)
      this.logger.warn({
        msg: 'changelog not flushed at stop; the next owner replays more input',
        partitions: failed.length,
      });
  }

  ownedPartitions(): number[] {
    return [...this.assigned].sort((a, b) => a - b);
  }

  private workerFor(partition: number, keepAlive: () => Promise<void>): Promise<PartitionWorker> {
    let worker = this.workers.get(partition);
    if (!worker) {
      worker = this.restore(partition, keepAlive);
      this.workers.set(partition, worker);
      worker.catch(() => this.workers.delete(partition));
    }
    return worker;
  }

  private async restore(partition: number, keepAlive: () => Promise<void>): Promise<PartitionWorker> {
    const started = process.hrtime.bigint();
    const restored = (await this.changelog.restore([partition], keepAlive)).get(partition)!;
    const worker = new PartitionWorker(
      partition,
      this.rules.rules,
      this.engineOptions,
      restored,
      this.publisher,
      () => this.assigned.has(partition),
      { intervalMs: this.changelogIntervalMs, now: () => performance.now() },
      this.riskWriter,
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    correlatorMetrics.restoreSeconds.observe(seconds);
    this.logger.log({
      msg: 'partition restored',
      partition,
      entities: restored.entities.size,
      coveredOffset: restored.progress.inputOffset,
      seconds,
    });
    return worker;
  }
}
