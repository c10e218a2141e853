/**
 * `npm run bench:ingest`: (1) in-process validation + normalization + feature extraction on one core; (2) the built
 * ingest service against the local broker: raw events pre-loaded into its input topics, then the time it takes to
 * turn all of them into entity events (consumed, produced, committed). Ends with `BENCH ingest {...}`.
 */
import { prefixedTopicSpecs, topicNames, type InputTopic } from '@vigil/contracts';
import { Murmur2Partitioner, createKafka, ensureTopics } from '@vigil/kafka';
import { randomBytes } from 'node:crypto';
import { benchIngestInProcess, makeRecords } from './ingest-inprocess';
import { freePort, ServiceProcess } from '../support/service-process';
import { localBrokers } from '../support/local-brokers';

const RAW_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 300_000);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 12);
const STALL_LIMIT_MS = Number(process.env.BENCH_STALL_LIMIT_MS ?? 240_000);

async function benchThroughKafka(): Promise<{ kafkaRawEventsPerSec: number; entityEventsOut: number }> {
  const brokers = localBrokers();
  const kafka = createKafka({ clientId: 'bench-ingest', brokers });
  const prefix = `bench-${randomBytes(4).toString('hex')}.`;
  const topics = topicNames(prefix);
  await ensureTopics(kafka, prefixedTopicSpecs(prefix), PARTITIONS);
  const physical: Record<InputTopic, string> = {
    'telco.sms.v1': topics.sms,
    'telco.calls.v1': topics.calls,
    'telco.payments.v1': topics.payments,
  };

  const templates = makeRecords().map(({ topic, bytes }) => ({
    topic,
    value: JSON.parse(bytes.toString('utf8')) as { eventId: string },
  }));
  const producer = kafka.producer({ createPartitioner: Murmur2Partitioner });
  await producer.connect();
  const loadStarted = Date.now();
  for (let sent = 0; sent < RAW_EVENTS;) {
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (let i = 0; i < 5_000 && sent < RAW_EVENTS; i++, sent++) {
      const template = templates[sent % templates.length];
      const value = JSON.stringify({ ...template.value, eventId: `${template.value.eventId}-${sent}` });
      const list = byTopic.get(physical[template.topic]) ?? [];
      list.push({ key: String(sent % 10_000), value });
      byTopic.set(physical[template.topic], list);
    }
    await producer.sendBatch({
      acks: 1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
  await producer.disconnect();
  console.log(`loaded ${RAW_EVENTS} raw events in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);

  const service = new ServiceProcess(
    'ingest',
    { VIGIL_TOPIC_PREFIX: prefix, INGEST_GROUP_ID: `${prefix}ingest`, LOG_LEVEL: 'warn' },
    await freePort(),
  );
  await service.start();
  // The clock starts with the first committed batch: group join and partition assignment are not throughput.
  let consumed = 0;
  while (consumed === 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    consumed = await service.metric('vigil_ingest_events_in_total');
  }
  const started = Date.now();
  const consumedBefore = consumed;
  while (consumed < RAW_EVENTS) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    consumed = await service.metric('vigil_ingest_events_in_total');
    if (Date.now() - started > STALL_LIMIT_MS) {
      await service.kill();
      throw new Error(
        `only ${consumed} of ${RAW_EVENTS} consumed in ${STALL_LIMIT_MS} ms; service log tail:\n${service.logs.slice(-3000)}`,
      );
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const entityEventsOut = await service.metric('vigil_ingest_entity_events_out_total');
  await service.stop();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(topics) });
  await admin.disconnect();
  console.log(
    `ingest service: ${consumed} raw events in ${seconds.toFixed(1)} s → ${entityEventsOut} entity events`,
  );
  return { kafkaRawEventsPerSec: Math.round((consumed - consumedBefore) / seconds), entityEventsOut };
}

async function main(): Promise<void> {
  const inProcess = await benchIngestInProcess();
  console.log(`in-process: ${inProcess.inProcessEventsPerSec} raw events/s on one core`);
  const throughKafka = await benchThroughKafka();
  console.log(
    `BENCH ingest ${JSON.stringify({ inProcessEventsPerSec: inProcess.inProcessEventsPerSec, kafkaRawEventsPerSec: throughKafka.kafkaRawEventsPerSec })}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
