import type { Kafka, Producer } from 'kafkajs';
import { deadLetterV1 } from '@vigil/contracts';
import { testKafka, TestTopics } from '../../../test/support/kafka-test-kit';
import { uniqueTestName } from '../../../test/support/test-names';
import { BatchConsumer } from './batch-consumer';
import { RetriableBatchError } from './kafka.errors';
import type { ConsumedRecord } from './consumed-record';

const silentLogger = { error: () => undefined, warn: () => undefined, log: () => undefined };

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readAll(kafka: Kafka, topic: string, expected: number): Promise<ConsumedRecord[]> {
  const records: ConsumedRecord[] = [];
  const consumer = kafka.consumer({ groupId: uniqueTestName('reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      records.push({
        topic,
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: {},
        timestamp: message.timestamp,
      });
    },
  });
  await waitFor(() => records.length >= expected);
  await consumer.disconnect();
  return records;
}

describe(BatchConsumer.name, () => {
  let kafka: Kafka;
  let topics: TestTopics;
  let producer: Producer;
  const consumers: BatchConsumer[] = [];

  beforeEach(async () => {
    kafka = testKafka();
    topics = new TestTopics(kafka);
    producer = kafka.producer();
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
    await producer.disconnect();
    await topics.deleteAll();
  });

  function startConsumer(topic: string, dlqTopic: string, groupId: string, textBearingTopics: string[] = []) {
    const consumer = new BatchConsumer(
      { kafka, producer, logger: silentLogger, textHashKey: 'test-key' },
      {
        groupId,
        topics: [topic],
        serviceName: 'test',
        deadLetterTopic: dlqTopic,
        textBearingTopics,
        retryBackoffMs: 50,
        maxRetryBackoffMs: 200,
      },
    );
    consumers.push(consumer);
    return consumer;
  }

  it('hands over every record in partition order and commits the offset after the last one', async () => {
    const topic = await topics.create('in');
    const dlq = await topics.create('dlq', { numPartitions: 1 });
    const groupId = uniqueTestName('group');
    const messages = Array.from({ length: 300 }, (_, i) => ({
      key: `k${i % 7}`,
      value: JSON.stringify({ seq: i }),
    }));
    await producer.send({ topic, messages });

    const seen = new Map<number, number[]>();
    const consumer = startConsumer(topic, dlq, groupId);
    await consumer.start(async (batch) => {
      const list = seen.get(batch.partition) ?? [];
      for (const record of batch.records) list.push(JSON.parse(record.value!.toString()).seq);
      seen.set(batch.partition, list);
    });
    await waitFor(() => [...seen.values()].reduce((n, list) => n + list.length, 0) === 300);

    for (const list of seen.values()) expect(list).toEqual([...list].sort((a, b) => a - b));
    const admin = kafka.admin();
    await admin.connect();
    await waitFor(async () => {
      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      const ends = await admin.fetchTopicOffsets(topic);
      return committed[0].partitions.every(
        (p) => p.offset === ends.find((e) => e.partition === p.partition)!.high,
      );
    });
    await admin.disconnect();
  });

  it('dead-letters what the handler rejects, with its reason and without SMS text, and carries on', async () => {
    const topic = await topics.create('in', { numPartitions: 1 });
    const dlq = await topics.create('dlq', { numPartitions: 1 });
    await producer.send({
      topic,
      messages: [
        { key: 'a', value: '{"eventId":"ok-1"}' },
        { key: 'b', value: '{"eventId":"bad-1","text":"CANARY-SECRET-4711 your code"}' },
        { key: 'c', value: 'not json at all' },
        { key: 'd', value: '{"eventId":"ok-2"}' },
      ],
    });
    const accepted: string[] = [];
    const consumer = startConsumer(topic, dlq, uniqueTestName('group'));
    await consumer.start(async (batch) => {
      for (const record of batch.records) {
        const raw = record.value!.toString();
        if (raw.includes('ok-')) accepted.push(JSON.parse(raw).eventId);
        else batch.deadLetter(record, { reasonCode: 'TEST_REJECTED', reason: 'rejected by the test' });
      }
    });
    const letters = (await readAll(kafka, dlq, 2)).map((record) => deadLetterV1.deserialize(record.value));

    expect(accepted).toEqual(['ok-1', 'ok-2']);
    expect(letters.map((letter) => [letter.sourceOffset, letter.reasonCode])).toEqual([
      ['1', 'TEST_REJECTED'],
      ['2', 'TEST_REJECTED'],
    ]);
    expect(letters[0].textLength).toBe('CANARY-SECRET-4711 your code'.length);
    expect(JSON.stringify(letters)).not.toContain('CANARY-SECRET-4711');
    expect(letters[1].rawRecord).toBe('not json at all');
  });

  it('keeps no raw bytes of an unparseable record from a text-bearing topic, only their length and HMAC', async () => {
    const topic = await topics.create('sms', { numPartitions: 1 });
    const dlq = await topics.create('dlq', { numPartitions: 1 });
    await producer.send({
      topic,
      messages: [{ key: 's', value: "{'sender': '7575', CANARY-TB-4712 your code 1234" }],
    });
    const consumer = startConsumer(topic, dlq, uniqueTestName('group'), [topic]);
    await consumer.start(async (batch) => {
      for (const record of batch.records)
        batch.deadLetter(record, { reasonCode: 'MALFORMED_JSON', reason: 'not JSON' });
    });
    const [letter] = (await readAll(kafka, dlq, 1)).map((record) => deadLetterV1.deserialize(record.value));

    expect(letter.rawRecord).toBeUndefined();
    expect(letter.textLength).toBe("{'sender': '7575', CANARY-TB-4712 your code 1234".length);
    expect(letter.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(letter)).not.toContain('CANARY-TB-4712');
  });

  it('redelivers a batch after a retriable failure and commits nothing until it succeeds', async () => {
    const topic = await topics.create('in', { numPartitions: 1 });
    const dlq = await topics.create('dlq', { numPartitions: 1 });
    const groupId = uniqueTestName('group');
    await producer.send({ topic, messages: [{ value: 'one' }, { value: 'two' }, { value: 'three' }] });
    let failuresLeft = 2;
    const delivered: string[] = [];
    const consumer = startConsumer(topic, dlq, groupId);
    const admin = kafka.admin();
    await admin.connect();
    const committedDuringFailures: string[] = [];
    await consumer.start(async (batch) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
        committedDuringFailures.push(committed[0].partitions[0].offset);
        throw new RetriableBatchError('dependency down');
      }
      delivered.push(...batch.records.map((record) => record.value!.toString()));
    });
    await waitFor(() => delivered.length === 3);
    await admin.disconnect();

    expect(delivered).toEqual(['one', 'two', 'three']);
    expect(committedDuringFailures).toEqual(['-1', '-1']);
  });
});
