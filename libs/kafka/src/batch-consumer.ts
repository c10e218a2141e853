import type { Batch, Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import type { DeadLetterV1 } from '@vigil/contracts';
import { DeadLetterWriter } from './dead-letter-writer';
import { isRetriable, kafkaErrorCodes } from './kafka.errors';
import type { StructuredLogger } from './kafka-log-bridge';
import { batchConsumerDefaults, type BatchConsumerOptions } from './kafka-options';
import type { ConsumedRecord } from './consumed-record';
import type { BatchHandler, PartitionAssignment, PartitionBatch } from './partition-batch';
import { OffsetCommitter } from './offset-committer';

export interface BatchConsumerDependencies {
  kafka: Kafka;
  /** Shared producer of the service; also carries dead letters. */
  producer: Producer;
  logger: StructuredLogger;
  /** Key for the HMAC that replaces SMS text in dead letters. */
  textHashKey: string;
  now?: () => Date;
}

/** Observations the service turns into metrics. */
export interface BatchConsumerListener {
  onBatchCommitted?(topic: string, partition: number, records: number, lag: number): void;
  onDeadLettered?(topic: string, reasonCode: string, count: number): void;
  onRetry?(topic: string, partition: number, attempt: number, error: Error): void;
  /** `joinedAtMs`: wall-clock time of the group join, which orders assignments across instances. */
  onAssignment?(assignment: PartitionAssignment, joinedAtMs: number): void;
  /**
   * The consumer is stopping and waits for the commits in flight: a handler whose commits wait for work it
   * batches up (see PartitionBatch.commitWhen) finishes that work now.
   */
  onStopping?(): Promise<void>;
}

/**
 * The one kafkajs `eachBatch` loop every Vigil service consumes through: per-partition batches in order, the
 * handler's work made durable before the commit, dead letters written before the commit, retriable failures
 * answered by pausing only the failing partition and redelivering it after a backoff, never by crashing.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private readonly options: Required<BatchConsumerOptions>;
  private readonly deadLetters: DeadLetterWriter;
  private readonly committer: OffsetCommitter;
  private readonly retryAttempts = new Map<string, number>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private readonly now: () => Date;
  private readonly listeners: BatchConsumerListener[] = [];
  /** Batches being handled and offset commits not yet acknowledged: what `stop` waits for. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private running = false;
  /** Logical name by physical name, for the topics configuration names explicitly. */
  private readonly overriddenTopics: ReadonlyMap<string, string>;

  constructor(
    private readonly deps: BatchConsumerDependencies,
    options: BatchConsumerOptions,
  ) {
    this.options = { ...batchConsumerDefaults, ...options } as Required<BatchConsumerOptions>;
    this.now = deps.now ?? (() => new Date());
    this.overriddenTopics = new Map(
      Object.entries(this.options.topicOverrides).map(([logical, physical]) => [physical, logical]),
    );
    this.consumer = deps.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: this.options.heartbeatIntervalMs,
      maxWaitTimeInMs: this.options.maxWaitTimeMs,
      minBytes: this.options.minBytes,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      maxBytes: this.options.maxBytesPerFetch,
      retry: { retries: 10 },
    });
    this.committer = new OffsetCommitter((offsets) => this.consumer.commitOffsets(offsets));
    this.deadLetters = new DeadLetterWriter(deps.producer, {
      topic: this.options.deadLetterTopic,
      serviceName: this.options.serviceName,
      textHashKey: deps.textHashKey,
      textBearingTopics: new Set(this.options.textBearingTopics.map((topic) => this.physical(topic))),
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      const logical: PartitionAssignment = {};
      for (const [topic, partitions] of Object.entries(event.payload.memberAssignment)) {
        logical[this.logical(topic)] = partitions;
      }
      this.notify('onAssignment', logical, this.now().getTime());
    });
  }

  addListener(listener: BatchConsumerListener): void {
    this.listeners.push(listener);
  }

  private notify<K extends keyof BatchConsumerListener>(
    event: K,
    ...args: Parameters<NonNullable<BatchConsumerListener[K]>>
  ): void {
    for (const listener of this.listeners)
      (listener[event] as ((...a: typeof args) => void) | undefined)?.(...args);
  }

  /** Joins the group and starts handing batches to `handler`. Resolves once the consumer runs. */
  async start(handler: BatchHandler): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics.map((topic) => this.physical(topic)),
      fromBeginning: this.options.fromBeginning,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.track(this.handleBatch(payload, handler)),
    });
    this.running = true;
  }

  /** Finishes the batches in flight, waits for the commits of what they covered and leaves the group. */
  async stop(): Promise<void> {
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    if (this.running) {
      this.running = false;
      // No new batches; kafkajs ignores commits once it stops, so the ones in flight land first.
      try {
        this.consumer.pause(this.options.topics.map((topic) => ({ topic: this.physical(topic) })));
      } catch {
        // a consumer that crashed has no group to pause: nothing new arrives anyway
      }
      await Promise.allSettled(this.listeners.map((listener) => listener.onStopping?.()));
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    }
    await this.consumer.disconnect();
  }

  /** Stops fetching these partitions of a logical topic until `resume` (backpressure, a state restore). */
  pause(topic: string, partitions: number[]): void {
    this.consumer.pause([{ topic: this.physical(topic), partitions }]);
  }

  resume(topic: string, partitions: number[]): void {
    this.consumer.resume([{ topic: this.physical(topic), partitions }]);
  }

  private physical(logical: string): string {
    return this.options.topicOverrides[logical] ?? this.options.topicPrefix + logical;
  }

  private logical(physical: string): string {
    return this.overriddenTopics.get(physical) ?? physical.slice(this.options.topicPrefix.length);
  }

  private async handleBatch(payload: EachBatchPayload, handler: BatchHandler): Promise<void> {
    const { batch } = payload;
    if (batch.isEmpty()) return;
    const pending: { record: ConsumedRecord; letter: DeadLetterV1 }[] = [];
    let durable: Promise<void> = Promise.resolve();
    const partitionBatch = this.toPartitionBatch(payload, pending, (promise) => (durable = promise));
    const partitionKey = `${batch.topic}/${batch.partition}`;
    try {
      await handler(partitionBatch);
    } catch (error) {
      if (!payload.isRunning() || payload.isStale()) return; // rebalance or shutdown: the next owner redelivers
      if (isRetriable(error)) {
        this.scheduleRedelivery(payload, partitionKey, error as Error);
        return;
      }
      this.deps.logger.error({
        msg: 'batch handler failed with a non-retriable error; dead-lettering the batch',
        topic: batch.topic,
        partition: batch.partition,
        firstOffset: batch.firstOffset(),
        lastOffset: batch.lastOffset(),
        error: (error as Error).message,
      });
      pending.length = 0;
      durable = Promise.resolve();
      for (const record of partitionBatch.records) {
        partitionBatch.deadLetter(record, {
          reasonCode: kafkaErrorCodes.HANDLER_FAILED,
          reason: `handler failed: ${(error as Error).message}`.slice(0, 500),
        });
      }
    }
    await this.commitBatch(payload, pending, durable);
    this.retryAttempts.delete(partitionKey);
  }

  /**
   * Dead letters are made durable first; the offset commit then waits for the batch's work to be durable (see
   * `commitWhen`) without holding up the next fetch. A commit that fails or never happens is covered by a later
   * commit of the partition, or the partition's next owner replays the records (every handler's work is idempotent
   * on replay).
   */
  private async commitBatch(
    payload: EachBatchPayload,
    pending: { record: ConsumedRecord; letter: DeadLetterV1 }[],
    durable: Promise<void>,
  ): Promise<void> {
    const { batch } = payload;
    await this.deadLetters.write(pending);
    if (pending.length > 0) this.countDeadLetters(batch.topic, pending);
    payload.resolveOffset(batch.lastOffset());
    const commit = {
      topic: batch.topic,
      partition: batch.partition,
      offset: (BigInt(batch.lastOffset()) + 1n).toString(),
      records: batch.messages.length,
      lag: Number(batch.offsetLag()),
    };
    this.track(this.commitInBackground(commit, durable));
    await payload.heartbeat();
  }

  private async commitInBackground(
    commit: { topic: string; partition: number; offset: string; records: number; lag: number },
    durable: Promise<void>,
  ): Promise<void> {
    const { topic, partition, offset } = commit;
    const leftUncommitted = (msg: string, error: unknown): void =>
      this.deps.logger.warn({ msg, topic, partition, offset, error: (error as Error).message });
    try {
      await durable;
    } catch (error) {
      leftUncommitted(
        'batch work not durable; its offsets stay uncommitted until a later batch covers them',
        error,
      );
      return;
    }
    try {
      await this.committer.commit(topic, partition, offset);
    } catch (error) {
      leftUncommitted(
        'offset commit failed; a later commit of the partition or its next owner covers these records',
        error,
      );
      return;
    }
    this.notify('onBatchCommitted', topic, partition, commit.records, commit.lag);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const settle = () => this.inFlight.delete(work);
    work.then(settle, settle);
    return work;
  }

  private countDeadLetters(topic: string, pending: { letter: DeadLetterV1 }[]): void {
    const byReason = new Map<string, number>();
    for (const { letter } of pending)
      byReason.set(letter.reasonCode, (byReason.get(letter.reasonCode) ?? 0) + 1);
    for (const [reasonCode, count] of byReason) this.notify('onDeadLettered', topic, reasonCode, count);
  }

  private scheduleRedelivery(payload: EachBatchPayload, partitionKey: string, error: Error): void {
    const { batch } = payload;
    const attempt = (this.retryAttempts.get(partitionKey) ?? 0) + 1;
    this.retryAttempts.set(partitionKey, attempt);
    const ceiling = Math.min(
      this.options.retryBackoffMs * 2 ** (attempt - 1),
      this.options.maxRetryBackoffMs,
    );
    const delayMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2); // jitter: spread retries of many partitions
    this.deps.logger.warn({
      msg: 'retriable failure; partition paused before redelivery',
      topic: batch.topic,
      partition: batch.partition,
      attempt,
      delayMs,
      error: error.message,
    });
    this.notify('onRetry', batch.topic, batch.partition, attempt, error);
    const resume = payload.pause();
    const firstOffset = batch.firstOffset() ?? batch.messages[0].offset; // a non-empty batch always has one
    this.consumer.seek({ topic: batch.topic, partition: batch.partition, offset: firstOffset });
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, delayMs);
    this.resumeTimers.add(timer);
  }

  private toPartitionBatch(
    payload: EachBatchPayload,
    pending: { record: ConsumedRecord; letter: DeadLetterV1 }[],
    commitWhen: (durable: Promise<void>) => void,
  ): PartitionBatch {
    const batch: Batch = payload.batch;
    const records: ConsumedRecord[] = batch.messages.map((message) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers ?? {},
      timestamp: message.timestamp,
    }));
    return {
      topic: this.logical(batch.topic),
      partition: batch.partition,
      records,
      highWatermark: batch.highWatermark,
      deadLetter: (record, reason) =>
        pending.push({ record, letter: this.deadLetters.build(record, reason, this.now()) }),
      commitWhen,
      heartbeat: () => payload.heartbeat(),
      isRunning: () => payload.isRunning() && !payload.isStale(),
    };
  }
}
