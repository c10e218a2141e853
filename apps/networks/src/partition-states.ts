import { Logger } from '@nestjs/common';
import {
  type BatchConsumer,
  type ChangelogEntry,
  type ChangelogProducer,
  type ConsumedRecord,
  type Kafka,
  type PartitionBatch,
  PartitionChangelog,
  RetriableBatchError,
} from '@vigil/kafka';
import { networksMetrics } from './networks.metrics';
import { PROGRESS_KEY, progressEntry, progressOffsetOf } from './progress-record';

/** A partition's state with the last input offset its changelog vouches for. */
export interface PartitionState<S> {
  state: S;
  /** Input records at or below it are already in the state: a redelivery of them is skipped. */
  progress?: bigint;
}

interface Restoring<S> extends PartitionState<S> {
  applied: number;
  malformed: number;
}

/** A partition's state as its changelog rebuilds it. */
export interface RestorableState {
  /** Applies one changelog record to the state being restored; false: unreadable (skipped, counted). */
  restore(key: string, value: Buffer | null): boolean;
}

export interface PartitionStatesOptions<S> {
  /** `contacts` or `detection`: names the store in logs and metrics. */
  store: string;
  changelogTopic: string;
  /** The input's consumer group; each instance restores under a group of its own derived from it. */
  consumerGroup: string;
  instanceId: string;
  create(partition: number): S;
}

/**
 * The in-memory state of each input partition this instance owns, persisted to a compacted changelog co-partitioned
 * with the input and restored when a partition is assigned (start, crash recovery, rebalance), as the correlator's.
 */
export class PartitionStates<S extends RestorableState> {
  private readonly logger = new Logger(PartitionStates.name);
  private readonly states = new Map<number, PartitionState<S>>();
  private readonly unrestored = new Set<number>();
  private owned = new Set<number>();
  private readonly changelog: PartitionChangelog<Restoring<S>>;

  constructor(
    kafka: Kafka,
    producer: ChangelogProducer,
    private readonly options: PartitionStatesOptions<S>,
  ) {
    this.changelog = new PartitionChangelog(kafka, producer, {
      topic: options.changelogTopic,
      restoreGroupPrefix: `${options.consumerGroup}-restore-${options.instanceId}`,
      restoreTimeoutMs: Infinity, // a large changelog may take minutes; keepAlive holds the partitions meanwhile
      table: {
        empty: (partition): Restoring<S> => ({ state: options.create(partition), applied: 0, malformed: 0 }),
        apply: (restoring, key, value) => {
          if (key === PROGRESS_KEY) restoring.progress = progressOffsetOf(value);
          else if (restoring.state.restore(key, value)) restoring.applied += 1;
          else restoring.malformed += 1;
        },
      },
    });
  }

  /**
   * The states of the partitions `consumer` is assigned of `inputTopic`. Call it while the module is built, before
   * the consumer starts: a listener added later misses the first join.
   */
  static following<S extends RestorableState>(
    consumer: BatchConsumer,
    inputTopic: string,
    changelog: { kafka: Kafka; producer: ChangelogProducer },
    options: PartitionStatesOptions<S>,
  ): PartitionStates<S> {
    const states = new PartitionStates(changelog.kafka, changelog.producer, options);
    consumer.addListener({ onAssignment: (assignment) => states.onAssignment(assignment[inputTopic] ?? []) });
    return states;
  }

  /** The consumer's new assignment: gained partitions are restored before their first batch, lost ones forgotten. */
  onAssignment(partitions: readonly number[]): void {
    const next = new Set(partitions);
    for (const partition of next) if (!this.owned.has(partition)) this.unrestored.add(partition);
    for (const partition of this.owned) if (!next.has(partition)) this.states.delete(partition);
    for (const partition of this.unrestored) if (!next.has(partition)) this.unrestored.delete(partition);
    this.owned = next;
  }

  /**
   * One batch through its partition's state, restored first if the partition was just assigned: records the state
   * already holds (a redelivery) are skipped, `handle` gets the rest (none when all were skipped) and returns the
   * state's changes once its outputs are durable, and the changes are appended with the batch's progress. An empty
   * batch changes nothing. Resolves to the state and how many records were skipped.
   */
  async step(
    batch: PartitionBatch,
    handle: (state: S, records: readonly ConsumedRecord[]) => Promise<readonly ChangelogEntry[]>,
  ): Promise<{ state: S; skipped: number }> {
    const { state, progress } = await this.of(batch.partition, () => batch.heartbeat());
    const fresh =
      progress === undefined
        ? batch.records
        : batch.records.filter((record) => BigInt(record.offset) > progress);
    const last = batch.records.at(-1);
    if (last !== undefined) await this.persist(batch.partition, await handle(state, fresh), last.offset);
    return { state, skipped: batch.records.length - fresh.length };
  }

  /** The partition's state, restored from the changelog first if it was just assigned. */
  private async of(partition: number, keepAlive: () => Promise<void>): Promise<PartitionState<S>> {
    if (this.unrestored.has(partition)) {
      const partitions = [...this.unrestored];
      const startedAt = Date.now();
      const restored = await this.changelog.restore(partitions, keepAlive);
      for (const [restoredPartition, restoring] of restored) {
        this.states.set(restoredPartition, { state: restoring.state, progress: restoring.progress });
        this.unrestored.delete(restoredPartition);
        networksMetrics.stateRestored.inc(
          { store: this.options.store, outcome: 'applied' },
          restoring.applied,
        );
        networksMetrics.stateRestored.inc(
          { store: this.options.store, outcome: 'malformed' },
          restoring.malformed,
        );
        this.logger.log({
          msg: 'state restored',
          store: this.options.store,
          partition: restoredPartition,
          records: restoring.applied,
          malformed: restoring.malformed,
          progress: restoring.progress?.toString(),
          durationMs: Date.now() - startedAt,
        });
      }
    }
    let partitionState = this.states.get(partition);
    if (partitionState === undefined) {
      partitionState = { state: this.options.create(partition) };
      this.states.set(partition, partitionState);
    }
    return partitionState;
  }

  /**
   * Appends the partition's changes and a progress record for `lastOffset`, as one append whose last record vouches
   * for the rest; resolves once all in-sync replicas have them. A failure retries the batch.
   */
  private async persist(
    partition: number,
    entries: readonly ChangelogEntry[],
    lastOffset: string,
  ): Promise<void> {
    try {
      await this.changelog.write(partition, [...entries, progressEntry(lastOffset)]);
    } catch (error) {
      throw new RetriableBatchError(`${this.options.store} state not durable`, { cause: error });
    }
    const partitionState = this.states.get(partition);
    if (partitionState !== undefined) partitionState.progress = BigInt(lastOffset);
  }
}
