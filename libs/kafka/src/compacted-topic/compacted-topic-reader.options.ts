import type { IHeaders } from 'kafkajs';

/** One record of a compacted topic: a null value is a tombstone. */
export interface CompactedRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: IHeaders;
}

export interface CompactedTopicReaderOptions {
  topic: string;
  /** A group of this process alone: the reader commits nothing, and the group exists only while it runs. */
  groupId: string;
  /** Only these partitions are read (the others are paused) and count for catching up; all when omitted. */
  partitions?: ReadonlySet<number>;
  /** Longest wait for the end offsets measured at start; then `start` rejects with CatchUpTimeoutError. Infinity: none. */
  catchUpTimeoutMs?: number; // default 60_000 (1 min)
  /** Keep delivering records written after the end offsets measured at start, until `stop`. */
  follow?: boolean; // default true
  maxWaitTimeInMs?: number; // default 100 ms
  maxBytesPerPartition?: number; // default kafkajs' 1 MiB
  onRecord(record: CompactedRecord): void;
  /** Called after the records of each fetched batch of `partition` (e.g. to rebuild a table once per batch). */
  onBatchEnd?(partition: number): void;
  /** Called between fetched batches: keeps the caller's own consumer session alive while it waits for the read. */
  keepAlive?(): Promise<void>;
}
