import type { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { rulePublicationV1, type RulePublicationV1 } from '@vigil/contracts';

/**
 * The latest publication per rule id on the compacted rules topic, followed live by a consumer in a group of its own
 * (the correlator's RulesFeed does the same), so listing rules never waits for a group join.
 */
export class PublishedRulesFollower {
  private readonly published = new Map<string, RulePublicationV1>();
  private consumer?: Consumer;
  private caughtUp!: Promise<void>;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  /** Starts following; resolves when everything published before the call has been read. */
  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(this.topic).finally(() => admin.disconnect());
    const pending = new Map(
      ends
        .filter((end) => BigInt(end.high) > BigInt(end.low))
        .map((end) => [end.partition, BigInt(end.high)]),
    );
    let resolve!: () => void;
    this.caughtUp = new Promise<void>((done) => (resolve = done));
    if (pending.size === 0) resolve();
    this.consumer = this.kafka.consumer({
      groupId: `vigil-console-rules-${randomUUID()}`,
      maxWaitTimeInMs: 250,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        this.accept(message.key?.toString('utf8'), message.value);
        const end = pending.get(partition);
        if (end !== undefined && BigInt(message.offset) + 1n >= end) pending.delete(partition);
        if (pending.size === 0) resolve();
      },
    });
    await this.caughtUp;
  }

  /** Records a publication this process just made, before the topic echoes it back. */
  accept(ruleId: string | undefined, value: Buffer | null): void {
    if (!ruleId) return;
    if (value === null) {
      this.published.delete(ruleId);
      return;
    }
    try {
      this.published.set(ruleId, rulePublicationV1.deserialize(value));
    } catch {
      // An invalid record is the correlator's problem to report; the console keeps the last valid one.
    }
  }

  rules(): Map<string, RulePublicationV1> {
    return new Map(this.published);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
