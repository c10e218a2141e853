import type { Admin, Kafka, Producer } from 'kafkajs';
import { testKafka } from '../../../../test/support/kafka-test-kit';
import { uniqueTestName } from '../../../../test/support/test-names';
import { type CompactedTable, CompactedTableFollower } from './compacted-table';

/** The latest text per key; a value that is not text counts as malformed. */
class TextTable implements CompactedTable {
  readonly values = new Map<string, string>();

  get size(): number {
    return this.values.size;
  }

  apply(key: string | null, value: Buffer | null): boolean {
    if (key === null) return false;
    if (value === null) this.values.delete(key);
    else this.values.set(key, value.toString('utf8'));
    return true;
  }
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(CompactedTableFollower.name, () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let topic: string;
  const followers: CompactedTableFollower[] = [];

  beforeEach(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    // Named now, created later: the follower starts before its topic exists (the broker creates none on its own).
    topic = uniqueTestName('compacted-table').replace(/_/g, '-');
  });

  afterEach(async () => {
    await Promise.all(followers.splice(0).map((follower) => follower.stop()));
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  async function createTopicHolding(key: string, value: string): Promise<void> {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
    });
    await producer.send({ topic, acks: -1, messages: [{ key, value }] });
  }

  function follower(table: CompactedTable, onCaughtUp: () => void = () => undefined): CompactedTableFollower {
    const created = new CompactedTableFollower(kafka, table, {
      name: 'test table',
      topic,
      groupId: uniqueTestName('follower'),
      retryDelayMs: 200,
      onCaughtUp,
    });
    followers.push(created);
    return created;
  }

  it('in the background, tries a failed read again until the table holds the topic, then follows it', async () => {
    const table = new TextTable();
    let caughtUpCalls = 0;
    const background = follower(table, () => (caughtUpCalls += 1));
    background.startInBackground();

    expect(await background.caughtUpWithin(100)).toBe(false);
    expect(background.caughtUp).toBe(false);

    await createTopicHolding('+77010000001', 'first');
    await eventually(() => background.caughtUp, 30_000);
    expect(await background.caughtUpWithin(0)).toBe(true);
    // A retry may find the topic created but still empty: the record then arrives by following.
    await eventually(() => table.values.get('+77010000001') === 'first', 10_000);

    await producer.send({ topic, acks: -1, messages: [{ key: '+77010000001', value: 'second' }] });
    await eventually(() => table.values.get('+77010000001') === 'second', 10_000);
    expect(caughtUpCalls).toBe(1);
  }, 60_000);

  it('does not catch up once stopped, even when the topic appears while a read is under way', async () => {
    const table = new TextTable();
    const background = follower(table);
    background.startInBackground();
    await background.stop();

    await createTopicHolding('+77010000002', 'kept');
    // Longer than a read of this topic takes and than the retry delay: time enough for a follower left running.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(background.caughtUp).toBe(false);
  }, 30_000);
});
