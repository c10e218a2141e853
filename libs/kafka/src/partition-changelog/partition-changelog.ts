import { Logger } from '@nestjs/common';
import type { Kafka, Message } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { readCompactedTopicToEnd } from '../compacted-topic';
import { messageSize } from '../message-size';
import type {
  ChangelogEntry,
  ChangelogProducer,
  PartitionChangelogOptions,
} from './partition-changelog.options';

/**
 * A service's per-partition state in a compacted changelog topic: `write` appends a partition's changed keys,
 * `restore` rebuilds the state of partitions that were just assigned (start, crash recovery, rebalance) by reading
 * their changelog partitions to the ends they have when the restore begins. The state it stores is the table's.
 */
export class PartitionChangelog<State> {
  private readonly logger = new Logger(PartitionChangelog.name);

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: ChangelogProducer,
    private readonly options: PartitionChangelogOptions<State>,
  ) {}

  get topic(): string {
    return this.options.topic;
  }

  /**
   * The state of each of `partitions` as its changelog holds it. `keepAlive` runs between fetched batches, so a
   * caller inside eachBatch keeps its group session while a large changelog is read.
   */
  async restore(partitions: readonly number[], keepAlive?: () => Promise<void>): Promise<Map<number, State>> {
    const { table, topic } = this.options;
    const startedAt = Date.now();
    const states = new Map(partitions.map((partition) => [partition, table.empty(partition)]));
    let records = 0;
    await readCompactedTopicToEnd(this.kafka, {
      topic,
      groupId: `${this.options.restoreGroupPrefix}-${randomUUID()}`,
      partitions: new Set(partitions),
      catchUpTimeoutMs: this.options.restoreTimeoutMs,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      keepAlive,
      onRecord: ({ partition, key, value }) => {
        const state = states.get(partition);
        if (state === undefined || key === null) return; // every changelog record has a key
        table.apply(state, key, value);
        records += 1;
      },
    });
    this.logger.log({
      msg: 'changelog restored',
      topic,
      partitions,
      records,
      durationMs: Date.now() - startedAt,
    });
    return states;
  }

  /**
   * Appends `entries` to the partition's changelog; resolves once all in-sync replicas have them. The last entry is
   * never durable before the ones ahead of it, so it may vouch for them (a progress record): the entries that do
   * not fit into one request with it go first, in any order among themselves; the rest, last entry included, is
   * one record batch appended all or nothing, sent once they are acknowledged. Usually all fit: one round trip.
   */
  async write(partition: number, entries: readonly ChangelogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const messages: Message[] = entries.map(({ key, value }) => ({ key, value, partition }));
    let tailStart = messages.length - 1;
    let tailBytes = messageSize(messages[tailStart]);
    while (tailStart > 0) {
      const bytes = messageSize(messages[tailStart - 1]);
      if (tailBytes + bytes > this.producer.maxRequestBytes) break;
      tailBytes += bytes;
      tailStart -= 1;
    }
    const { topic } = this.options;
    if (tailStart > 0) await this.producer.send(topic, messages.slice(0, tailStart));
    await this.producer.send(topic, messages.slice(tailStart), { atomic: true });
  }
}
