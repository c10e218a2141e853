import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { CompactedTopicReader } from './compacted-topic-reader';

const DEFAULT_RETRY_DELAY_MS = 5_000; // 5 s

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
  /** Longest wait for the topic's end at start (the reader's default when omitted); then the read fails. */
  catchUpTimeoutMs?: number;
  /** In the background only: the wait before a failed read (broker out of reach, topic missing) is tried again. */
  retryDelayMs?: number; // default 5_000 (5 s)
  /** After the records of each fetched batch are applied (e.g. to publish the table's size). */
  onBatchEnd?(): void;
  /** Once, when the table first holds the whole topic (before `start` resolves). */
  onCaughtUp?(): void;
}

/**
 * Follows a compacted topic into a table: `start` resolves once the table holds everything the topic held when
 * reading began (so a provider awaiting it holds its consumers back until then), or `startInBackground` reads it
 * while the service answers other things, trying again after a failure. Later records keep arriving until `stop`.
 */
export class CompactedTableFollower implements OnModuleDestroy {
  private readonly logger = new Logger(CompactedTableFollower.name);
  private readonly reader: CompactedTopicReader;
  private malformed = 0;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private caughtUpOnce = false;
  /** The background read in progress, or the last one: settled once it caught up or failed. */
  private reading?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly table: CompactedTable,
    private readonly options: CompactedTableFollowerOptions,
  ) {
    this.reader = new CompactedTopicReader(kafka, {
      topic: options.topic,
      groupId: options.groupId,
      maxWaitTimeInMs: options.maxWaitTimeInMs,
      catchUpTimeoutMs: options.catchUpTimeoutMs,
      onRecord: ({ key, value }) => {
        if (!table.apply(key, value)) this.malformed += 1;
      },
      onBatchEnd: () => options.onBatchEnd?.(),
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

  /** True once the table has held the whole topic (it stays true while following). */
  get caughtUp(): boolean {
    return this.caughtUpOnce;
  }

  /** Reads the topic to its end, then follows it; rejects (and stops) when the read fails. */
  async start(): Promise<void> {
    this.stopped = false;
    const started = Date.now();
    await this.reader.start();
    if (this.stopped) {
      // `stop` came while the reader was still starting, before it had a consumer to disconnect.
      await this.reader.stop();
      return;
    }
    this.logger.log({
      msg: 'compacted table loaded',
      table: this.options.name,
      topic: this.options.topic,
      entries: this.table.size,
      malformed: this.malformed,
      seconds: (Date.now() - started) / 1000,
    });
    if (!this.caughtUpOnce) {
      this.caughtUpOnce = true;
      this.options.onCaughtUp?.();
    }
  }

  /**
   * Reads and follows the topic in the background, so the service answers everything else meanwhile (and says it is
   * not ready until `caughtUp`); a failed read is tried again every `retryDelayMs` until it succeeds or `stop`.
   */
  startInBackground(): void {
    this.stopped = false;
    this.reading = this.start().catch(async (error: unknown) => {
      if (this.stopped) return;
      const retryDelayMs = this.options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
      this.logger.warn({
        msg: 'compacted table not read; retrying',
        table: this.options.name,
        topic: this.options.topic,
        retryDelayMs,
        error: error instanceof Error ? error.message : String(error),
      });
      await this.reader.stop().catch(() => undefined);
      if (this.stopped) return;
      this.retry = setTimeout(() => this.startInBackground(), retryDelayMs);
    });
  }

  /**
   * True when the table holds the whole topic: waits at most `waitMs` for the background read in progress, and not
   * at all when the last one failed (a caller answers without the table rather than wait for the retry).
   */
  async caughtUpWithin(waitMs: number): Promise<boolean> {
    if (this.caughtUpOnce || this.reading === undefined) return this.caughtUpOnce;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    try {
      await Promise.race([this.reading, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return this.caughtUpOnce;
  }

  /** Stops following (and retrying); `start` may follow again from the beginning (a table it refills). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.reader.stop();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}
