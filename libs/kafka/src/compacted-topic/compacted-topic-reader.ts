import type { Consumer, Kafka } from 'kafkajs';
import { CatchUpTimeoutError } from '../kafka.errors';
import type { CompactedTopicReaderOptions } from './compacted-topic-reader.options';

const DEFAULT_CATCH_UP_TIMEOUT_MS = 60_000; // 1 min
const END_OFFSETS_ATTEMPTS = 10; // with 100 ms, 200 ms, … between them: 4.5 s in all

function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}

/**
 * Reads a compacted topic from its beginning: `start` resolves once every selected partition reached the end offset
 * it had when reading began (the table is complete), or rejects after `catchUpTimeoutMs`. With `follow` the reader
 * then keeps delivering new records until `stop`; without, `start` stops it and drops what lies past those ends.
 * kafkajs has no manual assignment, hence a throw-away consumer group that never commits.
 */
export class CompactedTopicReader {
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: CompactedTopicReaderOptions,
  ) {}

  async start(): Promise<void> {
    const { topic, partitions, onRecord, onBatchEnd, keepAlive } = this.options;
    const follow = this.options.follow ?? true;
    const { ends, all } = await this.endOffsets();
    const remaining = new Map(ends);
    let markCaughtUp!: () => void;
    let fail!: (error: Error) => void;
    const caughtUp = new Promise<void>((resolve, reject) => {
      markCaughtUp = resolve;
      fail = reject;
    });
    const reached = (partition: number, lastOffset: string): void => {
      const end = remaining.get(partition);
      if (end === undefined || BigInt(lastOffset) + 1n < end) return;
      remaining.delete(partition);
      if (remaining.size === 0) markCaughtUp();
    };
    if (remaining.size === 0) markCaughtUp();
    if (remaining.size === 0 && !follow) return;

    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 100,
      ...(this.options.maxBytesPerPartition
        ? { maxBytesPerPartition: this.options.maxBytesPerPartition }
        : {}),
    });
    this.consumer = consumer;
    // END_BATCH_PROCESS also fires for batches kafkajs never hands to eachBatch: those emptied by compaction, or
    // holding only transaction markers. A partition ending in one would otherwise never look read to its end.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.topic === topic) reached(payload.partition, payload.lastOffset);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
    const unselected = partitions ? all.filter((partition) => !partitions.has(partition)) : [];
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (unselected.length > 0) consumer.pause([{ topic, partitions: unselected }]);
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        if (partitions && !partitions.has(batch.partition)) return;
        const end = follow ? undefined : (ends.get(batch.partition) ?? 0n);
        for (const message of batch.messages) {
          if (end !== undefined && BigInt(message.offset) >= end) break;
          onRecord({
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? null,
            value: message.value,
            headers: message.headers ?? {},
          });
        }
        onBatchEnd?.(batch.partition);
        reached(batch.partition, batch.lastOffset());
        await heartbeat();
        await keepAlive?.();
      },
    });
    try {
      await this.withDeadline(caughtUp);
    } catch (error) {
      await this.stop();
      throw error;
    }
    if (!follow) await this.stop();
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }

  /**
   * End offsets of the selected non-empty partitions, and every partition of the topic. kafkajs' admin gives up at
   * once on a retriable broker answer such as NOT_LEADER_FOR_PARTITION (a topic created a moment ago, a leader
   * moving), so those are retried here with a fresh admin, whose metadata is new.
   */
  private async endOffsets(): Promise<{ ends: Map<number, bigint>; all: number[] }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.endOffsetsOnce();
      } catch (error) {
        if (attempt >= END_OFFSETS_ATTEMPTS || !isRetriable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  private async endOffsetsOnce(): Promise<{ ends: Map<number, bigint>; all: number[] }> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(this.options.topic);
      const ends = new Map<number, bigint>();
      for (const { partition, high, low } of offsets) {
        if (this.options.partitions && !this.options.partitions.has(partition)) continue;
        if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
      }
      return { ends, all: offsets.map(({ partition }) => partition) };
    } finally {
      await admin.disconnect();
    }
  }

  private async withDeadline(caughtUp: Promise<void>): Promise<void> {
    const timeoutMs = this.options.catchUpTimeoutMs ?? DEFAULT_CATCH_UP_TIMEOUT_MS;
    // setTimeout would fire at once for Infinity (it overflows to 1 ms).
    if (timeoutMs === Infinity) return caughtUp;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CatchUpTimeoutError(this.options.topic, timeoutMs)), timeoutMs);
    });
    try {
      await Promise.race([caughtUp, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Reads every selected partition of a compacted topic up to the end it has now, then stops. */
export async function readCompactedTopicToEnd(
  kafka: Kafka,
  options: Omit<CompactedTopicReaderOptions, 'follow'>,
): Promise<void> {
  await new CompactedTopicReader(kafka, { ...options, follow: false }).start();
}
