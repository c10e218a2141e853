import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { CompactedTopicReader } from './compacted-topic-reader';

/** An in-memory table a compacted topic keeps: the latest value per key, a null value a tombstone. */
export interface CompactedTable {
  readonly size: number;
  /** Applies one record of the topic; false when it was malformed (skipped and counted, never fatal). */
  apply(key: string | null, value: Buffer | null): boolean;
}

export interface CompactedTableFollowerOptions {
  /** Names the table in the log, e.g. `subscriber preferences`. */
  name: string;
  topic: string;
  /** A group of this instance alone (the follower commits nothing). */
  groupId: string;
  /** How long a fetch waits for new records once caught up: the delay before a live change shows. */
  maxWaitTimeInMs?: number;
}

/**
 * Follows a compacted topic into a table for as long as the module lives: `start` resolves once the table holds
 * everything the topic held when reading began (so a provider awaiting it holds its consumers back until then),
 * and later records keep arriving until the module is destroyed.
 */
export class CompactedTableFollower implements OnModuleDestroy {
  private readonly logger = new Logger(CompactedTableFollower.name);
  private readonly reader: CompactedTopicReader;
  private malformed = 0;

  constructor(
    kafka: Kafka,
    private readonly table: CompactedTable,
    private readonly options: CompactedTableFollowerOptions,
  ) {
    this.reader = new CompactedTopicReader(kafka, {
      topic: options.topic,
      groupId: options.groupId,
      maxWaitTimeInMs: options.maxWaitTimeInMs,
      onRecord: ({ key, value }) => {
        if (!table.apply(key, value)) this.malformed += 1;
      },
    });
  }

  /** A follower that has caught up: what a provider's factory returns, so nothing that needs the table starts early. */
  static async caughtUp(
    kafka: Kafka,
    table: CompactedTable,
    options: CompactedTableFollowerOptions,
  ): Promise<CompactedTableFollower> {
    const follower = new CompactedTableFollower(kafka, table, options);
    await follower.start();
    return follower;
  }

  async start(): Promise<void> {
    await this.reader.start();
    this.logger.log({
      msg: 'compacted table loaded',
      table: this.options.name,
      topic: this.options.topic,
      entries: this.table.size,
      malformed: this.malformed,
    });
  }

  /** Stops following; `start` may follow again from the beginning (a table it refills). */
  async stop(): Promise<void> {
    await this.reader.stop();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}
