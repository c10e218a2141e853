import type { ClickHouseClient } from '@clickhouse/client';
import type { Kafka } from '@vigil/kafka';
import { analyticsTables } from '@vigil/analytics';
import {
  StoredAlertsRepository,
  StoredEntityEventsReader,
  alertIdentityKey,
  identityOf,
  runBacktest,
  splitRuleDocuments,
} from '@vigil/backtest';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { readRuleSources } from '@vigil/correlation';
import { simulateTraffic, type SimulationOptions } from '@vigil/simulation';
import { produceTraffic } from '../../tools/simulator/produce-traffic';
import { readTopicsToEnd } from '../../tools/support/kafka-topic-reader';
import { testKafka } from '../support/kafka-test-kit';
import { TestPipeline } from '../support/pipeline-kit';
import { uniqueTestName } from '../support/test-names';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/**
 * Alerts whose last event lies this long before the traffic's end: every window around them closed while the
 * traffic still ran, so neither side depends on how far event time moved after it (live: on with the wall clock).
 */
const SETTLED_MS = 2 * HOUR_MS;

/** An operator day: a morning of contact history, scams and look-alikes of every typology, background traffic. */
function operatorDay(seed: number): Partial<SimulationOptions> {
  return {
    seed,
    subscribers: 400,
    scenarios: { perTypology: 3 },
    benignPerTypology: 3,
    warmUpMs: 6 * HOUR_MS,
    durationMs: DAY_MS,
    startMs: Math.floor((Date.now() - DAY_MS - 2 * HOUR_MS) / 1000) * 1000,
    backgroundEventsPerSubscriberPerDay: 12,
  };
}

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not done in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

describe('back-test of a stored operator day (simulator → ingest → correlator → analytics sink → ClickHouse)', () => {
  const database = uniqueTestName('vigil_bt_day');
  let kafka: Kafka;
  let pipeline: TestPipeline;
  let client: ClickHouseClient;
  let executor: HttpSqlExecutor;

  beforeAll(async () => {
    kafka = testKafka();
    pipeline = new TestPipeline(kafka);
    await pipeline.createTopics();
    client = createClickHouseClient({ url: process.env.CLICKHOUSE_URL!, requestTimeoutMs: 120_000 });
    executor = new HttpSqlExecutor(client);
  }, 60_000);

  afterAll(async () => {
    await pipeline.stopAll();
    await pipeline.deleteTopics();
    await executor.command(`DROP DATABASE IF EXISTS ${database}`);
    await executor.close();
  });

  it('raises over the stored day the same alerts (rule, stage, entity, matched events) the live correlator raised', async () => {
    const simulation = simulateTraffic(operatorDay(24));
    await produceTraffic({
      kafka,
      simulation,
      pacing: { mode: 'as-fast-as-possible' },
      topicPrefix: pipeline.prefix,
    });
    await pipeline.start('correlator');
    await pipeline.start('ingest', { IDLE_TIMEOUT_MS: '5000' });
    await pipeline.start('analytics-sink', { CLICKHOUSE_DATABASE: database });
    const published = await pipeline.waitForQuietAlerts(20_000, 300_000);
    const publishedIds = new Set(published.map((alert) => alert.alertId));

    // The sink has stored the day once every entity event and alert on the topics is in ClickHouse.
    const entityEventIds = new Set(
      (await readTopicsToEnd(kafka, [pipeline.topics.entityEvents]))
        .filter((record) => !record.watermark && record.value !== null)
        .map((record) => (JSON.parse(record.value!) as { eventId: string }).eventId),
    );
    const count = async (table: string, id: string): Promise<number> => {
      const [row] = await executor.query<{ n: string }>(
        `SELECT uniqExact(${id}) AS n FROM ${database}.${table}`,
      );
      return Number(row?.n ?? 0);
    };
    await waitFor(
      'the sink stores the day',
      async () =>
        (await count(analyticsTables.entityEvents, 'event_id').catch(() => 0)) === entityEventIds.size &&
        (await count(analyticsTables.alerts, 'alert_id').catch(() => 0)) === publishedIds.size,
      180_000,
    );

    // Up to an hour past the traffic: call records exist at the call's end.
    const range = { fromMs: simulation.startMs, toMs: Math.ceil(simulation.endMs / 1000) * 1000 + HOUR_MS };
    const rules = splitRuleDocuments(readRuleSources('rules'));
    const run = await runBacktest(new StoredEntityEventsReader(client, database), {
      candidate: rules,
      baseline: rules,
      range,
    });
    const stored = await new StoredAlertsRepository(executor, database).alerts(range);

    const settledBeforeS = Math.floor((simulation.endMs - SETTLED_MS) / 1000);
    const settled = (lastEventAtMs: number) => Math.floor(lastEventAtMs / 1000) < settledBeforeS;
    const live = new Set(stored.filter((alert) => settled(alert.lastEventAtMs)).map(alertIdentityKey));
    const backtested = new Set(
      run.baselineAlerts
        .filter((alert) => settled(Date.parse(alert.lastEventAt)))
        .map((alert) => alertIdentityKey(identityOf(alert))),
    );
    console.log(
      `BACKTEST_DAY ${JSON.stringify({
        entityEvents: entityEventIds.size,
        eventsBacktested: run.eventsRead,
        liveAlerts: stored.length,
        backtestAlerts: run.baselineAlerts.length,
        settledLive: live.size,
        settledBacktest: backtested.size,
        elapsedMs: run.elapsedMs,
      })}`,
    );
    expect(stored).toHaveLength(publishedIds.size);
    expect(run.eventsRead).toBe(entityEventIds.size);
    expect(live.size).toBeGreaterThan(30);
    expect([...backtested].filter((key) => !live.has(key))).toEqual([]);
    expect([...live].filter((key) => !backtested.has(key))).toEqual([]);
    // The candidate side ran the same rules: it agrees with itself.
    expect(run.candidateAlerts).toHaveLength(run.baselineAlerts.length);
  }, 900_000);
});
