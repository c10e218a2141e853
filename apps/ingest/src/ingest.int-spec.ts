import {
  deadLetterV1,
  entityEventV1,
  prefixedTopicSpecs,
  topicNames,
  type TopicNames,
} from '@vigil/contracts';
import { ensureTopics, type Kafka } from '@vigil/kafka';
import { testKafka } from '../../../test/support/kafka-test-kit';
import { readTopicsToEnd } from '../../../tools/support/kafka-topic-reader';
import { freePort, ServiceProcess } from '../../../tools/support/service-process';
import { uniqueTestName } from '../../../test/support/test-names';

const CANARY = `CANARY-${Date.now().toString(36)}-TEXT`;
const now = Date.now();
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();

/** Valid operator records and the entity events each must yield (entity, kind). */
const validRecords: { topic: keyof TopicNames; value: object; expected: string[] }[] = [
  {
    topic: 'sms',
    value: {
      eventId: 'sms-1',
      occurredAt: at(-60_000),
      sender: '77011112233',
      recipient: '77021234567',
      text: `hello ${CANARY}`,
    },
    expected: ['msisdn:77021234567 sms_in', 'msisdn:77011112233 sms_out', 'sender:77011112233 sms_sent'],
  },
  {
    topic: 'sms',
    value: {
      eventId: 'sms-2',
      occurredAt: at(-50_000),
      sender: 'Kaspi',
      recipient: '+7 702 123 45 67',
      text: 'Kod podtverzhdeniya 4821. Nikomu ne soobshchaite',
    },
    expected: ['msisdn:77021234567 sms_in', 'sender:kaspi sms_sent'], // alphanumeric ids are case-folded
  },
  {
    topic: 'calls',
    value: {
      eventId: 'call-1',
      startedAt: at(-40_000),
      caller: '447700900123',
      callee: '87021234567',
      answered: true,
      durationSec: 95,
    },
    expected: ['msisdn:77021234567 call_in', 'sender:447700900123 call_made'],
  },
  {
    topic: 'calls',
    value: {
      eventId: 'call-2',
      startedAt: at(-30_000),
      caller: 'anonymous',
      callee: '77021234567',
      answered: false,
      durationSec: 0,
    },
    expected: ['msisdn:77021234567 call_in'],
  },
  {
    topic: 'payments',
    value: {
      eventId: 'pay-1',
      occurredAt: at(-20_000),
      type: 'topup',
      msisdn: '77021234567',
      amount: 5000,
      currency: 'KZT',
      channel: 'bank_card',
      cardToken: 'tok_abc',
    },
    expected: ['msisdn:77021234567 topup', 'card:tok_abc card_topup'],
  },
  {
    topic: 'payments',
    value: {
      eventId: 'pay-2',
      occurredAt: at(-10_000),
      type: 'transfer',
      msisdn: '77021234567',
      counterparty: '77011112233',
      amount: 4500,
      currency: 'KZT',
      channel: 'transfer',
    },
    expected: ['msisdn:77021234567 transfer_out', 'msisdn:77011112233 transfer_in'],
  },
  {
    topic: 'payments',
    value: {
      eventId: 'pay-3',
      occurredAt: at(-5_000),
      type: 'premium_charge',
      msisdn: '77021234567',
      counterparty: '7750',
      amount: 250,
      currency: 'KZT',
      channel: 'content_provider',
    },
    expected: ['msisdn:77021234567 premium_charge'],
  },
];

/** Malformed or invalid records, one per kind of problem, with the reason code each must get. */
const invalidRecords: { topic: keyof TopicNames; raw: string; reasonCode: string }[] = [
  { topic: 'sms', raw: 'this is not json', reasonCode: 'MALFORMED_JSON' },
  { topic: 'sms', raw: `{"eventId":"trunc-1","text":"${CANARY}","sender":`, reasonCode: 'MALFORMED_JSON' },
  { topic: 'calls', raw: '', reasonCode: 'MALFORMED_JSON' },
  { topic: 'calls', raw: '[1,2,3]', reasonCode: 'SCHEMA_VIOLATION' },
  {
    topic: 'sms',
    raw: JSON.stringify({ eventId: 'bad-2', occurredAt: at(0), sender: '77011112233', text: CANARY }),
    reasonCode: 'SCHEMA_VIOLATION',
  },
  {
    topic: 'calls',
    raw: JSON.stringify({
      eventId: 'bad-3',
      startedAt: at(0),
      caller: '77011112233',
      callee: '77021234567',
      answered: 'yes',
      durationSec: 5,
    }),
    reasonCode: 'SCHEMA_VIOLATION',
  },
  {
    topic: 'sms',
    raw: JSON.stringify({
      eventId: 'bad-4',
      occurredAt: at(3 * 3_600_000),
      sender: '77011112233',
      recipient: '77021234567',
      text: CANARY,
    }),
    reasonCode: 'EVENT_TIME_IN_FUTURE',
  },
  {
    topic: 'calls',
    raw: JSON.stringify({
      eventId: 'bad-5',
      startedAt: '2026-02-30T10:00:00Z',
      caller: '77011112233',
      callee: '77021234567',
      answered: true,
      durationSec: 5,
    }),
    reasonCode: 'EVENT_TIME_INVALID',
  },
  {
    topic: 'payments',
    raw: JSON.stringify({
      eventId: 'bad-6',
      occurredAt: at(0),
      type: 'topup',
      msisdn: '77021234567',
      amount: -100,
      currency: 'KZT',
      channel: 'voucher',
    }),
    reasonCode: 'AMOUNT_INVALID',
  },
  {
    topic: 'payments',
    raw: JSON.stringify({
      eventId: 'bad-7',
      occurredAt: at(0),
      type: 'topup',
      msisdn: '77021234567',
      amount: '12,5abc',
      currency: 'KZT',
      channel: 'voucher',
    }),
    reasonCode: 'AMOUNT_INVALID',
  },
  {
    topic: 'payments',
    raw: JSON.stringify({
      eventId: 'bad-8',
      occurredAt: at(0),
      type: 'refund',
      msisdn: '77021234567',
      amount: 100,
      currency: 'KZT',
      channel: 'voucher',
    }),
    reasonCode: 'SCHEMA_VIOLATION',
  },
  {
    topic: 'payments',
    raw: JSON.stringify({
      eventId: 'bad-9',
      occurredAt: at(0),
      type: 'transfer',
      msisdn: '77021234567',
      counterparty: '77021234567',
      amount: 100,
      currency: 'KZT',
      channel: 'transfer',
    }),
    reasonCode: 'SELF_TRANSFER',
  },
  {
    topic: 'calls',
    raw: JSON.stringify({
      eventId: 'bad-10',
      startedAt: at(0),
      caller: '77011112233',
      callee: '77021234567',
      answered: true,
      durationSec: -3,
    }),
    reasonCode: 'SCHEMA_VIOLATION',
  },
  {
    topic: 'sms',
    raw: JSON.stringify({
      eventId: 'bad-11',
      occurredAt: at(0),
      // A sender that fits no number plan is classified unrecognized; an unusable recipient is still invalid.
      sender: '77011112233',
      recipient: '!!!',
      text: CANARY,
    }),
    reasonCode: 'NUMBER_INVALID',
  },
];

describe('ingest service', () => {
  let kafka: Kafka;
  let topics: TopicNames;
  let service: ServiceProcess;

  beforeAll(async () => {
    kafka = testKafka();
    const prefix = `${uniqueTestName('ingest')}.`;
    topics = topicNames(prefix);
    await ensureTopics(kafka, prefixedTopicSpecs(prefix), 3);
    service = new ServiceProcess(
      'ingest',
      {
        VIGIL_TOPIC_PREFIX: prefix,
        INGEST_GROUP_ID: uniqueTestName('ingest-group'),
        LOG_LEVEL: 'debug',
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

  it('turns valid records into entity events, dead-letters every invalid one with its reason, and drops repeats', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const send = (topic: keyof TopicNames, key: string, value: string) =>
      producer.send({ topic: topics[topic], messages: [{ key, value }] });
    for (const record of validRecords) await send(record.topic, 'k', JSON.stringify(record.value));
    for (const record of invalidRecords) await send(record.topic, 'bad', record.raw);
    // The operator repeats two events (at-least-once delivery).
    await send('sms', 'k', JSON.stringify(validRecords[0].value));
    await send('payments', 'k', JSON.stringify(validRecords[4].value));
    await producer.disconnect();

    const totalIn = validRecords.length + invalidRecords.length + 2;
    const deadline = Date.now() + 30_000;
    while ((await service.metric('vigil_ingest_events_in_total')) < totalIn && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const written = await readTopicsToEnd(kafka, [topics.entityEvents, topics.dlq]);
    const entityEvents = written
      .filter((r) => r.topic === topics.entityEvents && !r.watermark)
      .map((r) => ({ key: r.key, event: entityEventV1.deserialize(r.value) }));
    const letters = written
      .filter((r) => r.topic === topics.dlq)
      .map((r) => deadLetterV1.deserialize(r.value));

    const expected = validRecords.flatMap((record) => record.expected).sort();
    expect(entityEvents.map(({ event }) => `${event.entity} ${event.kind}`).sort()).toEqual(expected);
    for (const { key, event } of entityEvents) expect(key).toBe(event.entity);

    expect(letters.map((letter) => letter.reasonCode).sort()).toEqual(
      invalidRecords.map((record) => record.reasonCode).sort(),
    );
    for (const letter of letters) {
      expect(Object.values(topics)).toContain(letter.sourceTopic);
      expect(letter.sourceOffset).toMatch(/^\d+$/);
      expect(letter.reason.length).toBeGreaterThan(5);
      expect(letter.service).toBe('ingest');
    }

    const producedSources = new Set(entityEvents.map(({ event }) => event.sourceEventId)).size;
    const duplicates = await service.metric('vigil_ingest_duplicates_total');
    expect(duplicates).toBe(2);
    expect(producedSources + letters.length + duplicates).toBe(totalIn);
    expect(await service.metric('vigil_ingest_events_in_total')).toBe(totalIn);
  }, 60_000);

  it('keeps a canary SMS text out of every topic it writes and out of its logs', async () => {
    const written = await readTopicsToEnd(kafka, [topics.entityEvents, topics.dlq]);
    expect(written.length).toBeGreaterThan(0);
    for (const record of written) expect(record.value ?? '').not.toContain(CANARY);
    expect(service.logs.length).toBeGreaterThan(0);
    expect(service.logs).not.toContain(CANARY);
    expect(service.logs).not.toContain('77021234567');
  });
});
