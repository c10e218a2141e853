import { randomUUID } from 'node:crypto';
import {
  CompactedTableFollower,
  ConnectedOnFirstUse,
  type CompactedTable,
  type Kafka,
  type Message,
  type Producer,
} from '@vigil/kafka';

/** How long a request waits for the first catch-up of a followed topic before answering without it. */
const CATCH_UP_WAIT_MS = 5_000; // 5 s

export interface FollowedTopicOptions {
  /** Names the table in the log, e.g. `published rules`. */
  name: string;
  topic: string;
  /** Prefix of this instance's own consumer group (the follower commits nothing), e.g. `vigil-console-rules`. */
  groupPrefix: string;
}

/**
 * A compacted topic the console keeps a table of and writes to. Followed in the background, and tried again until
 * it is read: the console serves everything else while Kafka is unreachable. Written through a producer connected
 * on first use, each send acknowledged by every in-sync replica.
 */
export class FollowedTopic {
  private readonly follower: CompactedTableFollower;
  private readonly producer: ConnectedOnFirstUse<Producer>;

  constructor(kafka: Kafka, table: CompactedTable, options: FollowedTopicOptions) {
    this.producer = new ConnectedOnFirstUse(() => kafka.producer());
    this.follower = new CompactedTableFollower(kafka, table, {
      name: options.name,
      topic: options.topic,
      groupId: `${options.groupPrefix}-${randomUUID()}`,
      maxWaitTimeInMs: 250,
    });
  }

  start(): void {
    this.follower.startInBackground();
  }

  /** True once the table holds the whole topic; waits a bounded time for a read under way. */
  caughtUp(): Promise<boolean> {
    return this.follower.caughtUpWithin(CATCH_UP_WAIT_MS);
  }

  /** Writes to this topic or another (a decision's block-list entry goes beside it). */
  async send(topic: string, messages: Message[]): Promise<void> {
    const producer = await this.producer.get();
    await producer.send({ topic, acks: -1, messages });
  }

  async close(): Promise<void> {
    await this.follower.stop().catch(() => undefined);
    await this.producer.close();
  }
}
