import { callEventV1, paymentEventV1, smsEventV1, topicNames, type TopicNames } from '@vigil/contracts';
import type { SimulatedRecord, SimulatedTopic, TrafficSimulation } from '@vigil/simulation';
import { Murmur2Partitioner, type Kafka, type Message } from '@vigil/kafka';
import { dueAtMs, type TrafficPacing } from './traffic-pacing';

/** What to produce, where and how fast. */
export interface ProduceTrafficOptions {
  /** A kafkajs client; the function creates, connects and disconnects its own producer. */
  kafka: Kafka;
  simulation: TrafficSimulation;
  pacing: TrafficPacing;
  /** `VIGIL_TOPIC_PREFIX`; default ''. */
  topicPrefix?: string;
  /** Max records per sendBatch. Default 500. */
  batchSize?: number;
  /** Called about every `progressIntervalMs` (default 5 s) and once at the end. */
  onProgress?: (progress: ProduceProgress) => void;
  progressIntervalMs?: number;
  /** Stops production early (Ctrl-C); what was sent stays sent. */
  signal?: AbortSignal;
}

export interface ProduceProgress {
  /** Records sent so far (duplicates included). */
  sent: number;
  byTopic: Record<SimulatedTopic, number>;
  /** Delivery time (simulated, ms) of the last record sent. */
  simulatedAtMs: number;
  elapsedMs: number;
  /** How far production runs behind its pacing schedule (ms); 0 when as fast as possible. */
  lagMs: number;
}

export interface ProduceSummary extends ProduceProgress {
  eventsPerSecond: number;
  aborted: boolean;
}

const TOPIC_OF: Record<SimulatedTopic, keyof TopicNames> = {
  sms: 'sms',
  calls: 'calls',
  payments: 'payments',
};
/** Only wait when a record is due at least this far ahead; closer ones go in the current batch. */
const MIN_SLEEP_MS = 5;

function encode(record: SimulatedRecord): Buffer {
  // serialize() validates against the contract: producing an invalid record is a bug and throws.
  switch (record.topic) {
    case 'sms':
      return smsEventV1.serialize(record.value);
    case 'calls':
      return callEventV1.serialize(record.value);
    case 'payments':
      return paymentEventV1.serialize(record.value);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Produces a simulation's records to the operator input topics in delivery order, batched (`sendBatch`,
 * acks -1, murmur2 DefaultPartitioner keyed by sender / caller / msisdn), paced as asked.
 */
export async function produceTraffic(options: ProduceTrafficOptions): Promise<ProduceSummary> {
  const topics = topicNames(options.topicPrefix ?? '');
  const batchSize = options.batchSize ?? 500;
  const progressIntervalMs = options.progressIntervalMs ?? 5_000;
  const producer = options.kafka.producer({ createPartitioner: Murmur2Partitioner });
  await producer.connect();

  const wallStartMs = Date.now();
  const byTopic: Record<SimulatedTopic, number> = { sms: 0, calls: 0, payments: 0 };
  let sent = 0;
  let simulatedAtMs = options.simulation.startMs;
  let lagMs = 0;
  let lastProgressMs = wallStartMs;
  let batch: SimulatedRecord[] = [];
  const progress = (): ProduceProgress => ({
    sent,
    byTopic: { ...byTopic },
    simulatedAtMs,
    elapsedMs: Date.now() - wallStartMs,
    lagMs,
  });

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const grouped = new Map<string, Message[]>();
    for (const record of batch) {
      const topic = topics[TOPIC_OF[record.topic]];
      let messages = grouped.get(topic);
      if (messages === undefined) grouped.set(topic, (messages = []));
      messages.push({ key: record.key, value: encode(record) });
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...grouped].map(([topic, messages]) => ({ topic, messages })),
    });
    for (const record of batch) byTopic[record.topic]++;
    sent += batch.length;
    simulatedAtMs = batch[batch.length - 1].deliverAtMs;
    batch = [];
    const now = Date.now();
    if (options.onProgress !== undefined && now - lastProgressMs >= progressIntervalMs) {
      lastProgressMs = now;
      options.onProgress(progress());
    }
  };

  let aborted = false;
  try {
    let index = 0;
    let firstDeliverAtMs: number | undefined;
    for (const record of options.simulation.records()) {
      if (options.signal?.aborted) {
        aborted = true;
        break;
      }
      firstDeliverAtMs ??= record.deliverAtMs;
      const due = dueAtMs(options.pacing, record, index++, wallStartMs, firstDeliverAtMs);
      if (due !== undefined) {
        const aheadMs = due - Date.now();
        if (aheadMs >= MIN_SLEEP_MS) {
          await flush();
          await sleep(due - Date.now());
        }
        lagMs = Math.max(0, Date.now() - due);
      }
      batch.push(record);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } finally {
    await producer.disconnect();
  }
  const final = progress();
  options.onProgress?.(final);
  return {
    ...final,
    eventsPerSecond: final.elapsedMs > 0 ? (final.sent * 1000) / final.elapsedMs : final.sent,
    aborted,
  };
}
