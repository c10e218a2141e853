import type { Kafka, Producer } from 'kafkajs';
import { testKafka, TestTopics } from '../../../../test/support/kafka-test-kit';
import { uniqueTestName } from '../../../../test/support/test-names';
import { BatchConsumer } from '../batch-consumer';
import { CoalescingProducer } from '../coalescing-producer';
import type { PartitionAssignment, PartitionBatch } from '../partition-batch';
import { PartitionChangelog } from './partition-changelog';
import type { ChangelogEntry, ChangelogTable } from './partition-changelog.options';

jest.setTimeout(120_000);

const COMPACTED = { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] };
const silentLogger = { error: () => undefined, warn: () => undefined, log: () => undefined };

/** A partition's state in these tests: the latest text per key. */
type Table = Map<string, string>;
const textTable: ChangelogTable<Table> = {
  empty: () => new Map(),
  apply: (state, key, value) => {
    if (value === null) state.delete(key);
    else state.set(key, value.toString('utf8'));
  },
};

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function text(key: string, value: string | null): ChangelogEntry {
  return { key, value: value === null ? null : Buffer.from(value, 'utf8') };
}

/** Applies entries to the expected table of a partition, as a restore should. */
function expectAfter(model: Map<number, Table>, partition: number, entries: readonly ChangelogEntry[]): void {
  const state = model.get(partition) ?? new Map<string, string>();
  for (const { key, value } of entries) textTable.apply(state, key, value);
  model.set(partition, state);
}

/**
 * One instance of a service with per-partition state: it counts the records per key of the partitions it owns,
 * writes the counts to the changelog before its commit, restores a partition on its first batch after gaining it
 * and forgets the partitions it loses (the services' own pattern).
 */
class CountingInstance {
  readonly states = new Map<number, Table>();
  readonly restored: number[] = [];
  assignment: number[] = [];
  private readonly consumer: BatchConsumer;

  constructor(
    private readonly changelog: PartitionChangelog<Table>,
    kafka: Kafka,
    producer: Producer,
    options: { groupId: string; topic: string; deadLetterTopic: string },
  ) {
    this.consumer = new BatchConsumer(
      { kafka, producer, logger: silentLogger, textHashKey: 'test-key' },
      {
        ...options,
        topics: [options.topic],
        serviceName: 'test',
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 500,
      },
    );
    this.consumer.addListener({
      onAssignment: (assignment: PartitionAssignment) => {
        this.assignment = [...(assignment[options.topic] ?? [])].sort((a, b) => a - b);
        for (const partition of [...this.states.keys()])
          if (!this.assignment.includes(partition)) this.states.delete(partition);
      },
    });
  }

  start(): Promise<void> {
    return this.consumer.start((batch) => this.count(batch));
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  private async count(batch: PartitionBatch): Promise<void> {
    let state = this.states.get(batch.partition);
    if (state === undefined) {
      state = (await this.changelog.restore([batch.partition], () => batch.heartbeat())).get(
        batch.partition,
      )!;
      this.states.set(batch.partition, state);
      this.restored.push(batch.partition);
    }
    const changed = new Set<string>();
    for (const record of batch.records) {
      const key = record.key!.toString('utf8');
      state.set(key, String(Number(state.get(key) ?? '0') + 1));
      changed.add(key);
    }
    await this.changelog.write(
      batch.partition,
      [...changed].map((key) => text(key, state.get(key)!)),
    );
  }
}

describe(PartitionChangelog.name, () => {
  let kafka: Kafka;
  let topics: TestTopics;
  const producers: Producer[] = [];
  const instances: CountingInstance[] = [];

  beforeEach(() => {
    kafka = testKafka();
    topics = new TestTopics(kafka);
  });

  afterEach(async () => {
    await Promise.all(instances.splice(0).map((instance) => instance.stop()));
    await Promise.all(producers.splice(0).map((producer) => producer.disconnect()));
    await topics.deleteAll();
  });

  async function connectedProducer(client: Kafka): Promise<Producer> {
    const producer = client.producer();
    producers.push(producer);
    await producer.connect();
    return producer;
  }

  function changelogOf(client: Kafka, producer: Producer, topic: string, maxRequestBytes?: number) {
    return new PartitionChangelog(client, new CoalescingProducer(producer, { maxRequestBytes }), {
      topic,
      restoreGroupPrefix: uniqueTestName('restore'),
      table: textTable,
      restoreTimeoutMs: 30_000,
    });
  }

  it('restores in a new process exactly the state its writes left, tombstones and split writes included', async () => {
    const topic = await topics.create('changelog', { numPartitions: 3, ...COMPACTED });
    const writerKafka = testKafka();
    const writerProducer = await connectedProducer(writerKafka);
    // 4 KiB requests: the write of ten 1 KiB values below is split, its last part appended atomically.
    const writer = changelogOf(writerKafka, writerProducer, topic, 4_096);
    const model = new Map<number, Table>();
    const writes: [number, ChangelogEntry[]][] = [
      [0, [text('msisdn:1', 'a'), text('msisdn:2', 'b'), text('msisdn:3', 'c')]],
      [1, [text('card:1', 'x')]],
      [0, [text('msisdn:2', null), text('msisdn:1', 'a2'), text('__progress__', '{"offset":"7"}')]],
      [1, Array.from({ length: 10 }, (_, i) => text(`sender:${i}`, String(i).repeat(1_024)))],
      [1, [text('card:1', null), text('sender:3', 'short')]],
    ];
    for (const [partition, entries] of writes) {
      await writer.write(partition, entries);
      expectAfter(model, partition, entries);
    }
    // The writing process ends; only what its writes made durable is left.
    await writerProducer.disconnect();
    producers.splice(producers.indexOf(writerProducer), 1);

    const readerKafka = testKafka();
    const restorer = changelogOf(readerKafka, await connectedProducer(readerKafka), topic);
    let keptAlive = 0;
    const restored = await restorer.restore([0, 1, 2], async () => void (keptAlive += 1));

    expect(restored).toEqual(new Map([...model, [2, new Map()]]));
    expect(restored.get(0)).toEqual(
      new Map([
        ['msisdn:1', 'a2'],
        ['msisdn:3', 'c'],
        ['__progress__', '{"offset":"7"}'],
      ]),
    );
    expect(restored.get(1)?.size).toBe(10);
    expect(keptAlive).toBeGreaterThan(0);
    expect([...(await restorer.restore([1])).keys()]).toEqual([1]);
  });

  it('restores a partition on the instance it moves to, with the state its previous owner wrote', async () => {
    const input = await topics.create('input', { numPartitions: 2 });
    const changelogTopic = await topics.create('changelog', { numPartitions: 2, ...COMPACTED });
    const deadLetterTopic = await topics.create('dlq', { numPartitions: 1 });
    const groupId = uniqueTestName('group');
    const inputProducer = await connectedProducer(kafka);
    const expected = new Map<number, Table>([
      [0, new Map()],
      [1, new Map()],
    ]);
    let produced = 0;
    const produceRound = async (round: number) => {
      const messages = [0, 1].flatMap((partition) =>
        // Keys 0..5 in partition 0, 3..8 in partition 1; each key once per round, key 4 twice.
        [0, 1, 2, 3, 4, 4].map((i) => ({ key: `k${i + partition * 3}`, value: `r${round}`, partition })),
      );
      await inputProducer.send({ topic: input, messages });
      for (const { key, partition } of messages) {
        const state = expected.get(partition)!;
        state.set(key, String(Number(state.get(key) ?? '0') + 1));
      }
      produced += messages.length;
    };
    const committedToEnd = async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [input] });
        const total = committed.partitions.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
        return total === produced;
      } finally {
        await admin.disconnect();
      }
    };
    const startInstance = async () => {
      const client = testKafka();
      const producer = await connectedProducer(client);
      const instance = new CountingInstance(changelogOf(client, producer, changelogTopic), client, producer, {
        groupId,
        topic: input,
        deadLetterTopic,
      });
      instances.push(instance);
      await instance.start();
      return instance;
    };

    const first = await startInstance();
    await waitFor(() => first.assignment.length === 2);
    await produceRound(1);
    await waitFor(committedToEnd);
    expect(first.states).toEqual(expected);

    const second = await startInstance();
    await waitFor(() => first.assignment.length === 1 && second.assignment.length === 1);
    const [moved] = second.assignment;
    const [kept] = first.assignment;
    await produceRound(2);
    await waitFor(committedToEnd);

    expect(second.restored).toEqual([moved]);
    expect(second.states).toEqual(new Map([[moved, expected.get(moved)]]));
    expect(first.states).toEqual(new Map([[kept, expected.get(kept)]]));
    expect([...first.restored].sort((a, b) => a - b)).toEqual([0, 1]);

    // The partition moves back when the second instance leaves: restored again, from the second one's writes.
    await second.stop();
    instances.splice(instances.indexOf(second), 1);
    await waitFor(() => first.assignment.length === 2);
    await produceRound(3);
    await waitFor(committedToEnd);

    expect(first.restored.filter((partition) => partition === moved)).toHaveLength(2);
    expect(first.states).toEqual(expected);
  });
});
