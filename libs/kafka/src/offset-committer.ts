import type { TopicPartitionOffsetAndMetadata } from 'kafkajs';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Merges the offset commits of the batches one fetch handed out concurrently into one OffsetCommit request: a commit
 * round trip per fetch instead of one per partition. Each `commit` resolves once the request carrying it succeeded.
 */
export class OffsetCommitter {
  private pending = new Map<string, TopicPartitionOffsetAndMetadata>();
  private waiters: Waiter[] = [];
  private flushScheduled = false;

  constructor(
    private readonly commitOffsets: (offsets: TopicPartitionOffsetAndMetadata[]) => Promise<void>,
  ) {}

  /** @param offset the next offset to read (last handled offset + 1), as kafkajs expects */
  commit(topic: string, partition: number, offset: string): Promise<void> {
    // A partition's batches are handled one after another, so a later commit of it always carries a later offset.
    this.pending.set(`${topic}/${partition}`, { topic, partition, offset });
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const offsets = [...this.pending.values()];
    const waiters = this.waiters;
    this.pending = new Map();
    this.waiters = [];
    this.commitOffsets(offsets).then(
      () => waiters.forEach((waiter) => waiter.resolve()),
      (error: unknown) => waiters.forEach((waiter) => waiter.reject(error)),
    );
  }
}
