import type { ConsumedRecord, DeadLetterReason } from './consumed-record';

/** One fetched batch of one partition, as a handler sees it. */
export interface PartitionBatch {
  /** Logical topic name (without the deployment's topic prefix); records carry the physical one. */
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly ConsumedRecord[];
  /** Offset the partition will have once every record up to the broker's end is consumed (lag = this − next offset). */
  readonly highWatermark: string;
  /**
   * Queues a record for the dead-letter topic with its reason; the adapter writes every queued letter durably
   * before it commits the batch.
   */
  deadLetter(record: ConsumedRecord, reason: DeadLetterReason): void;
  /**
   * Lets the handler resolve before its work is durable, so the next batch can start while the writes are in
   * flight: the adapter commits this batch only once `durable` resolves. If it rejects, nothing is committed for
   * this batch; the promise of a later batch of the partition must then cover this batch's work too (or the
   * partition's next owner replays it).
   */
  commitWhen(durable: Promise<void>): void;
  /** Keeps group membership alive during long work (kafkajs heartbeats only from inside a batch). */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the group is rebalancing: stop early, the batch will be redelivered. */
  isRunning(): boolean;
}

/**
 * Does the work a batch stands for and resolves once that work is durable (or, through `commitWhen`, once it is on
 * its way to be); the adapter then commits.
 */
export type BatchHandler = (batch: PartitionBatch) => Promise<void>;

/** Topic → partitions this member owns after a rebalance. */
export type PartitionAssignment = Record<string, number[]>;
