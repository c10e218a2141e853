import type { CoalescingProducer } from '../coalescing-producer';

/** One record of a partition's changelog: the latest value of `key`; null forgets the key (a tombstone). */
export interface ChangelogEntry {
  key: string;
  value: Buffer | null;
}

/**
 * How one partition's state is rebuilt from its changelog: what the store is generic over. The store only moves
 * bytes; what a key means, and what a record that cannot be read costs, is the table's to say.
 */
export interface ChangelogTable<State> {
  /** The state of a partition whose changelog is empty. */
  empty(partition: number): State;
  /** Applies one record, in log order, to the state being restored (a null value is a tombstone). */
  apply(state: State, key: string, value: Buffer | null): void;
}

/** The writes a changelog needs: the service's CoalescingProducer (acks = -1, requests of a bounded size). */
export type ChangelogProducer = Pick<CoalescingProducer, 'send' | 'maxRequestBytes'>;

export interface PartitionChangelogOptions<State> {
  /** Compacted topic co-partitioned with the input: the state of input partition p lives in its partition p. */
  topic: string;
  /** Each restore reads in a throw-away group of its own: this prefix and a random suffix. */
  restoreGroupPrefix: string;
  table: ChangelogTable<State>;
  /** Longest a restore may take before it rejects with CatchUpTimeoutError. Infinity: as long as it takes. */
  restoreTimeoutMs?: number; // default 60_000 (1 min)
  /** Bytes per partition and fetch while restoring. */
  maxBytesPerPartition?: number; // default 1_048_576 (1 MiB)
}
