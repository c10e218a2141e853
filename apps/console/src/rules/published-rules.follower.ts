import { CompactedTopicReader, type Kafka } from '@vigil/kafka';
import { randomUUID } from 'node:crypto';
import { RulePublications, type RulePublicationV1 } from '@vigil/contracts';

/**
 * The latest publication per rule id on the compacted rules topic, followed live by a consumer in a group of its own
 * (the correlator's RulesFeed does the same), so listing rules never waits for a group join.
 */
export class PublishedRulesFollower {
  private readonly published = new RulePublications();
  private reader?: CompactedTopicReader;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  /** Starts following; resolves when everything published before the call has been read. */
  async start(): Promise<void> {
    this.reader = new CompactedTopicReader(this.kafka, {
      topic: this.topic,
      groupId: `vigil-console-rules-${randomUUID()}`,
      maxWaitTimeInMs: 250,
      onRecord: ({ key, value }) => this.accept(key ?? undefined, value),
    });
    await this.reader.start();
  }

  /** Records a publication this process just made, before the topic echoes it back. */
  accept(ruleId: string | undefined, value: Buffer | null): void {
    try {
      this.published.applyRecord(ruleId, value);
    } catch {
      // An invalid record is the correlator's problem to report; the console keeps the last valid one.
    }
  }

  rules(): Map<string, RulePublicationV1> {
    return this.published.byRule();
  }

  async stop(): Promise<void> {
    await this.reader?.stop();
  }
}
