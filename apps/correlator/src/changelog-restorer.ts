import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { readCompactedTopicToEnd } from '@vigil/kafka';
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
 * Reads changelog partitions to the ends they have when the restore begins (the shared compacted-topic reader, in a
 * group of its own). `keepAlive` runs between batches so a caller inside eachBatch can heartbeat.
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
    await readCompactedTopicToEnd(this.kafka, {
      topic: this.topic,
      groupId: `vigil-correlator-restore-${randomUUID()}`,
      partitions: new Set(partitions),
      maxBytesPerPartition: 10_485_760, // 10 MiB
      // A large changelog may take minutes to read; the partition stays owned meanwhile (keepAlive).
      catchUpTimeoutMs: Infinity,
      keepAlive,
      onRecord: ({ partition, key, value }) => {
        const target = restored.get(partition);
        if (target === undefined) return;
        if (key === PROGRESS_KEY) {
          if (value) target.progress = decodeProgress(value);
        } else if (value === null) {
          target.entities.delete(key ?? '');
        } else {
          target.entities.set(key ?? '', value);
        }
      },
    });
    this.logger.log({
      msg: 'changelog restored',
      partitions,
      entities: [...restored.values()].reduce((n, p) => n + p.entities.size, 0),
    });
    return restored;
  }
}
