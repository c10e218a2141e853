import type { Kafka, Producer } from 'kafkajs';
import { testKafka, TestTopics } from '../../../../test/support/kafka-test-kit';
import { uniqueTestName } from '../../../../test/support/test-names';
import { CatchUpTimeoutError } from '../kafka.errors';
import type { CompactedRecord } from './compacted-topic-reader.options';
import { CompactedTopicReader, readCompactedTopicToEnd } from './compacted-topic-reader';

const COMPACTED = { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] };

describe(CompactedTopicReader.name, () => {
  let kafka: Kafka;
  let topics: TestTopics;
  const producers: Producer[] = [];
  const readers: CompactedTopicReader[] = [];

  beforeEach(() => {
    kafka = testKafka();
    topics = new TestTopics(kafka);
  });

  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.stop()));
    await Promise.all(producers.splice(0).map((producer) => producer.disconnect()));
    await topics.deleteAll();
  });

  async function transactionalProducer(): Promise<Producer> {
    const producer = kafka.producer({
      transactionalId: uniqueTestName('txn'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    producers.push(producer);
    await producer.connect();
    return producer;
  }

  /** A partition holding one aborted record and its abort marker: every fetch of it is empty after filtering. */
  async function abortedOnly(topic: string, partition: number): Promise<void> {
    const transaction = await (await transactionalProducer()).transaction();
    await transaction.send({ topic, messages: [{ key: 'aborted', value: 'x', partition }] });
    await transaction.abort();
  }

  it('reads to the end of a partition whose batches kafkajs never hands to eachBatch, within its deadline', async () => {
    const topic = await topics.create('compacted-aborted', { numPartitions: 2, ...COMPACTED });
    const producer = kafka.producer();
    producers.push(producer);
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'kept', value: '1', partition: 1 }] });
    await abortedOnly(topic, 0);

    const records: CompactedRecord[] = [];
    let keptAlive = 0;
    await readCompactedTopicToEnd(kafka, {
      topic,
      groupId: uniqueTestName('reader'),
      catchUpTimeoutMs: 20_000,
      onRecord: (record) => records.push(record),
      keepAlive: async () => void (keptAlive += 1),
    });

    expect(records.map(({ partition, key }) => [partition, key])).toEqual([[1, 'kept']]);
    expect(keptAlive).toBeGreaterThan(0);
  });

  it('gives up with CatchUpTimeoutError at its deadline, and leaves no consumer behind', async () => {
    const topic = await topics.create('compacted-slow', { numPartitions: 1, ...COMPACTED });
    const producer = kafka.producer();
    producers.push(producer);
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'kept', value: '1', partition: 0 }] });
    const groupId = uniqueTestName('reader');
    // No group join and fetch complete within 1 ms: the deadline always comes first.
    const reader = new CompactedTopicReader(kafka, {
      topic,
      groupId,
      catchUpTimeoutMs: 1,
      onRecord: () => undefined,
    });
    readers.push(reader);

    const failure = reader.start();
    await expect(failure).rejects.toBeInstanceOf(CatchUpTimeoutError);
    await expect(failure).rejects.toMatchObject({ code: 'CATCH_UP_TIMEOUT', retriable: true, topic });
    const admin = kafka.admin();
    await admin.connect();
    const { groups } = await admin.describeGroups([groupId]).finally(() => admin.disconnect());
    expect(groups[0].members).toEqual([]);
  });

  it('follows records written after catching up, from the selected partitions only', async () => {
    const topic = await topics.create('compacted-follow', { numPartitions: 2, ...COMPACTED });
    const producer = kafka.producer();
    producers.push(producer);
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'before', value: '1', partition: 0 }] });
    const records: CompactedRecord[] = [];
    const reader = new CompactedTopicReader(kafka, {
      topic,
      groupId: uniqueTestName('reader'),
      partitions: new Set([0]),
      onRecord: (record) => records.push(record),
    });
    readers.push(reader);
    await reader.start();
    await producer.send({
      topic,
      messages: [
        { key: 'after', value: null, partition: 0 },
        { key: 'other', value: '2', partition: 1 },
      ],
    });
    const deadline = Date.now() + 15_000;
    while (records.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    expect(records.map(({ key, value }) => [key, value?.toString() ?? null])).toEqual([
      ['before', '1'],
      ['after', null],
    ]);
  });
});
