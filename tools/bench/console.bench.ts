// `npm run bench:console`: p50/p95 of each console API call over HTTP (auth, validation, masking, JSON included)
// with the analytics issue's data set: 10,000,000 entity events and 100,000 alerts over 30 days, generated inside
// ClickHouse with INSERT … SELECT from numbers() (as tools/bench/sink.bench.ts does). Runs the built console
// (`npx nest build console`) as a child process on its own database (vigil_bench_console_<random>), dropped at the end.
// Ends with: BENCH console {"apiP95Ms":N}  (the slowest call's p95)
import { randomBytes } from 'node:crypto';
import {
  AnalyticsSink,
  SubscriberPseudonymizer,
  analyticsMigrations,
  analyticsTables as t,
} from '@vigil/analytics';
import { HttpSqlExecutor, type SqlExecutor, createClickHouseClient, runMigrations } from '@vigil/clickhouse';
import { ENTITY_EVENTS_TOPIC, type EntityEventV1 } from '@vigil/contracts';
import { fixtureBatch } from '@vigil/analytics/testing';
import { loadDashboardDataset } from './dashboard-dataset';
import { queryLatency } from './query-latency';
import { freePort, ServiceProcess } from '../support/service-process';

const CLICKHOUSE_URL = process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:8123';
const LOADED_EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const LOADED_ALERTS = Number(process.env.BENCH_ALERTS ?? 100_000);
const DAYS = 30;
const SECRET = 'vigil-bench-pseudonym-secret';
const KNOWN_SUBSCRIBER = '77015550123';
const ANALYST_KEY = 'vigil-demo-analyst-key-2026';
const END = Date.parse('2026-03-01T00:00:00Z');
const START = END - DAYS * 86_400_000;

async function loadDataset(executor: SqlExecutor, database: string): Promise<void> {
  const db = `\`${database}\``;
  await loadDashboardDataset(executor, db, {
    events: LOADED_EVENTS,
    alerts: LOADED_ALERTS,
    startMs: START,
    days: DAYS,
  });
  // One subscriber's own history through the sink, so the lookup by typed number finds HMAC-keyed rows.
  const sink = new AnalyticsSink({ executor, pseudonyms: new SubscriberPseudonymizer(SECRET) }, { database });
  const history: EntityEventV1[] = Array.from({ length: 300 }, (_, i) => ({
    eventId: `known-${i}:sms_in`,
    sourceEventId: `known-${i}`,
    sourceTopic: 'telco.sms.v1',
    entity: `msisdn:${KNOWN_SUBSCRIBER}`,
    kind: 'sms_in',
    occurredAt: new Date(END - (i + 1) * 3_600_000).toISOString(),
    ingestedAt: new Date(END - (i + 1) * 3_600_000 + 200).toISOString(),
    counterparty: '77021234567',
    counterpartyClass: 'home_msisdn',
    features: { hasUrl: false },
  }));
  await sink.handleEntityEvents(fixtureBatch(ENTITY_EVENTS_TOPIC, history));
}

/** One console API call, read to its end; a failed one fails the bench. */
async function fetchOk(call: () => Promise<Response>): Promise<void> {
  const response = await call();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

async function main(): Promise<void> {
  const database = `vigil_bench_console_${randomBytes(4).toString('hex')}`;
  const executor = new HttpSqlExecutor(
    createClickHouseClient({ url: CLICKHOUSE_URL, requestTimeoutMs: 600_000 }),
  );
  const app = new ServiceProcess(
    'console',
    {
      CLICKHOUSE_URL,
      CLICKHOUSE_DATABASE: database,
      ANALYTICS_PSEUDONYM_SECRET: SECRET,
      CONSOLE_RATE_LIMIT_PER_MINUTE: '100000', // the bench is one client hammering on purpose
      VIGIL_TOPIC_PREFIX: `bench-console-${randomBytes(4).toString('hex')}.`,
      ALERT_ROUTER_URL: 'http://127.0.0.1:9', // no router: the bench measures the request/response API
      LOG_LEVEL: 'warn',
    },
    await freePort(),
  );
  try {
    await runMigrations(executor, database, analyticsMigrations);
    const loadStarted = performance.now();
    await loadDataset(executor, database);
    const [counts] = await executor.query<{ events: string; alerts: string }>(
      `SELECT (SELECT count() FROM ${database}.${t.entityEvents}) AS events, (SELECT count() FROM ${database}.${t.alerts}) AS alerts`,
    );
    console.log(
      `loaded ${Number(counts.events).toLocaleString('en')} entity events and ${Number(counts.alerts).toLocaleString('en')} alerts in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
    );
    await app.start(60_000);
    const signIn = await fetch(`${app.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: ANALYST_KEY }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const get = (route: string) => () =>
      fetch(app.baseUrl + route, { headers: { authorization: `Bearer ${token}` } });
    const post = (route: string, body: unknown) => () =>
      fetch(app.baseUrl + route, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const iso = (ms: number) => new Date(ms).toISOString();
    const day = `from=${iso(END - 86_400_000)}&to=${iso(END)}`;
    const week = `from=${iso(END - 7 * 86_400_000)}&to=${iso(END)}`;
    const month = `from=${iso(START)}&to=${iso(END)}`;
    const cases: [string, () => Promise<Response>][] = [
      ['GET /api/alerts (7 d, page 0)', get(`/api/alerts?${week}&pageSize=50`)],
      [
        'GET /api/alerts (7 d, high+critical, confirmed)',
        get(`/api/alerts?${week}&severities=high,critical&stages=confirmed`),
      ],
      ['GET /api/alerts (30 d, by number)', get(`/api/alerts?${month}&msisdn=${KNOWN_SUBSCRIBER}`)],
      ['GET /api/alerts/:id', get('/api/alerts/a4242')],
      ['POST /api/subscribers/timeline', post('/api/subscribers/timeline', { msisdn: KNOWN_SUBSCRIBER })],
      [
        'GET /api/charts/alerts-over-time (30 d, 1 h)',
        get(`/api/charts/alerts-over-time?${month}&bucketMinutes=60`),
      ],
      ['GET /api/charts/bulk-senders (1 d)', get(`/api/charts/bulk-senders?${day}&limit=20`)],
      ['GET /api/charts/bulk-senders (7 d)', get(`/api/charts/bulk-senders?${week}&limit=20`)],
      ['GET /api/charts/rule-precision (30 d)', get(`/api/charts/rule-precision?${month}`)],
      [
        'GET /api/charts/events-over-time (1 d, 5 min)',
        get(`/api/charts/events-over-time?${day}&bucketMinutes=5`),
      ],
      ['GET /api/rules', get('/api/rules')],
      ['GET /api/pipeline/health', get('/api/pipeline/health')],
      ['POST /api/alerts/:id/feedback', post('/api/alerts/a4243/feedback', { verdict: 'confirmed_fraud' })],
    ];
    const results: Record<string, { p50Ms: number; p95Ms: number }> = {};
    for (const [name, call] of cases) {
      const { p50, p95 } = await queryLatency(() => fetchOk(call));
      results[name] = { p50Ms: Math.round(p50 * 10) / 10, p95Ms: Math.round(p95 * 10) / 10 };
    }
    console.table(results);
    const apiP95Ms = Math.round(Math.max(...Object.values(results).map((r) => r.p95Ms)));
    console.log(`BENCH console ${JSON.stringify({ apiP95Ms })}`);
  } finally {
    await app.stop();
    await executor.command(`DROP DATABASE IF EXISTS ${database}`).catch(() => undefined);
    await executor.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
