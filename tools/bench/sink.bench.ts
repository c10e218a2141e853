// `npm run bench:sink`: (1) rows/s through the analytics sink core into ClickHouse, on two data sets: realistic
// traffic (1M subscribers, Zipf-distributed activity, so hot numbers recur as they do in production) and a worst
// case where nearly every entity and counterparty number is new (each one costs an HMAC); (2) p50/p95 of each
// dashboard query with 10,000,000 entity events and 100,000 alerts loaded (generated inside ClickHouse).
// What rows/s covers: the clock runs from the first serialized Kafka record value handed to the sink until the
// last insert is acknowledged by ClickHouse; in between every record is decoded, validated, pseudonymized, encoded
// and inserted into entity_events with both of its materialized views (events_per_minute, bulk_senders_per_hour)
// written synchronously by the server. Batches are what the app's consumer fetches (SINK_MAX_BYTES_PER_PARTITION
// of records per partition batch, SINK_PARTITIONS_CONCURRENTLY batches in flight) and the sink runs with the app's
// settings (loadAnalyticsSinkTuning, the fields the app's schema spreads: defaults, or SINK_* from the environment).
// After each run the rows and the views' counts of distinct event ids are checked to have grown by exactly the rows
// sent.
// Uses its own database (vigil_bench_<random>) on CLICKHOUSE_URL and drops it at the end.
// Ends with: BENCH sink {"rowsPerSec":N,"rowsPerSecDistinctNumbers":N,"dashboardP95Ms":N} (rowsPerSec: realistic)
import { randomBytes } from 'node:crypto';
import {
  AnalyticsSink,
  type SinkBatch,
  DashboardQueries,
  HttpTabSeparatedExecutor,
  SubscriberPseudonymizer,
  analyticsMigrations,
  toEntityEventRow,
  analyticsTables as t,
  loadAnalyticsSinkTuning,
} from '@vigil/analytics';
import { type SqlExecutor, createClickHouseClient, runMigrations } from '@vigil/clickhouse';
import { ENTITY_EVENTS_TOPIC, ENTITY_EVENT_KINDS, type EntityEventV1 } from '@vigil/contracts';
import { fixtureBatch } from '@vigil/analytics/testing';
import { loadDashboardDataset } from './dashboard-dataset';
import { queryLatency } from './query-latency';

const CLICKHOUSE_URL = process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123';
const SINK_ROWS = Number(process.env.BENCH_SINK_ROWS ?? 1_000_000);
// The sink as the app runs it: its validated environment, defaults unless SINK_* variables say otherwise.
const SINK_ENV = loadAnalyticsSinkTuning(process.env);
const SINK_CONCURRENCY = SINK_ENV.SINK_PARTITIONS_CONCURRENTLY; // batches in flight, as kafkajs hands them over
// A partition batch holds what one fetch may bring for one partition, when every concurrent one brings as much.
const BATCH_BYTES = Math.min(
  SINK_ENV.SINK_MAX_BYTES_PER_PARTITION,
  Math.floor(SINK_ENV.SINK_MAX_BYTES_PER_FETCH / SINK_CONCURRENCY),
);
const RECORD_OVERHEAD_BYTES = 16; // Kafka record framing (length, attributes, deltas, sizes) counted against fetches
const SUBSCRIBERS = 1_000_000; // realistic data set: population …
const ZIPF_EXPONENT = 1; // … and skew of per-subscriber activity
const LOADED_EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const LOADED_ALERTS = Number(process.env.BENCH_ALERTS ?? 100_000);
const DAYS = 30;
const SECRET = 'vigil-bench-pseudonym-secret';
const KNOWN_SUBSCRIBER = '77015550123';
const END = Date.parse('2026-03-01T00:00:00Z'); // loaded data spans the 30 days before this instant
const START = END - DAYS * 86_400_000;

/** The worst case: subscriber i % 500k, counterparty i % 800k, so over 1M rows nearly every number is new. */
const distinctNumbers = (i: number): { subscriber: string; counterparty: string } => ({
  subscriber: `7701${String(1_000_000 + (i % 500_000)).slice(1)}`,
  counterparty: `7702${String(1_000_000 + (i % 800_000)).slice(1)}`,
});

/** Realistic traffic: both parties drawn from 1M subscribers by Zipf rank (seeded, so every run sees the same). */
function zipfNumbers(): (i: number) => { subscriber: string; counterparty: string } {
  const cdf = new Float64Array(SUBSCRIBERS);
  let total = 0;
  for (let rank = 0; rank < SUBSCRIBERS; rank += 1) cdf[rank] = total += 1 / (rank + 1) ** ZIPF_EXPONENT;
  let seed = 0x5eed;
  const random = (): number => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const draw = (): string => {
    const target = random() * total;
    let low = 0;
    let high = SUBSCRIBERS - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cdf[mid] < target) low = mid + 1;
      else high = mid;
    }
    const scattered = (low * 7_919 + 13) % SUBSCRIBERS; // hot subscribers are not neighbours
    return `770${String(10_000_000 + scattered).slice(1)}`;
  };
  return () => ({ subscriber: draw(), counterparty: draw() });
}

function entityEvent(
  i: number,
  occurredMs: number,
  subscriber = distinctNumbers(i).subscriber,
  counterparty = distinctNumbers(i).counterparty,
  idPrefix = 'sink',
): EntityEventV1 {
  const kind = ENTITY_EVENT_KINDS[i % ENTITY_EVENT_KINDS.length];
  return {
    eventId: `${idPrefix}-${i}:${kind}`,
    sourceEventId: `${idPrefix}-${i}`,
    sourceTopic: 'telco.sms.v1',
    entity:
      kind === 'sms_sent' ? `sender:7778${String(1_000_000 + (i % 3_000)).slice(1)}` : `msisdn:${subscriber}`,
    kind,
    occurredAt: new Date(occurredMs).toISOString(),
    ingestedAt: new Date(occurredMs + 200).toISOString(),
    counterparty,
    counterpartyClass: 'home_msisdn',
    amount: i % 4 === 0 ? 1_000 : undefined,
    currency: i % 4 === 0 ? 'KZT' : undefined,
    features: { hasUrl: i % 3 === 0, prizeLure: false, senderClass: 'msisdn' },
  };
}

/** What has landed: raw rows, and the distinct event ids the two views count (replays would not add to those). */
async function landed(
  executor: SqlExecutor,
  database: string,
): Promise<{ rows: number; eventsCounted: number; bulkMessagesCounted: number }> {
  const [counts] = await executor.query<{ rows: string; events: string; messages: string }>(
    `SELECT (SELECT count() FROM ${database}.${t.entityEvents}) AS rows,
      (SELECT uniqExactMerge(events_state) FROM ${database}.${t.eventsPerMinute}) AS events,
      (SELECT uniqExactMerge(messages_state) FROM ${database}.${t.bulkSendersPerHour}) AS messages`,
  );
  return {
    rows: Number(counts.rows),
    eventsCounted: Number(counts.events),
    bulkMessagesCounted: Number(counts.messages),
  };
}

async function measureSinkThroughput(
  executor: SqlExecutor,
  database: string,
  numbers: (i: number) => { subscriber: string; counterparty: string },
  idPrefix: string,
): Promise<number> {
  const sink = new AnalyticsSink(
    {
      executor,
      pseudonyms: new SubscriberPseudonymizer(SECRET, { cacheSize: SINK_ENV.SINK_PSEUDONYM_CACHE_SIZE }),
    },
    {
      database,
      maxRowsPerInsert: SINK_ENV.SINK_MAX_ROWS_PER_INSERT,
      lingerMs: SINK_ENV.SINK_LINGER_MS,
      maxConcurrentBatches: SINK_CONCURRENCY,
    },
  );
  // Serialized records prepared before the clock starts, each batch's keys and values in one buffer, as a Kafka
  // fetch response holds them; record objects are made per batch when it is handed over, as kafkajs does. (Holding
  // 1M ready-made record objects instead would make every major GC of the run walk them: a cost no consumer has.)
  const prepared: { data: Buffer; ends: Uint32Array }[] = []; // per record: key end, value end
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const seal = (): void => {
    const ends = new Uint32Array(pending.length);
    pending.reduce((end, part, index) => (ends[index] = end + part.length), 0);
    prepared.push({ data: Buffer.concat(pending), ends });
    pending = [];
    pendingBytes = 0;
  };
  let expectedSms = 0;
  for (let i = 0; i < SINK_ROWS; i += 1) {
    const { subscriber, counterparty } = numbers(i);
    const event = entityEvent(i, START + (i % 86_400) * 1_000, subscriber, counterparty, idPrefix);
    if (event.kind === 'sms_sent') expectedSms += 1;
    const key = Buffer.from(event.entity);
    const value = Buffer.from(JSON.stringify(event));
    const recordBytes = key.length + value.length + RECORD_OVERHEAD_BYTES;
    if (pendingBytes + recordBytes > BATCH_BYTES && pending.length > 0) seal();
    pending.push(key, value);
    pendingBytes += recordBytes;
  }
  if (pending.length > 0) seal();
  const handOver = ({ data, ends }: (typeof prepared)[number], partition: number): SinkBatch => ({
    topic: ENTITY_EVENTS_TOPIC,
    partition,
    records: Array.from({ length: ends.length / 2 }, (_, index) => ({
      topic: ENTITY_EVENTS_TOPIC,
      partition,
      offset: String(index),
      key: data.subarray(index === 0 ? 0 : ends[2 * index - 1], ends[2 * index]),
      value: data.subarray(ends[2 * index], ends[2 * index + 1]),
      headers: {},
      timestamp: '0',
    })),
    deadLetter: () => {
      throw new Error('bench records are valid');
    },
    heartbeat: async () => undefined,
  });
  const before = await landed(executor, database);
  const started = performance.now();
  let next = 0;
  const worker = async (partition: number): Promise<void> => {
    while (next < prepared.length) await sink.handleEntityEvents(handOver(prepared[next++], partition));
  };
  await Promise.all(Array.from({ length: SINK_CONCURRENCY }, (_, partition) => worker(partition)));
  const seconds = (performance.now() - started) / 1000;
  const after = await landed(executor, database);
  const grown = {
    rows: after.rows - before.rows,
    eventsCounted: after.eventsCounted - before.eventsCounted,
    bulkMessagesCounted: after.bulkMessagesCounted - before.bulkMessagesCounted,
  };
  const expected = { rows: SINK_ROWS, eventsCounted: SINK_ROWS, bulkMessagesCounted: expectedSms };
  if (JSON.stringify(grown) !== JSON.stringify(expected)) {
    throw new Error(`not everything landed: ${JSON.stringify({ grown, expected })}`);
  }
  console.log(
    `  ${prepared.length} batches of ≤ ${(BATCH_BYTES / 1_048_576).toFixed(0)} MiB (~${Math.round(SINK_ROWS / prepared.length).toLocaleString('en')} rows), ${SINK_CONCURRENCY} in flight, ≤ ${SINK_ENV.SINK_MAX_ROWS_PER_INSERT.toLocaleString('en')} rows per insert; landed: ${JSON.stringify(grown)}`,
  );
  return Math.round(SINK_ROWS / seconds);
}

/** The ClickHouse side alone: already-mapped rows serialized and inserted (TSV, views firing), full inserts. */
async function measureInsertPath(executor: SqlExecutor, database: string): Promise<number> {
  const pseudonyms = new SubscriberPseudonymizer(SECRET);
  const rows = Array.from({ length: 200_000 }, (_, i) =>
    toEntityEventRow(entityEvent(50_000_000 + i, START + (i % 86_400) * 1_000), pseudonyms),
  );
  const started = performance.now();
  const perInsert = SINK_ENV.SINK_MAX_ROWS_PER_INSERT;
  for (let i = 0; i < rows.length; i += perInsert) {
    await executor.insertRows(`\`${database}\`.${t.entityEvents}`, rows.slice(i, i + perInsert));
  }
  return Math.round(rows.length / ((performance.now() - started) / 1000));
}

async function loadDataset(executor: SqlExecutor, db: string): Promise<void> {
  await loadDashboardDataset(executor, db, {
    events: LOADED_EVENTS,
    alerts: LOADED_ALERTS,
    startMs: START,
    days: DAYS,
  });
  // The known subscriber's own history, through the sink so its number is HMAC-keyed like production data.
  const sink = new AnalyticsSink(
    { executor, pseudonyms: new SubscriberPseudonymizer(SECRET) },
    { database: db.replace(/`/g, '') },
  );
  const history = Array.from({ length: 300 }, (_, i) =>
    entityEvent(90_000_000 + i, END - (i + 1) * 3_600_000, KNOWN_SUBSCRIBER),
  );
  await sink.handleEntityEvents(
    fixtureBatch(
      ENTITY_EVENTS_TOPIC,
      history.filter((event) => event.kind !== 'sms_sent'),
    ),
  );
}

async function main(): Promise<void> {
  const database = `vigil_bench_${randomBytes(4).toString('hex')}`;
  const executor = new HttpTabSeparatedExecutor(
    createClickHouseClient({ url: CLICKHOUSE_URL, requestTimeoutMs: 600_000 }),
  );
  try {
    await runMigrations(executor, database, analyticsMigrations);
    const insertRowsPerSec = await measureInsertPath(executor, database);
    console.log(
      `insert path alone (mapped rows → TSV → ClickHouse): ${insertRowsPerSec.toLocaleString('en')} rows/s`,
    );
    const rowsPerSec = await measureSinkThroughput(executor, database, zipfNumbers(), 'zipf');
    console.log(
      `sink, realistic numbers (1M subscribers, Zipf): ${SINK_ROWS.toLocaleString('en')} entity events at ${rowsPerSec.toLocaleString('en')} rows/s`,
    );
    const rowsPerSecDistinctNumbers = await measureSinkThroughput(
      executor,
      database,
      distinctNumbers,
      'distinct',
    );
    console.log(
      `sink, nearly every number new: ${SINK_ROWS.toLocaleString('en')} entity events at ${rowsPerSecDistinctNumbers.toLocaleString('en')} rows/s`,
    );
    await executor.command(`TRUNCATE TABLE ${database}.${t.entityEvents}`);
    for (const table of [t.eventsPerMinute, t.bulkSendersPerHour])
      await executor.command(`TRUNCATE TABLE ${database}.${table}`);

    const loadStarted = performance.now();
    await loadDataset(executor, `\`${database}\``);
    const [counts] = await executor.query<{ events: string; alerts: string }>(
      `SELECT (SELECT count() FROM ${database}.${t.entityEvents}) AS events, (SELECT count() FROM ${database}.${t.alerts}) AS alerts`,
    );
    console.log(
      `loaded ${Number(counts.events).toLocaleString('en')} entity events and ${Number(counts.alerts).toLocaleString('en')} alerts in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
    );

    const queries = new DashboardQueries(executor, database, new SubscriberPseudonymizer(SECRET));
    const day = { from: new Date(END - 86_400_000), to: new Date(END) };
    const week = { from: new Date(END - 7 * 86_400_000), to: new Date(END) };
    const month = { from: new Date(START), to: new Date(END) };
    const cases: [string, () => Promise<unknown>][] = [
      ['alertsOverTime (30 d, 1 h buckets)', () => queries.alertsOverTime({ ...month, bucketMinutes: 60 })],
      ['eventsOverTime (24 h, 5 min buckets)', () => queries.eventsOverTime({ ...day, bucketMinutes: 5 })],
      ['topBulkSenders (24 h, top 20)', () => queries.topBulkSenders({ ...day, limit: 20 })],
      ['topBulkSenders (7 d, top 20)', () => queries.topBulkSenders({ ...week, limit: 20 })],
      [
        'subscriberTimeline (typed number, 200)',
        () => queries.subscriberTimeline({ msisdn: '+7 701 555 01 23', limit: 200 }),
      ],
      ['rulePrecision (30 d)', () => queries.rulePrecision(month)],
      [
        'alertList (7 d, high+critical, page 3)',
        () => queries.alertList({ ...week, severities: ['high', 'critical'], page: 3, pageSize: 50 }),
      ],
      ['alertList (30 d, by subscriber)', () => queries.alertList({ ...month, msisdn: KNOWN_SUBSCRIBER })],
      ['alertDetail', () => queries.alertDetail({ alertId: 'a4242' })],
    ];
    let worstP95 = 0;
    for (const [name, run] of cases) {
      const { p50, p95 } = await queryLatency(run);
      worstP95 = Math.max(worstP95, p95);
      console.log(
        `${name.padEnd(44)} p50 ${p50.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms`,
      );
    }
    console.log(
      `BENCH sink ${JSON.stringify({ rowsPerSec, rowsPerSecDistinctNumbers, dashboardP95Ms: Math.round(worstP95) })}`,
    );
  } finally {
    // BENCH_KEEP_DATABASE=1 leaves the loaded database for query tuning (drop it by hand afterwards).
    if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept database ${database}`);
    else await executor.command(`DROP DATABASE IF EXISTS ${database}`).catch(() => undefined);
    await executor.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
