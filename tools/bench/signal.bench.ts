/**
 * `npm run bench:signal`: the scam-signal service as built, on the local broker and ClickHouse.
 *  1. Checks: 1,000,000 home subscribers, 1 % of them (10,000) with an open pattern on vigil.subscriber-risk.v1;
 *     the service reads the topic, then answers a fixed offered load of 2,000 checks/s (BENCH_SIGNAL_RATE) for 20 s
 *     (BENCH_SIGNAL_SECONDS, after 3 s of warm-up at the same rate: BENCH_SIGNAL_WARMUP_SECONDS) of random
 *     subscribers, open loop: each check's latency runs from the moment it was due, so a stall is not hidden by checks
 *     that were never sent. checksPerSec = answered checks / time; the service's and this generator's CPU per check.
 *     BENCH_SIGNAL_AB_BASELINE=<another build's main.js> runs this phase alternately against that build instead.
 *  2. Freshness: ingest + correlator + signal under the e2e benchmark's traffic (2,000 raw events/s of the bench
 *     mix); once a second a probe victim gets an unknown caller and a top-up; freshness = the top-up acknowledged by
 *     the broker → the victim's answer turning `high` (polled every 20 ms).
 * Ends with `BENCH signal {"checksPerSec","p50LatencyMs","p99LatencyMs","freshnessP50Ms","freshnessP99Ms"}`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { subscriberRiskV1, PARTITION_HEARTBEAT_KEY, type SubscriberRiskV1 } from '@vigil/contracts';
import { openPrizeCodeTheft } from '@vigil/contracts/testing';
import { Murmur2Partitioner, createKafka, type Kafka, type Producer } from '@vigil/kafka';
import { RawHttpClient, jsonPost } from './raw-http-client';
import { LocalPipeline } from '../support/local-pipeline';
import type { ServiceProcess } from '../support/service-process';
import { ensureStackAndBuild } from '../support/stack-prerequisites';
import { localBrokers, localClickHouseUrl } from '../support/local-brokers';
import { benchServiceEnv } from './bench-service-env';
import { followProbeRecords } from './probe-record-reader';
import { fresh, templates } from './raw-record-templates';

const SUBSCRIBERS = 1_000_000;
const WITH_STATE = SUBSCRIBERS / 100;
const RATE = Number(process.env.BENCH_SIGNAL_RATE ?? 2_000); // checks/s offered
const SECONDS = Number(process.env.BENCH_SIGNAL_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_SIGNAL_WARMUP_SECONDS ?? 3);
const TRAFFIC_RATE = Number(process.env.BENCH_SIGNAL_TRAFFIC_RATE ?? 2_000); // raw events/s, as bench:e2e's latency phase
/** A probe whose answer has not changed by then counts as this late (a censored sample: at least this). */
const PROBE_TIMEOUT_MS = 15_000;
const FRESHNESS_PROBES = Number(process.env.BENCH_SIGNAL_PROBES ?? 30);
const PARTITIONS = 12;
const CLIENT_SECRET = randomBytes(24).toString('hex');
/** `checks` or `freshness` runs one phase only (while tuning); unset runs both. */
const ONLY_PHASE = process.env.BENCH_SIGNAL_ONLY;
/**
 * Side by side: another build's entry point (e.g. main's, copied aside) whose checks phase runs alternately with this
 * build's, BENCH_SIGNAL_AB_ROUNDS times each, so both meet the same noise of a shared machine.
 */
const AB_BASELINE = process.env.BENCH_SIGNAL_AB_BASELINE;
const AB_ROUNDS = Number(process.env.BENCH_SIGNAL_AB_ROUNDS ?? 3);
const serviceEnv = benchServiceEnv('BENCH_SIGNAL_SERVICE_NODE_ARGS');
const brokers = localBrokers();

/** 1,000,000 home numbers 77010000000…77010999999; every 100th has an open pattern. */
const subscriberNumber = (i: number) => `7701${String(i).padStart(7, '0')}`;

function clientsFile(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-signal-')), 'clients.yaml');
  const sha256 = createHash('sha256').update(CLIENT_SECRET).digest('hex');
  writeFileSync(
    file,
    `clients:\n  - clientId: bench\n    sha256: ${sha256}\n    scopes: [scam-signal:check]\n` +
      `    purpose: benchmark\n    rateLimitPerMinute: 100000000\n`,
  );
  return file;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/** A keep-alive HTTP client for one service: the load a partner's connection pool puts on it. */
class SignalClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private token = '';

  constructor(private readonly service: ServiceProcess) {}

  get bearer(): string {
    return `Bearer ${this.token}`;
  }

  async authenticate(): Promise<void> {
    const { status, body } = await this.post(
      '/oauth2/token',
      'grant_type=client_credentials',
      'application/x-www-form-urlencoded',
      `Basic ${Buffer.from(`bench:${CLIENT_SECRET}`).toString('base64')}`,
    );
    if (status !== 200) throw new Error(`token refused: ${status} ${body}`);
    this.token = (JSON.parse(body) as { access_token: string }).access_token;
  }

  /** One check; a keep-alive connection the server closed meanwhile is retried once on a new one. */
  async check(msisdn: string, retried = false): Promise<{ status: number; riskLevel?: string }> {
    let answer: { status: number; body: string };
    try {
      answer = await this.post(
        '/scam-signal/v1/check',
        JSON.stringify({ phoneNumber: `+${msisdn}` }),
        'application/json',
        `Bearer ${this.token}`,
      );
    } catch (error) {
      if (retried || (error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
      return this.check(msisdn, true);
    }
    const { status, body } = answer;
    return {
      status,
      riskLevel: status === 200 ? (JSON.parse(body) as { riskLevel: string }).riskLevel : undefined,
    };
  }

  close(): void {
    this.agent.destroy();
  }

  private post(
    route: string,
    body: string,
    contentType: string,
    authorization: string,
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.service.httpPort,
          path: route,
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': contentType, authorization, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** The risk state the correlator would publish for a subscriber in the middle of a prize-code theft. */
function openState(msisdn: string, partition: number, nowMs: number): SubscriberRiskV1 {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    subscriber: `msisdn:${msisdn}`,
    partition,
    updatedAt: iso(nowMs),
    eventTime: iso(nowMs),
    openPatterns: [
      openPrizeCodeTheft({
        since: iso(nowMs - 5 * 60_000),
        lastEventAt: iso(nowMs - 60_000),
        expiresAt: iso(nowMs + 3_600_000),
        firstStepKind: 'call_in',
        firstStepEndedAt: iso(nowMs - 4 * 60_000),
      }),
    ],
    endedPatterns: [],
  };
}

/** A fresh prefixed set of topics and a producer for one run; what the run started is stopped and deleted after it. */
async function inFreshPipeline<T>(
  kafka: Kafka,
  run: (pipeline: LocalPipeline, producer: Producer) => Promise<T>,
): Promise<T> {
  const pipeline = new LocalPipeline(kafka, `bench-signal-${randomBytes(3).toString('hex')}.`, PARTITIONS);
  await pipeline.createTopics();
  const producer = kafka.producer({ createPartitioner: Murmur2Partitioner });
  await producer.connect();
  try {
    return await run(pipeline, producer);
  } finally {
    await producer.disconnect();
    await pipeline.stopAll();
    await pipeline.deleteTopics();
  }
}

/** The scam signal (this build, or the one at `entry`) started on `pipeline`, and a client signed in to it once it answers. */
async function startSignal(
  pipeline: LocalPipeline,
  database: string,
  entry?: string,
): Promise<{ signal: ServiceProcess; client: SignalClient }> {
  const signal = await pipeline.start('signal', {
    ...serviceEnv,
    ...(entry ? { VIGIL_ENTRY: entry } : {}),
    CLICKHOUSE_DATABASE: database,
    SIGNAL_CLIENTS_FILE: clientsFile(),
  });
  const client = new SignalClient(signal);
  await client.authenticate();
  await waitForReady(client, subscriberNumber(0));
  return { signal, client };
}

async function preloadRiskStates(producer: Producer, topic: string): Promise<void> {
  const nowMs = Date.now();
  for (let start = 0; start < WITH_STATE; start += 2_000) {
    const messages = [];
    for (let i = start; i < Math.min(WITH_STATE, start + 2_000); i++) {
      const partition = i % PARTITIONS;
      const state = openState(subscriberNumber(i * 100), partition, nowMs);
      messages.push({ key: state.subscriber, partition, value: subscriberRiskV1.serialize(state) });
    }
    await producer.send({ topic, acks: 1, messages });
  }
  const heartbeats = Array.from({ length: PARTITIONS }, (_, partition) => ({
    key: PARTITION_HEARTBEAT_KEY,
    partition,
    value: subscriberRiskV1.serialize({
      ...openState(subscriberNumber(0), partition, nowMs),
      subscriber: PARTITION_HEARTBEAT_KEY,
      openPatterns: [],
    }),
  }));
  await producer.send({ topic, acks: 1, messages: heartbeats });
}

interface ChecksResult {
  checksPerSec: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
  answered: number;
  failed: number;
  withRisk: number;
  /** The service's CPU time per answered check while under load (start-up and state loading left out). */
  serviceCpuMsPerCheck: number;
  /** This load generator's CPU time per check: it shares the machine's 2 cores with the service. */
  clientCpuMsPerCheck: number;
}

async function checksRun(kafka: Kafka, database: string, entry?: string): Promise<ChecksResult> {
  return inFreshPipeline(kafka, async (pipeline, producer) => {
    await preloadRiskStates(producer, pipeline.topics.subscriberRisk);
    const { signal, client } = await startSignal(pipeline, database, entry);
    client.close();
    const host = `127.0.0.1:${signal.httpPort}`;
    const load = new RawHttpClient('127.0.0.1', signal.httpPort, 64);
    // Warm-up at the same rate, not counted: a service just started answers its first checks with cold code.
    await offerChecks(load, host, client.bearer, WARMUP_SECONDS);
    const serviceCpuBefore = await signal.metric('process_cpu_seconds_total');
    const clientCpuBefore = process.cpuUsage();
    const { latencies, failed, withRisk, seconds } = await offerChecks(load, host, client.bearer, SECONDS);
    load.close();
    const total = RATE * SECONDS;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const serviceCpuSec = (await signal.metric('process_cpu_seconds_total')) - serviceCpuBefore;
    const sorted = latencies.sort((a, b) => a - b);
    const result = {
      checksPerSec: Math.round(sorted.length / seconds),
      p50LatencyMs: Number(percentile(sorted, 50).toFixed(2)),
      p99LatencyMs: Number(percentile(sorted, 99).toFixed(2)),
      answered: sorted.length,
      failed,
      withRisk,
      serviceCpuMsPerCheck: Number(((serviceCpuSec * 1000) / Math.max(1, sorted.length)).toFixed(3)),
      clientCpuMsPerCheck: Number(((clientCpu.user + clientCpu.system) / 1000 / total).toFixed(3)),
    };
    console.log(
      `checks${entry ? ` (${entry})` : ''}: ${result.answered} answered (${failed} failed) of ${total} offered at ${RATE}/s over ${seconds.toFixed(1)} s; ` +
        `${withRisk} with risk (expected ~1 %); p50 ${result.p50LatencyMs} ms, p99 ${result.p99LatencyMs} ms; ` +
        `signal cpu ${result.serviceCpuMsPerCheck} ms/check, load generator ${result.clientCpuMsPerCheck} ms/check, ` +
        `rss ${Math.round((await signal.metric('process_resident_memory_bytes')) / 1_048_576)} MiB`,
    );
    return result;
  });
}

/**
 * Offers RATE checks/s of random subscribers for `seconds`, open loop: every check due by now goes out now, its
 * latency timed from when it was due (a stall is not hidden by checks that were never sent, nor by the client's
 * queue when all its connections are busy). `seconds` in the result: first due → last answer.
 */
async function offerChecks(
  load: RawHttpClient,
  host: string,
  bearer: string,
  seconds: number,
): Promise<{ latencies: number[]; failed: number; withRisk: number; seconds: number }> {
  const latencies: number[] = [];
  let failed = 0;
  let withRisk = 0;
  const inFlight = new Set<Promise<void>>();
  const total = RATE * seconds;
  const started = performance.now();
  let lastAnsweredAt = started;
  for (let sent = 0; sent < total;) {
    const dueNow = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
    for (; sent < dueNow; sent++) {
      const dueAt = started + (sent / RATE) * 1000;
      const subscriber = Math.floor(Math.random() * SUBSCRIBERS);
      const body = `{"phoneNumber":"+${subscriberNumber(subscriber)}"}`;
      const call = load.send(jsonPost('/scam-signal/v1/check', host, bearer, body)).then(
        ({ status, body: answer }) => {
          lastAnsweredAt = performance.now();
          if (status !== 200) failed += 1;
          else {
            latencies.push(lastAnsweredAt - dueAt);
            if (!answer.includes('"riskLevel":"none"')) withRisk += 1;
          }
        },
        () => void (failed += 1),
      );
      const tracked = call.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(inFlight);
  return { latencies, failed, withRisk, seconds: (lastAnsweredAt - started) / 1000 };
}

/** The service answers once it has read the risk topic to its end. */
async function waitForReady(client: SignalClient, msisdn: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await client.check(msisdn)).status !== 200) {
    if (Date.now() > deadline) throw new Error('signal not answering after 120 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function freshnessRun(
  kafka: Kafka,
  database: string,
): Promise<{ freshnessP50Ms: number; freshnessP99Ms: number; probes: number }> {
  return inFreshPipeline(kafka, async (pipeline, producer) => {
    try {
      await pipeline.start('ingest', serviceEnv);
      const correlator = await pipeline.start('correlator', serviceEnv);
      const { client } = await startSignal(pipeline, database);
      const pool = templates();
      const freshness: number[] = [];
      // Where a probe's time goes: the top-up acknowledged → its risk state produced by the correlator (the record's
      // create time) → the answer changed here.
      const toRiskRecord: number[] = [];
      const producedAtOf = new Map<string, number>();
      const riskReader = await followProbeRecords(
        kafka,
        pipeline.topics.subscriberRisk,
        'bench-signal-risk',
        producedAtOf,
        (victim, producedAt, message) => {
          producedAtOf.delete(victim);
          toRiskRecord.push(Number(message.timestamp) - producedAt);
        },
      );
      const probes: Promise<void>[] = [];
      let seq = 0;
      const started = Date.now();
      const ticks = (FRESHNESS_PROBES + 5) * 10;
      for (let tick = 0; tick < ticks; tick++) {
        const nowMs = Date.now();
        const nowIso = new Date(nowMs).toISOString();
        const byTopic = new Map<string, { key: string; value: string }[]>();
        for (let i = 0; i < TRAFFIC_RATE / 10; i++) {
          const record = fresh(pool[seq % pool.length], seq, nowIso);
          seq++;
          const topic = pipeline.topics[record.topic];
          byTopic.set(topic, [
            ...(byTopic.get(topic) ?? []),
            { key: String(seq % 5_000), value: record.value },
          ]);
        }
        await producer.sendBatch({
          acks: 1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        });
        const probe = tick / 10;
        if (tick % 10 === 5 && probe < FRESHNESS_PROBES)
          probes.push(
            runProbe(probe, nowMs).catch((error: unknown) =>
              console.warn(`probe ${probe}: ${String(error)}`),
            ),
          );
        const due = started + (tick + 1) * 100;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      }
      await Promise.all(probes);
      client.close();

      async function runProbe(index: number, nowMs: number): Promise<void> {
        const victim = `7702${String(2_000_000 + Math.floor(index)).padStart(7, '0')}`;
        const scammer = `7916${String(3_000_000 + Math.floor(index)).padStart(7, '0')}`;
        await producer.send({
          topic: pipeline.topics.calls,
          acks: 1,
          messages: [
            {
              key: victim,
              value: JSON.stringify({
                eventId: `probe-call-${index}`,
                startedAt: new Date(nowMs - 3 * 60_000).toISOString(),
                caller: scammer,
                callee: victim,
                answered: true,
                durationSec: 60,
              }),
            },
          ],
        });
        await producer.send({
          topic: pipeline.topics.payments,
          acks: 1,
          messages: [
            {
              key: victim,
              value: JSON.stringify({
                eventId: `probe-topup-${index}`,
                occurredAt: new Date(nowMs).toISOString(),
                type: 'topup',
                msisdn: victim,
                amount: 2_000,
                currency: 'KZT',
                channel: 'terminal',
              }),
            },
          ],
        });
        const producedAt = Date.now();
        producedAtOf.set(victim, producedAt);
        const deadline = producedAt + PROBE_TIMEOUT_MS;
        while (Date.now() < deadline) {
          const { riskLevel } = await client.check(victim);
          if (riskLevel === 'high' || riskLevel === 'critical') {
            freshness.push(Date.now() - producedAt);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        freshness.push(PROBE_TIMEOUT_MS);
        console.warn(`probe ${index}: answer did not change within ${PROBE_TIMEOUT_MS} ms`);
      }

      const sorted = freshness.sort((a, b) => a - b);
      const changed = sorted.filter((ms) => ms < PROBE_TIMEOUT_MS).length;
      await riskReader.disconnect();
      const stage = [...toRiskRecord].sort((a, b) => a - b);
      console.log(
        `freshness stages: top-up acknowledged → risk state produced by the correlator p50 ${percentile(stage, 50)} ms, ` +
          `p99 ${percentile(stage, 99)} ms (${stage.length} probes); the rest is the signal reading it and the 20 ms poll`,
      );
      console.log(
        `freshness: ${changed}/${FRESHNESS_PROBES} probes changed within ${PROBE_TIMEOUT_MS} ms under ${TRAFFIC_RATE} ` +
          `raw events/s (the others count as ${PROBE_TIMEOUT_MS} ms); p50 ${percentile(sorted, 50)} ms, ` +
          `p99 ${percentile(sorted, 99)} ms; correlator processed ` +
          `${await correlator.metric('vigil_correlator_events_processed_total')} entity events`,
      );
      return {
        freshnessP50Ms: percentile(sorted, 50),
        freshnessP99Ms: percentile(sorted, 99),
        probes: changed,
      };
    } catch (error) {
      for (const service of pipeline.services)
        console.error(`${service.app} log tail:\n${service.logs.slice(-3_000)}`);
      throw error;
    }
  });
}

async function main(): Promise<void> {
  ensureStackAndBuild(['ingest', 'correlator', 'signal']);
  const kafka = createKafka({ clientId: 'bench-signal', brokers });
  const executor = new HttpSqlExecutor(createClickHouseClient({ url: localClickHouseUrl() }));
  const database = `bench_signal_${randomBytes(4).toString('hex')}`;
  try {
    if (AB_BASELINE !== undefined) {
      await sideBySide(kafka, database, AB_BASELINE);
      return;
    }
    const checks =
      ONLY_PHASE === undefined || ONLY_PHASE === 'checks' ? await checksRun(kafka, database) : undefined;
    const fresh =
      ONLY_PHASE === undefined || ONLY_PHASE === 'freshness'
        ? await freshnessRun(kafka, database)
        : undefined;
    const result = {
      checksPerSec: checks?.checksPerSec,
      p50LatencyMs: checks?.p50LatencyMs,
      p99LatencyMs: checks?.p99LatencyMs,
      freshnessP50Ms: fresh?.freshnessP50Ms,
      freshnessP99Ms: fresh?.freshnessP99Ms,
    };
    mkdirSync('test-artifacts/bench', { recursive: true });
    writeFileSync('test-artifacts/bench/signal.json', JSON.stringify({ ...result, checks, fresh }, null, 2));
    console.log(`BENCH signal ${JSON.stringify(result)}`);
  } finally {
    await executor.command(`DROP DATABASE IF EXISTS ${database}`).catch(() => undefined);
    await executor.close();
  }
}

/** The checks phase of this build and of `baseline`, alternately; medians of each, and this build's ratio to it. */
async function sideBySide(kafka: Kafka, database: string, baseline: string): Promise<void> {
  const runs: { build: ChecksResult[]; baseline: ChecksResult[] } = { build: [], baseline: [] };
  for (let round = 0; round < AB_ROUNDS; round++) {
    runs.build.push(await checksRun(kafka, database));
    runs.baseline.push(await checksRun(kafka, database, baseline));
  }
  const median = (results: ChecksResult[], field: keyof ChecksResult) => {
    const values = results.map((result) => result[field]).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)];
  };
  const fields = ['checksPerSec', 'p50LatencyMs', 'p99LatencyMs', 'serviceCpuMsPerCheck'] as const;
  const summary = Object.fromEntries(
    fields.map((field) => {
      const build = median(runs.build, field);
      const base = median(runs.baseline, field);
      return [field, { build, baseline: base, ratio: Number((build / base).toFixed(3)) }];
    }),
  );
  mkdirSync('test-artifacts/bench', { recursive: true });
  writeFileSync('test-artifacts/bench/signal-ab.json', JSON.stringify({ summary, runs }, null, 2));
  console.log(`BENCH signal-ab ${JSON.stringify(summary)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
