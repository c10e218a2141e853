import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { PROGRESS_KEY } from './correlator.constants';
import { decodeProgress, type PartitionProgress } from './partition-progress';

/** The state one changelog partition holds: the latest bytes per entity and the progress record. */
export interface RestoredPartition {
  entities: Map<string, Buffer>;
  progress: PartitionProgress;
}

const EMPTY_PROGRESS: PartitionProgress = { inputOffset: null, maxEventTimeMs: null, sources: null };

/**
 * Reads changelog partitions to their end. kafkajs cannot assign partitions by hand, so the reader is a consumer in
 * a group of its own (it gets every partition), pauses the ones it was not asked for, and stops at the end offsets
 * taken before it started. `keepAlive` runs between batches so a caller inside eachBatch can heartbeat.
 */
export class ChangelogRestorer {
  private readonly logger = new Logger(ChangelogRestorer.name);

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  async restore(
    partitions: number[],
    keepAlive: () => Promise<void>,
  ): Promise<Map<number, RestoredPartition>> {
    const restored = new Map<number, RestoredPartition>(
      partitions.map((partition) => [partition, { entities: new Map(), progress: { ...EMPTY_PROGRESS } }]),
    );
    const admin = this.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(this.topic);
    await admin.disconnect();
    const remaining = new Map<number, bigint>();
    for (const { partition, high, low } of offsets) {
      if (restored.has(partition) && BigInt(high) > BigInt(low)) remaining.set(partition, BigInt(high));
    }
    if (remaining.size === 0) return restored;

    const consumer = this.kafka.consumer({
      groupId: `vigil-correlator-restore-${randomUUID()}`,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: 10_485_760,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    const others = offsets.map(({ partition }) => partition).filter((partition) => !remaining.has(partition));
    let finish!: () => void;
    let fail!: (error: Error) => void;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (others.length > 0) consumer.pause([{ topic: this.topic, partitions: others }]);
    });
    consumer.on(consumer.events.CRASH, (event) => fail(event.payload.error));
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const target = restored.get(batch.partition);
        const end = remaining.get(batch.partition);
        if (target === undefined || end === undefined) return;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= end) break;
          const key = message.key?.toString('utf8') ?? '';
          if (key === PROGRESS_KEY) {
            if (message.value) target.progress = decodeProgress(message.value);
          } else if (message.value === null) {
            target.entities.delete(key);
          } else {
            target.entities.set(key, message.value);
          }
        }
        if (BigInt(batch.lastOffset()) + 1n >= end) remaining.delete(batch.partition);
        await keepAlive();
        if (remaining.size === 0) finish();
      },
    });
    try {
      await done;
    } finally {
      await consumer.disconnect();
    }
    this.logger.log({
      msg: 'changelog restored',
      partitions,
      entities: [...restored.values()].reduce((n, p) => n + p.entities.size, 0),
    });
    return restored;
  }
}
