import fc from 'fast-check';
import {
  deadLetterV1,
  entityEventV1,
  prefixedTopicSpecs,
  topicNames,
  type DeadLetterV1,
  type TopicNames,
} from '@vigil/contracts';
import { MAX_PRODUCE_REQUEST_BYTES, ensureTopics, type Kafka, type Message } from '@vigil/kafka';
import { testKafka } from '../../../test/support/kafka-test-kit';
import { uniqueTestName } from '../../../test/support/test-names';
import { readTopicsToEnd, type ReadRecord } from '../../../tools/support/kafka-topic-reader';
import { freePort, ServiceProcess } from '../../../tools/support/service-process';
import { type FeedTopic, type HostileRecord, hostileRecord } from './hostile-records.arbitrary';

const RECORDS = Number(process.env.FUZZ_RECORDS ?? 10_000);
/** Printed with every failure: FUZZ_SEED=<seed> replays the same records. */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const DRAIN_TIMEOUT_MS = 60_000; // a stall fails the test instead of hanging it
const FEEDS: FeedTopic[] = ['sms', 'calls', 'payments'];

const position = (topic: string, partition: number, offset: string) => `${topic}/${partition}/${offset}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends in requests the broker accepts: a 1 MB record alone, the rest in ≤ 512 KiB sends. */
async function produceAll(kafka: Kafka, topics: TopicNames, records: HostileRecord[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  for (const feed of FEEDS) {
    let chunk: Message[] = [];
    let bytes = 0;
    const flush = async () => {
      if (chunk.length > 0) await producer.send({ topic: topics[feed], acks: -1, messages: chunk });
      chunk = [];
      bytes = 0;
    };
    for (const record of records.filter((r) => r.topic === feed)) {
      const size = (record.value?.length ?? 0) + (record.key?.length ?? 0) + 64;
      if (bytes + size > MAX_PRODUCE_REQUEST_BYTES) await flush();
      chunk.push({ key: record.key, value: record.value });
      bytes += size;
    }
    await flush();
  }
  await producer.disconnect();
}

describe('ingest under fuzzed hostile records', () => {
  let kafka: Kafka;
  let topics: TopicNames;
  let service: ServiceProcess;
  let records: HostileRecord[];
  let prefix: string;

  beforeAll(async () => {
    kafka = testKafka();
    prefix = `${uniqueTestName('ingest-fuzz')}.`;
    topics = topicNames(prefix);
    await ensureTopics(kafka, prefixedTopicSpecs(prefix), 3);
    records = fc.sample(hostileRecord(Date.now()), { numRuns: RECORDS, seed: SEED });
    service = new ServiceProcess(
      'ingest',
      {
        VIGIL_TOPIC_PREFIX: prefix,
        INGEST_GROUP_ID: uniqueTestName('ingest-fuzz-group'),
        LOG_LEVEL: 'warn',
        KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
      },
      await freePort(),
    );
    await service.start();
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(topics) });
    await admin.disconnect();
  });

  it(`produces or dead-letters each of ${RECORDS} hostile records with a reason, never crashing or stalling, and the counts reconcile`, async () => {
    const context = `FUZZ_SEED=${SEED}`;
    await produceAll(kafka, topics, records);

    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    let seen = 0;
    while ((seen = await service.metric('vigil_ingest_events_in_total')) < RECORDS && Date.now() < deadline) {
      await sleep(250);
    }
    // On a stall the failure shows what the service logged last.
    const logTail = seen < RECORDS ? service.logs.slice(-4_000) : '';
    expect({ context, eventsIn: seen, logTail }).toEqual({ context, eventsIn: RECORDS, logTail: '' });

    const written = await readTopicsToEnd(
      kafka,
      [topics.sms, topics.calls, topics.payments, topics.entityEvents, topics.dlq],
      60_000,
    );
    const inputs = written.filter((r) => r.topic !== topics.entityEvents && r.topic !== topics.dlq);
    const entityEvents = written
      .filter((r) => r.topic === topics.entityEvents && !r.watermark)
      .map((r) => entityEventV1.deserialize(r.value));
    const letters: DeadLetterV1[] = written
      .filter((r) => r.topic === topics.dlq)
      .map((r) => deadLetterV1.deserialize(r.value));
    expect(inputs).toHaveLength(RECORDS);

    // Where each input record went: its entity events and dead letters name the position it was read from.
    const produced = new Map<string, Set<string>>(); // position → source event ids
    for (const event of entityEvents) {
      // Entity events name the feed by its logical name; the test's feeds carry a prefix.
      const at = position(prefix + event.sourceTopic, event.sourcePartition!, event.sourceOffset!);
      produced.set(at, (produced.get(at) ?? new Set()).add(event.sourceEventId));
    }
    const deadLettered = new Map<string, DeadLetterV1>();
    for (const letter of letters) {
      const at = position(letter.sourceTopic, letter.sourcePartition, letter.sourceOffset);
      expect({ context, at, twice: deadLettered.has(at) }).toEqual({ context, at, twice: false });
      deadLettered.set(at, letter);
      expect(letter.reasonCode).toMatch(/^[A-Z_]+$/);
      expect(letter.reason.length).toBeGreaterThan(5);
      expect(letter.service).toBe('ingest');
    }

    // A record neither produced nor dead-lettered must repeat the eventId of one produced before it on its feed.
    const producedIds = new Set<string>();
    const dropped: ReadRecord[] = [];
    const sorted = [...inputs].sort(
      (a, b) =>
        a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(a.offset) - Number(b.offset),
    );
    for (const input of sorted) {
      const at = position(input.topic, input.partition, input.offset);
      const ids = produced.get(at);
      expect({ context, at, both: ids !== undefined && deadLettered.has(at) }).toEqual({
        context,
        at,
        both: false,
      });
      if (ids !== undefined) for (const id of ids) producedIds.add(`${input.topic} ${id}`);
      else if (!deadLettered.has(at)) dropped.push(input);
    }
    const eventIdOf = (value: string | null) => {
      try {
        return (JSON.parse(value ?? '') as { eventId?: unknown }).eventId;
      } catch {
        return undefined;
      }
    };
    const unexplained = dropped.filter((r) => !producedIds.has(`${r.topic} ${String(eventIdOf(r.value))}`));
    expect({ context, unexplained: unexplained.map((r) => r.value?.slice(0, 200)) }).toEqual({
      context,
      unexplained: [],
    });

    const counts = {
      in: await service.metric('vigil_ingest_events_in_total'),
      produced: produced.size,
      deadLettered: deadLettered.size,
      duplicates: await service.metric('vigil_ingest_duplicates_total'),
      rejected: await service.metric('vigil_ingest_rejected_total'),
      entityEvents: entityEvents.length,
      entityEventsOut: await service.metric('vigil_ingest_entity_events_out_total'),
    };
    expect(counts.produced + counts.deadLettered + counts.duplicates).toBe(RECORDS);
    expect(counts.rejected).toBe(counts.deadLettered);
    expect(counts.duplicates).toBe(dropped.length);
    expect(counts.entityEventsOut).toBe(counts.entityEvents);
    const byReason: Record<string, number> = {};
    for (const letter of letters) byReason[letter.reasonCode] = (byReason[letter.reasonCode] ?? 0) + 1;
    const byShape: Record<string, number> = {};
    for (const record of records) byShape[record.shape] = (byShape[record.shape] ?? 0) + 1;
    console.log(`ingest fuzz ${context}: ${JSON.stringify({ ...counts, byReason, byShape })}`);

    // Still alive and ready after the storm (every record was also counted in, above: no stall).
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
  }, 150_000);
});
