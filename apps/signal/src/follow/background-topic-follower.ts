import type { Logger } from '@nestjs/common';
import { CompactedTopicReader, type CompactedRecord, type Kafka } from '@vigil/kafka';
import { randomUUID } from 'node:crypto';

const RETRY_MS = 5_000;

export interface BackgroundTopicFollowerOptions {
  topic: string;
  /** Prefix of the throw-away consumer group: each instance reads all of the topic in a group of its own. */
  groupPrefix: string;
  catchUpTimeoutMs: number;
  /** What the log lines name ("risk state", "mule numbers from vigil.blocklist.v1"). */
  what: string;
  onRecord: (record: CompactedRecord) => void;
  onBatchEnd?: () => void;
  /** Once the topic has been read to its end; its fields go into the log line. */
  onCaughtUp: () => Record<string, unknown>;
}

/**
 * Reads a compacted topic from its beginning in the background, then follows it; a failed read (a broker out of
 * reach, a catch-up past its deadline) is retried every 5 s until `stop`. The signal answers liveness and metrics
 * meanwhile, and reports not ready until `caughtUp`.
 */
export class BackgroundTopicFollower {
  private reader?: CompactedTopicReader;
  private retry?: NodeJS.Timeout;
  private stopped = false;
  private caughtUpOnce = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger,
    private readonly options: BackgroundTopicFollowerOptions,
  ) {}

  get caughtUp(): boolean {
    return this.caughtUpOnce;
  }

  start(): void {
    void this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.reader?.stop();
  }

  private async follow(): Promise<void> {
    const { topic, groupPrefix, catchUpTimeoutMs, what, onRecord, onBatchEnd, onCaughtUp } = this.options;
    const started = Date.now();
    const reader = new CompactedTopicReader(this.kafka, {
      topic,
      groupId: `${groupPrefix}-${randomUUID()}`,
      catchUpTimeoutMs,
      onRecord,
      onBatchEnd,
    });
    this.reader = reader;
    try {
      await reader.start();
      this.caughtUpOnce = true;
      this.logger.log({
        msg: `${what} read to its end`,
        topic,
        seconds: (Date.now() - started) / 1000,
        ...onCaughtUp(),
      });
    } catch (error) {
      if (this.stopped) return;
      this.logger.error({ msg: `${what} not read; retrying`, topic, error: (error as Error).message });
      this.retry = setTimeout(() => void this.follow(), RETRY_MS);
    }
  }
}
