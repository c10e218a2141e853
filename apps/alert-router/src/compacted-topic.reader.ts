import type { Consumer, Kafka } from 'kafkajs';

/** One record of a compacted topic: a null value is a tombstone. */
export interface CompactedRecord {
  partition: number;
  key: string | null;
  value: Buffer | null;
}

export interface CompactedTopicReaderOptions {
  topic: string;
  /** A group of this process alone: it commits nothing and only exists while the reader runs. */
  groupId: string;
  /** Only these partitions count for catching up and are handed over; all when omitted. */
  partitions?: ReadonlySet<number>;
  /** Longest wait for the end offsets measured at start. */
  catchUpTimeoutMs?: number; // default 60_000
  onRecord(record: CompactedRecord): void;
  /** Called between fetched batches while catching up: keeps the caller's own consumer session alive. */
  onProgress?(): Promise<void>;
}

/**
 * Reads a compacted topic from its beginning: `start` resolves once every selected partition reached the end it had
 * when reading began (the table is complete), then the reader keeps following new records until `stop`.
 * kafkajs has no manual assignment, hence a throw-away consumer group that never commits.
 */
export class CompactedTopicReader {
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: CompactedTopicReaderOptions,
  ) {}

  async start(): Promise<void> {
    const { topic, partitions, onRecord } = this.options;
    const remaining = await this.endOffsets();
    const consumer = this.kafka.consumer({ groupId: this.options.groupId, maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    let markCaughtUp: () => void = () => undefined;
    const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
    if (remaining.size === 0) markCaughtUp();
    // END_BATCH_PROCESS also fires for batches emptied by compaction or transaction markers, unlike eachBatch.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const end = remaining.get(payload.partition);
      if (payload.topic !== topic || end === undefined || BigInt(payload.lastOffset) + 1n < end) return;
      remaining.delete(payload.partition);
      if (remaining.size === 0) markCaughtUp();
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        if (partitions && !partitions.has(batch.partition)) return;
        for (const message of batch.messages) {
          onRecord({
            partition: batch.partition,
            key: message.key?.toString('utf8') ?? null,
            value: message.value,
          });
        }
        await heartbeat();
        await this.options.onProgress?.();
      },
    });
    await this.withTimeout(caughtUp);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  private async endOffsets(): Promise<Map<number, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(this.options.topic);
      const ends = new Map<number, bigint>();
      for (const { partition, high, low } of offsets) {
        if (this.options.partitions && !this.options.partitions.has(partition)) continue;
        if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
      }
      return ends;
    } finally {
      await admin.disconnect();
    }
  }

  private async withTimeout(caughtUp: Promise<void>): Promise<void> {
    const timeoutMs = this.options.catchUpTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.options.topic}: not caught up within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([caughtUp, timeout]);
    } catch (error) {
      await this.stop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
