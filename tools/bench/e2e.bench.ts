/**
 * `npm run bench:e2e`: ingest + correlator as built services on the local broker.
 *  1. Latency: 2,000 raw events/s of mixed traffic for 30 s with probe SMS that complete a rule on their own
 *     (a spyware offer); latency = probe produce time → its alert read back from the alerts topic.
 *  2. Throughput: raw events pre-loaded; correlator started, then ingest; sustained = the rate from the correlator's
 *     first processed entity event until it has processed every one (boots and group joins do not count, neither
 *     service gets a head start); the rate from ingest being up is printed too.
 *  3. Backlog drain: 500,000 raw events (BENCH_E2E_BACKLOG_EVENTS) of the same mix, their event times spread
 *     evenly over the 6 hours (BENCH_E2E_BACKLOG_SPAN_HOURS) before the last 10 minutes, pre-loaded as an ingest
 *     outage leaves them; correlator then ingest started; drain = raw events / time from both services being
 *     ready to the correlator having processed the last entity event. Unlike phase 2, whose events all carry one
 *     event time, this one drains through event time: ingest's alignment pauses partitions that run ahead, the
 *     source watermarks close windows as they go. It must not be more than 10 % below phase 2's sustained rate.
 * Prints CPU and memory per service, writes test-artifacts/bench/e2e.json, ends with
 * `BENCH e2e {"sustainedRawEventsPerSec","p50LatencyMs","p99LatencyMs","backlogDrainRawEventsPerSec"}`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { alertV1 } from '@vigil/contracts';
import { Murmur2Partitioner, createKafka, type Kafka, type Producer } from '@vigil/kafka';
import { LocalPipeline } from '../support/local-pipeline';
import type { ServiceProcess } from '../support/service-process';
import { ensureStackAndBuild } from '../support/stack-prerequisites';
import { localBrokers } from '../support/local-brokers';
import { benchServiceEnv } from './bench-service-env';
import { followProbeRecords } from './probe-record-reader';
import { fresh, templates, type Template } from './raw-record-templates';

const LATENCY_RATE = 2_000; // raw events/s
const LATENCY_SECONDS = 30;
const PROBES_PER_SECOND = 10;
const THROUGHPUT_EVENTS = Number(process.env.BENCH_E2E_EVENTS ?? 200_000);
const BACKLOG_EVENTS = Number(process.env.BENCH_E2E_BACKLOG_EVENTS ?? 500_000);
const BACKLOG_SPAN_MS = Number(process.env.BENCH_E2E_BACKLOG_SPAN_HOURS ?? 6) * 3_600_000;
/** `latency`, `throughput` or `backlog` runs one phase only (while tuning); unset runs all three. */
const ONLY_PHASE = process.env.BENCH_E2E_ONLY;
const serviceEnv = benchServiceEnv('BENCH_E2E_SERVICE_NODE_ARGS');
const brokers = localBrokers();

async function sendAll(
  producer: Producer,
  pipeline: LocalPipeline,
  records: { topic: Template['topic']; value: string }[],
): Promise<void> {
  const byTopic = new Map<string, { key: string; value: string }[]>();
  records.forEach((record, i) => {
    const topic = pipeline.topics[record.topic];
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: String(i % 5_000), value: record.value }]);
  });
  await producer.sendBatch({
    acks: 1,
    topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
  });
}

/** Produces `count` raw events of the bench mix, the seq-th one at event time `eventTimeOf(seq)` (ms). */
async function preload(
  kafka: Kafka,
  pipeline: LocalPipeline,
  count: number,
  eventTimeOf: (seq: number) => number,
): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Murmur2Partitioner });
  await producer.connect();
  const pool = templates();
  for (let seq = 0; seq < count;) {
    const batch = [];
    for (let i = 0; i < 5_000 && seq < count; i++)
      batch.push(fresh(pool[seq % pool.length], seq, new Date(eventTimeOf(seq++)).toISOString()));
    await sendAll(producer, pipeline, batch);
  }
  await producer.disconnect();
}

async function resources(
  services: ServiceProcess[],
): Promise<Record<string, { cpuSeconds: number; rssMiB: number }>> {
  const out: Record<string, { cpuSeconds: number; rssMiB: number }> = {};
  for (const service of services) {
    out[service.app] = {
      cpuSeconds: Number((await service.metric('process_cpu_seconds_total')).toFixed(1)),
      rssMiB: Math.round((await service.metric('process_resident_memory_bytes')) / 1_048_576),
    };
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function latencyRun(
  kafka: Kafka,
): Promise<{ p50LatencyMs: number; p99LatencyMs: number; probes: number; resources: object }> {
  const pipeline = await newPipeline(kafka);
  try {
    await pipeline.start('ingest', serviceEnv);
    const correlator = await pipeline.start('correlator', serviceEnv);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    // Where a probe's time goes, from the records' create times (set when the producing service sends them):
    // ingest = probe sent → its entity event produced; correlator = entity event produced → alert produced;
    // delivery = alert produced → read here.
    const entityEventProducedAt = new Map<string, number>();
    const stages: Record<'ingest' | 'correlator' | 'delivery', number[]> = {
      ingest: [],
      correlator: [],
      delivery: [],
    };
    // Alerts are keyed by entity: only the probes' are decoded, so the reader's own work stays out of the
    // measured time (the bench mix raises hundreds of alerts per second, in bursts per correlator fetch).
    const reader = await followProbeRecords(
      kafka,
      pipeline.topics.alerts,
      'bench-e2e-reader',
      sentAt,
      (probe, at, message) => {
        const alert = alertV1.deserialize(message.value);
        const readAt = Date.now();
        if (alert.typology !== 'spyware_offer') return;
        latencies.push(readAt - at);
        const alertProducedAt = Number(message.timestamp);
        const ingestedAt = entityEventProducedAt.get(probe);
        if (ingestedAt !== undefined) {
          stages.ingest.push(ingestedAt - at);
          stages.correlator.push(alertProducedAt - ingestedAt);
        }
        stages.delivery.push(readAt - alertProducedAt);
      },
    );
    // A reader of its own for the entity events (2.4 per raw event), so that reading them does not hold up the
    // alert reader above.
    const stageReader = await followProbeRecords(
      kafka,
      pipeline.topics.entityEvents,
      'bench-e2e-stages',
      sentAt,
      (probe, _sentAt, message) => entityEventProducedAt.set(probe, Number(message.timestamp)),
    );
    const producer = kafka.producer({ createPartitioner: Murmur2Partitioner });
    await producer.connect();
    const pool = templates();
    let seq = 0;
    const started = Date.now();
    for (let tick = 0; tick < LATENCY_SECONDS * 10; tick++) {
      const nowIso = new Date().toISOString();
      const batch = Array.from({ length: LATENCY_RATE / 10 }, () =>
        fresh(pool[seq % pool.length], seq++, nowIso),
      );
      await sendAll(producer, pipeline, batch);
      if (tick % (10 / PROBES_PER_SECOND) === 0 || PROBES_PER_SECOND >= 10) {
        const victim = `7702${String(1_000_000 + tick).padStart(7, '0')}`;
        sentAt.set(victim, Date.now());
        await producer.send({
          topic: pipeline.topics.sms,
          acks: 1,
          messages: [
            {
              key: victim,
              value: JSON.stringify({
                eventId: `probe-${tick}`,
                occurredAt: nowIso,
                sender: '77471234500',
                recipient: victim,
                text: 'Spy app: read her messages and track her location',
              }),
            },
          ],
        });
      }
      const due = started + (tick + 1) * 100;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await producer.disconnect();
    await reader.disconnect();
    await stageReader.disconnect();
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `latency: ${sorted.length}/${sentAt.size} probes alerted at ${LATENCY_RATE} raw events/s; p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms`,
    );
    const stageSummary = Object.entries(stages).map(([stage, values]) => {
      const stageSorted = [...values].sort((a, b) => a - b);
      return `${stage} p50 ${percentile(stageSorted, 50)} / p99 ${percentile(stageSorted, 99)} ms`;
    });
    console.log(`latency stages (record create times): ${stageSummary.join('; ')}`);
    const used = await resources(pipeline.services);
    console.log(
      `latency run resources: ${JSON.stringify(used)}; correlator processed ${await correlator.metric('vigil_correlator_events_processed_total')} entity events`,
    );
    return {
      p50LatencyMs: percentile(sorted, 50),
      p99LatencyMs: percentile(sorted, 99),
      probes: sorted.length,
      resources: used,
    };
  } finally {
    await pipeline.stopAll();
    await pipeline.deleteTopics();
  }
}

async function throughputRun(
  kafka: Kafka,
): Promise<{ sustainedRawEventsPerSec: number; overallRawEventsPerSec: number; resources: object }> {
  return onOwnPipeline(kafka, async (pipeline) => {
    const nowMs = Date.now();
    await preload(kafka, pipeline, THROUGHPUT_EVENTS, () => nowMs);
    // The correlator first, idle until ingest feeds it; the clock starts once ingest is up, so neither service's
    // boot counts and neither gets a head start.
    const correlator = await pipeline.start('correlator', serviceEnv);
    const ingest = await pipeline.start('ingest', serviceEnv);
    const started = Date.now();
    // Steady state starts with the first entity event the correlator has processed: before it, ingest is still
    // joining its group and filling the first fetches (0.2–1.7 s here), a start-up cost rather than a rate.
    let steadyFrom = { at: 0, correlated: 0 };
    const produced = await drain(ingest, correlator, THROUGHPUT_EVENTS, 600_000, 'stalled', (correlated) => {
      if (steadyFrom.at === 0 && correlated > 0) steadyFrom = { at: Date.now(), correlated };
    });
    const ended = Date.now();
    const seconds = (ended - started) / 1000;
    // Entity events per second in steady state, as raw events per second (entity events per raw event is fixed).
    const steadyEntityEventsPerSec = (produced - steadyFrom.correlated) / ((ended - steadyFrom.at) / 1000);
    const sustainedRawEventsPerSec = Math.round((steadyEntityEventsPerSec * THROUGHPUT_EVENTS) / produced);
    const used = await resources(pipeline.services);
    console.log(
      `throughput: ${THROUGHPUT_EVENTS} raw events through ingest and correlator in ${seconds.toFixed(1)} s from ingest being up (${Math.round(THROUGHPUT_EVENTS / seconds)}/s); first entity event correlated after ${steadyFrom.at - started} ms, from there ${sustainedRawEventsPerSec} raw events/s; resources ${JSON.stringify(used)}`,
    );
    const alerts = await correlator.metric('vigil_correlator_alerts_total');
    const changelogMiB = (await correlator.metric('vigil_correlator_changelog_bytes_total')) / 1_048_576;
    console.log(
      `throughput run output: ${await ingest.metric('vigil_ingest_entity_events_out_total')} entity events, ${alerts} alerts, ${changelogMiB.toFixed(1)} MiB of entity state to the changelog`,
    );
    return {
      sustainedRawEventsPerSec,
      overallRawEventsPerSec: Math.round(THROUGHPUT_EVENTS / seconds),
      resources: used,
    };
  });
}

/** A pipeline of its own with fresh topics. */
async function newPipeline(kafka: Kafka): Promise<LocalPipeline> {
  const pipeline = new LocalPipeline(kafka, `bench-e2e-${randomBytes(3).toString('hex')}.`, 12);
  await pipeline.createTopics();
  return pipeline;
}

/** Runs a phase on its own pipeline; on failure prints each service's log tail; always stops it and deletes its topics. */
async function onOwnPipeline<T>(kafka: Kafka, phase: (pipeline: LocalPipeline) => Promise<T>): Promise<T> {
  const pipeline = await newPipeline(kafka);
  try {
    return await phase(pipeline);
  } catch (error) {
    for (const service of pipeline.services)
      console.error(`${service.app} log tail:\n${service.logs.slice(-3_000)}`);
    throw error;
  } finally {
    await pipeline.stopAll();
    await pipeline.deleteTopics();
  }
}

/**
 * Polls every 100 ms (the end is known to within 100 ms of a ~10 s run) until ingest has read `rawEvents` and the
 * correlator has processed every entity event ingest produced; `onPoll` sees each poll's processed count. Returns the
 * entity events produced; throws `<stalledLabel>: …` after `timeoutMs` from the call.
 */
async function drain(
  ingest: ServiceProcess,
  correlator: ServiceProcess,
  rawEvents: number,
  timeoutMs: number,
  stalledLabel: string,
  onPoll: (correlated: number) => void | Promise<void>,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rawIn = await ingest.metric('vigil_ingest_events_in_total');
    const produced = await ingest.metric('vigil_ingest_entity_events_out_total');
    const correlated = await correlator.metric('vigil_correlator_events_processed_total');
    await onPoll(correlated);
    if (rawIn >= rawEvents && correlated >= produced) return produced;
    if (Date.now() - started > timeoutMs)
      throw new Error(`${stalledLabel}: ${rawIn} raw in, ${correlated}/${produced} correlated`);
  }
}

async function backlogRun(kafka: Kafka): Promise<{
  backlogDrainRawEventsPerSec: number;
  drainSeconds: number;
  lateEntityEvents: number;
  maxSourcesPaused: number;
  resources: object;
}> {
  return onOwnPipeline(kafka, async (pipeline) => {
    // Event times in production order, ending 10 min ago: nothing is ahead of ingest's clock, and the sources'
    // event time never has to catch up with the wall clock for the drain to count as done.
    const endMs = Date.now() - 600_000;
    const stepMs = BACKLOG_SPAN_MS / BACKLOG_EVENTS;
    const loadStarted = Date.now();
    await preload(kafka, pipeline, BACKLOG_EVENTS, (seq) =>
      Math.round(endMs - BACKLOG_SPAN_MS + seq * stepMs),
    );
    console.log(
      `backlog: ${BACKLOG_EVENTS} raw events over ${BACKLOG_SPAN_MS / 3_600_000} h of event time pre-loaded in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`,
    );
    const correlator = await pipeline.start('correlator', serviceEnv);
    const ingest = await pipeline.start('ingest', serviceEnv);
    const started = Date.now();
    let maxSourcesPaused = 0;
    const produced = await drain(ingest, correlator, BACKLOG_EVENTS, 900_000, 'backlog stalled', async () => {
      maxSourcesPaused = Math.max(maxSourcesPaused, await ingest.metric('vigil_ingest_sources_paused'));
    });
    const seconds = (Date.now() - started) / 1000;
    const backlogDrainRawEventsPerSec = Math.round(BACKLOG_EVENTS / seconds);
    const lateEntityEvents = await correlator.metric('vigil_correlator_late_events_total');
    const used = await resources(pipeline.services);
    console.log(
      `backlog: drained ${BACKLOG_EVENTS} raw events (${produced} entity events) in ${seconds.toFixed(1)} s from both services being ready: ${backlogDrainRawEventsPerSec} raw events/s; ${lateEntityEvents} entity events late; up to ${maxSourcesPaused} input partitions paused by alignment at once; resources ${JSON.stringify(used)}`,
    );
    return {
      backlogDrainRawEventsPerSec,
      drainSeconds: Number(seconds.toFixed(1)),
      lateEntityEvents,
      maxSourcesPaused,
      resources: used,
    };
  });
}

async function main(): Promise<void> {
  ensureStackAndBuild(['ingest', 'correlator']);
  const kafka = createKafka({ clientId: 'bench-e2e', brokers });
  const runs = (phase: string) => ONLY_PHASE === undefined || ONLY_PHASE === phase;
  const latency = runs('latency') ? await latencyRun(kafka) : undefined;
  const throughput = runs('throughput') ? await throughputRun(kafka) : undefined;
  const backlog = runs('backlog') ? await backlogRun(kafka) : undefined;
  const result = {
    sustainedRawEventsPerSec: throughput?.sustainedRawEventsPerSec,
    p50LatencyMs: latency?.p50LatencyMs,
    p99LatencyMs: latency?.p99LatencyMs,
    backlogDrainRawEventsPerSec: backlog?.backlogDrainRawEventsPerSec,
  };
  if (throughput && backlog) {
    const ratio = backlog.backlogDrainRawEventsPerSec / throughput.sustainedRawEventsPerSec;
    console.log(
      `backlog drain / sustained: ${ratio.toFixed(3)} (${ratio >= 0.9 ? 'within' : 'MORE than'} 10 % below)`,
    );
  }
  mkdirSync('test-artifacts/bench', { recursive: true });
  writeFileSync(
    'test-artifacts/bench/e2e.json',
    JSON.stringify({ ...result, latency, throughput, backlog }, null, 2),
  );
  console.log(`BENCH e2e ${JSON.stringify(result)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
