import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kafka } from '@vigil/kafka';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AnalyticsSink, SubscriberPseudonymizer, analyticsMigrations } from '@vigil/analytics';
import { runMigrations } from '@vigil/clickhouse';
import { ALERTS_TOPIC, ENTITY_EVENTS_TOPIC, type AlertV1 } from '@vigil/contracts';
import {
  fixtureAlerts,
  fixtureBase,
  fixtureBatch,
  fixtureEntityEvents,
  fixtureNumbers,
} from '@vigil/analytics/testing';
import { buildConsoleWeb } from '../../apps/console/web/build';
import { freePort, ServiceProcess } from '../../tools/support/service-process';
import { testDatabaseExecutor } from '../support/clickhouse-test-kit';
import { testKafka } from '../support/kafka-test-kit';
import { TestPipeline } from '../support/pipeline-kit';
import { uniqueTestName } from '../support/test-names';

const repoRoot = path.resolve(__dirname, '../..');
const artifacts = path.join(repoRoot, 'test-artifacts/console');
const PSEUDONYM_SECRET = 'e2e-console-pseudonym-secret-0123456789';
const DEMO_KEYS = {
  viewer: 'vigil-demo-viewer-key-2026',
  analyst: 'vigil-demo-analyst-key-2026',
  admin: 'vigil-demo-admin-key-2026',
} as const;
const SIGN_IN_LIMIT = 20;
/** Any run of 8–15 digits in a response body would be a full phone number (the privacy rule's numbers). */
const FULL_NUMBER = /(?<![\w])\d{8,15}(?![\w])/;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** CI machines start without a browser: install Debian's chromium only when it is missing. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** A stand-in for the alert router's SSE feed, so the API tests control exactly what the console relays. */
class FakeRouterFeed {
  private readonly clients = new Set<ServerResponse>();
  private server?: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (request.url?.startsWith('/alerts/stream')) {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        response.write(': open\n\n');
        this.clients.add(response);
        request.on('close', () => this.clients.delete(response));
      } else response.writeHead(404).end();
    });
    this.port = await freePort();
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  get subscribers(): number {
    return this.clients.size;
  }

  publish(alert: AlertV1): void {
    const data = JSON.stringify({ type: 'alert', reason: 'first', repeatCount: 0, alert });
    for (const client of this.clients) client.write(`event: alert\nid: ${alert.alertId}\ndata: ${data}\n\n`);
  }

  async stop(): Promise<void> {
    for (const client of this.clients) client.end();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** An HTTP client for the console: sign in once per role, then call with the bearer token. */
class ConsoleClient {
  constructor(readonly baseUrl: string) {}

  async signIn(apiKey: string): Promise<string> {
    const response = await this.call('POST', '/api/auth/session', { body: { apiKey } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  }

  call(
    method: string,
    route: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    return fetch(this.baseUrl + route, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  }

  /** Reads a server-sent event stream for `durationMs` and returns the raw text. */
  async readStream(route: string, token: string, durationMs: number, during?: () => void): Promise<string> {
    const controller = new AbortController();
    const response = await fetch(this.baseUrl + route, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    let text = '';
    const reading = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body!)
          text += decoder.decode(chunk as Uint8Array, { stream: true });
      } catch {
        // aborted
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    during?.();
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    controller.abort();
    await reading;
    return text;
  }
}

function startConsole(env: Record<string, string>, port: number): ServiceProcess {
  return new ServiceProcess(
    'console',
    {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      CLICKHOUSE_URL: process.env.CLICKHOUSE_URL!,
      ANALYTICS_PSEUDONYM_SECRET: PSEUDONYM_SECRET,
      CONSOLE_SESSION_SECRET: 'e2e-console-session-secret-0123456789',
      CONSOLE_SIGN_IN_LIMIT_PER_MINUTE: String(SIGN_IN_LIMIT),
      // The injection test sends hundreds of lookups; the per-user lookup limit is the security suite's subject.
      CONSOLE_LOOKUP_LIMIT_PER_MINUTE: '10000',
      FEED_RECONNECT_MS: '250',
      LOG_LEVEL: 'info',
      ...env,
    },
    port,
  );
}

// Real services answer in milliseconds, but booting them and the Kafka admin round trips take seconds.
jest.setTimeout(60_000);

describe('console API (real ClickHouse, analytics fixtures)', () => {
  let db: ReturnType<typeof testDatabaseExecutor>;
  let router: FakeRouterFeed;
  let consoleApp: ServiceProcess;
  let client: ConsoleClient;
  const tokens: Record<keyof typeof DEMO_KEYS, string> = { viewer: '', analyst: '', admin: '' };
  const range = {
    from: fixtureBase.toISOString(),
    to: new Date(fixtureBase.getTime() + 2 * 3_600_000).toISOString(),
  };
  const window = `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
  const topicPrefix = `${uniqueTestName('e2e-console-api')}.`;

  beforeAll(async () => {
    db = testDatabaseExecutor('vigil_console_api');
    await runMigrations(db.executor, db.database, analyticsMigrations);
    const sink = new AnalyticsSink(
      { executor: db.executor, pseudonyms: new SubscriberPseudonymizer(PSEUDONYM_SECRET) },
      { database: db.database, lingerMs: 10 },
    );
    await sink.handleEntityEvents(fixtureBatch(ENTITY_EVENTS_TOPIC, fixtureEntityEvents()));
    await sink.handleAlerts(fixtureBatch(ALERTS_TOPIC, fixtureAlerts()));
    // The console follows the rules topic from boot: it must exist first (one partition, compacted, as in the stack).
    const admin = testKafka().admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: `${topicPrefix}vigil.rules.v1`,
          numPartitions: 1,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
        {
          topic: `${topicPrefix}vigil.blocklist-proposals.v1`,
          numPartitions: 1,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
    });
    await admin.disconnect();
    router = new FakeRouterFeed();
    await router.start();
    consoleApp = startConsole(
      {
        CLICKHOUSE_DATABASE: db.database,
        ALERT_ROUTER_URL: `http://127.0.0.1:${router.port}`,
        VIGIL_TOPIC_PREFIX: topicPrefix,
      },
      await freePort(),
    );
    await consoleApp.start(60_000);
    client = new ConsoleClient(consoleApp.baseUrl);
    for (const role of Object.keys(DEMO_KEYS) as (keyof typeof DEMO_KEYS)[])
      tokens[role] = await client.signIn(DEMO_KEYS[role]);
  }, 120_000);

  afterAll(async () => {
    await consoleApp?.stop();
    await router?.stop();
    await db?.drop();
    const admin = testKafka().admin();
    await admin.connect();
    await admin
      .deleteTopics({
        topics: [`${topicPrefix}vigil.rules.v1`, `${topicPrefix}vigil.blocklist-proposals.v1`],
      })
      .catch(() => undefined);
    await admin.disconnect();
  });

  const readRoutes: [string, string, unknown?][] = [
    ['GET', '/api/auth/session'],
    ['GET', `/api/alerts?${window}`],
    ['GET', '/api/alerts/alert-theft'],
    ['GET', `/api/charts/alerts-over-time?${window}`],
    ['GET', `/api/charts/bulk-senders?${window}`],
    ['GET', `/api/charts/rule-precision?${window}`],
    ['GET', `/api/charts/events-over-time?${window}`],
    ['GET', '/api/pipeline/health'],
    ['GET', '/api/rules'],
    ['GET', `/api/networks/top-numbers?${window}`],
    ['GET', `/api/networks/victims-per-day?${window}`],
    ['GET', `/api/networks/graph?${window}`],
    ['GET', '/api/networks/proposals'],
    ['GET', '/api/networks/decisions'],
  ];
  const lookupRoute: [string, string, unknown] = [
    'POST',
    '/api/subscribers/timeline',
    { msisdn: fixtureNumbers.victim, from: range.from },
  ];
  const writeRoutes: [string, string, unknown?][] = [
    ['POST', '/api/alerts/alert-theft/feedback', { verdict: 'false_positive' }],
    ['POST', '/api/alerts/alert-theft/reveal'],
    ['POST', '/api/rules', { yaml: 'id: x' }],
    ['POST', '/api/networks/proposals/p-1/approve', { reason: 'campaign' }],
    ['POST', '/api/networks/proposals/p-1/reject', { reason: 'courier' }],
    ['DELETE', '/api/auth/session'],
  ];

  it('answers 401 on every route without a valid session token, including the OpenAPI document and the feed', async () => {
    const forged = `${tokens.admin.split('.')[0]}.${Buffer.from('forged').toString('base64url')}`;
    const expiredClaims = Buffer.from(
      JSON.stringify({ sub: 'demo-admin', role: 'admin', iat: 0, exp: 1, jti: 'x' }),
    ).toString('base64url');
    for (const [method, route, body] of [
      ...readRoutes,
      lookupRoute,
      ...writeRoutes,
      ['GET', '/api/feed'],
      ['GET', '/api/docs'],
      ['GET', '/api/docs-json'],
    ] as [string, string, unknown?][]) {
      for (const token of [undefined, forged, `${expiredClaims}.abc`, 'garbage']) {
        const response = await client.call(method, route, { token, body });
        expect({ route, status: response.status }).toEqual({ route, status: 401 });
      }
    }
    // A cookie is as good as a bearer token; a tampered one is not.
    const viaCookie = await client.call('GET', '/api/rules', {
      headers: { cookie: `vigil_session=${tokens.viewer}` },
    });
    expect(viaCookie.status).toBe(200);
    const tampered = await client.call('GET', '/api/rules', {
      headers: { cookie: `vigil_session=${tokens.viewer.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}` },
    });
    expect(tampered.status).toBe(401);
    expect(
      (await client.call('POST', '/api/auth/session', { body: { apiKey: 'not-a-real-key-0000' } })).status,
    ).toBe(401);
  });

  it('answers 403 when the role is too weak: viewers cannot look numbers up, judge, reveal or decide a block, analysts cannot publish rules', async () => {
    const cases: [keyof typeof DEMO_KEYS, string, string, unknown?][] = [
      ['viewer', ...lookupRoute],
      ['viewer', 'GET', `/api/alerts?msisdn=${fixtureNumbers.victim}&${window}`],
      ['viewer', 'POST', '/api/alerts/alert-theft/feedback', { verdict: 'false_positive' }],
      ['viewer', 'POST', '/api/alerts/alert-theft/reveal'],
      ['viewer', 'POST', '/api/rules', { yaml: 'id: x' }],
      ['viewer', 'POST', '/api/networks/proposals/p-1/approve', { reason: 'campaign' }],
      ['viewer', 'POST', '/api/networks/proposals/p-1/reject', { reason: 'courier' }],
      ['analyst', 'POST', '/api/rules', { yaml: 'id: x' }],
    ];
    for (const [role, method, route, body] of cases) {
      const response = await client.call(method, route, { token: tokens[role], body });
      expect({ role, route, status: response.status }).toEqual({ role, route, status: 403 });
    }
  });

  it('never sends a full number: stored data to a viewer, an analyst’s subscriber lookup and the live feed are masked', async () => {
    const fullNumbers = Object.values(fixtureNumbers);
    for (const [method, route, body] of readRoutes) {
      const response = await client.call(method, route, { token: tokens.viewer, body });
      expect({ route, status: response.status }).toEqual({ route, status: 200 });
      const text = await response.text();
      for (const number of fullNumbers) expect(text).not.toContain(number);
      expect(text).not.toMatch(FULL_NUMBER);
    }
    const lookup = (await (
      await client.call('POST', '/api/subscribers/timeline', {
        token: tokens.analyst,
        body: { msisdn: `+${fixtureNumbers.victim}`, from: range.from },
      })
    ).json()) as { subscriber: string; events: unknown[]; alerts: unknown[] };
    expect(lookup.subscriber).toBe('***67');
    expect(JSON.stringify(lookup)).not.toMatch(FULL_NUMBER);
    expect(lookup.events.length).toBeGreaterThan(0);
    expect(lookup.alerts.length).toBeGreaterThan(0);

    // The router's feed carries full numbers; what reaches the browser must not.
    const liveAlert: AlertV1 = {
      ...fixtureAlerts()[0],
      alertId: 'live-alert-1',
      explanation: `call from ${fixtureNumbers.scammer} then a transfer by ${fixtureNumbers.victim}`,
    };
    await waitFor(() => router.subscribers > 0, 10_000);
    const stream = await client.readStream('/api/feed', tokens.viewer, 1_000, () =>
      router.publish(liveAlert),
    );
    expect(stream).toContain('live-alert-1');
    expect(stream).toContain('***67');
    for (const number of fullNumbers) expect(stream).not.toContain(number);
    expect(stream).not.toMatch(FULL_NUMBER);

    // Only the analyst's explicit, audited reveal returns the number.
    const revealed = await client.call('POST', '/api/alerts/live-alert-1/reveal', { token: tokens.analyst });
    expect(revealed.status).toBe(200);
    expect(await revealed.json()).toMatchObject({ entity: `msisdn:${fixtureNumbers.victim}` });
    await waitFor(() => consoleApp.logs.includes('full number reveal'), 5_000);
    const audit = consoleApp.logs.split('\n').find((line) => line.includes('full number reveal'))!;
    expect(audit).toContain('demo-analyst');
    expect(audit).toContain('***67');
    expect(consoleApp.logs).not.toContain(fixtureNumbers.victim);
    expect(
      (await client.call('POST', '/api/alerts/alert-theft/reveal', { token: tokens.analyst })).status,
    ).toBe(404);
  });

  it('treats injection payloads in every filter as data: 400 or no match, never an error, the tables intact', async () => {
    const payloads = [
      "' OR 1=1 --",
      "x'); DROP TABLE alerts; --",
      "\\' UNION SELECT * FROM system.tables --",
      '1; SELECT sleep(3)',
      '<script>alert(1)</script>',
      '${7*7}',
      '../../etc/passwd',
      '%00',
      'a'.repeat(5_000),
    ];
    const countAlerts = async (): Promise<number> =>
      Number((await db.executor.query<{ n: string }>(`SELECT count() AS n FROM ${db.database}.alerts`))[0].n);
    const before = await countAlerts();
    const queryRoutes: Record<string, string[]> = {
      '/api/alerts': [
        'from',
        'to',
        'typologies',
        'severities',
        'stages',
        'ruleId',
        'msisdn',
        'page',
        'pageSize',
        'extra',
      ],
      '/api/charts/alerts-over-time': ['from', 'to', 'bucketMinutes', 'typologies', 'severities', 'stages'],
      '/api/charts/bulk-senders': ['from', 'to', 'limit', 'minRecipients'],
      '/api/charts/rule-precision': ['from', 'to', 'stages'],
      '/api/charts/events-over-time': ['from', 'to', 'bucketMinutes'],
      '/api/feed': ['minSeverity'],
    };
    const statuses = new Set<number>();
    for (const payload of payloads) {
      for (const [route, params] of Object.entries(queryRoutes)) {
        for (const param of params) {
          const search = new URLSearchParams({ from: range.from, to: range.to });
          search.set(param, payload);
          const response = await client.call('GET', `${route}?${search}`, { token: tokens.analyst });
          expect({ route, param, payload, status: response.status }).toMatchObject({
            status: expect.any(Number),
          });
          expect([200, 400]).toContain(response.status);
          statuses.add(response.status);
          const text = await response.text();
          expect(text).not.toMatch(/DB::Exception|SYNTAX_ERROR|stack/i);
          if (response.status === 200 && route === '/api/alerts') expect(JSON.parse(text).items).toEqual([]);
          if (route === '/api/feed') await response.body?.cancel().catch(() => undefined);
        }
      }
      const detail = await client.call('GET', `/api/alerts/${encodeURIComponent(payload)}`, {
        token: tokens.analyst,
      });
      expect([400, 404]).toContain(detail.status);
      const feedback = await client.call('POST', `/api/alerts/${encodeURIComponent(payload)}/feedback`, {
        token: tokens.analyst,
        body: { verdict: 'false_positive', note: payload.slice(0, 2_000) },
      });
      expect([400, 404]).toContain(feedback.status);
      const verdict = await client.call('POST', '/api/alerts/alert-theft/feedback', {
        token: tokens.analyst,
        body: { verdict: payload },
      });
      expect(verdict.status).toBe(400);
      for (const body of [
        { msisdn: payload },
        { msisdn: fixtureNumbers.victim, from: payload },
        { msisdn: fixtureNumbers.victim, limit: payload },
        { msisdn: fixtureNumbers.victim, [payload.slice(0, 40)]: 1 },
      ]) {
        const lookup = await client.call('POST', '/api/subscribers/timeline', {
          token: tokens.analyst,
          body,
        });
        expect(lookup.status).toBe(400);
      }
      const rule = await client.call('POST', '/api/rules', { token: tokens.admin, body: { yaml: payload } });
      expect([400, 422]).toContain(rule.status);
    }
    expect(statuses).toEqual(new Set([200, 400]));
    expect(await countAlerts()).toBe(before);
    const stillThere = await client.call('GET', `/api/alerts?${window}`, { token: tokens.viewer });
    expect(((await stillThere.json()) as { items: unknown[] }).items.length).toBe(fixtureAlerts().length);
  }, 120_000);

  it('records an analyst verdict in ClickHouse and the rule precision reflects it', async () => {
    const precisionOf = async (): Promise<unknown> => {
      const rows = (await (
        await client.call('GET', `/api/charts/rule-precision?${window}`, { token: tokens.viewer })
      ).json()) as { ruleId: string; precision: number | null; falsePositives: number }[];
      return rows.find((row) => row.ruleId === fixtureAlerts()[0].ruleId);
    };
    const response = await client.call('POST', '/api/alerts/alert-theft/feedback', {
      token: tokens.analyst,
      body: { verdict: 'confirmed_fraud', note: `called back ${fixtureNumbers.victim}` },
    });
    expect(response.status).toBe(201);
    expect(await precisionOf()).toMatchObject({ precision: 1, falsePositives: 0 });
    const detail = (await (
      await client.call('GET', '/api/alerts/alert-theft', { token: tokens.analyst })
    ).json()) as { feedback: { analyst: string; note: string }[] };
    expect(detail.feedback.at(-1)).toMatchObject({
      analyst: 'demo-analyst',
      note: 'called back ***67',
    });
    // A later verdict replaces the earlier one in the precision.
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // verdicts are ordered by their second
    await client.call('POST', '/api/alerts/alert-theft/feedback', {
      token: tokens.analyst,
      body: { verdict: 'false_positive' },
    });
    expect(await precisionOf()).toMatchObject({ precision: 0, falsePositives: 1 });
  });

  it('lets an admin publish a new rule version and refuses an invalid one or a version that is not raised', async () => {
    const rules = (await (await client.call('GET', '/api/rules', { token: tokens.viewer })).json()) as {
      ruleId: string;
      version: number;
      yaml: string;
      origin: string;
    }[];
    const spyware = rules.find((rule) => rule.ruleId === 'spyware_offer')!;
    expect(spyware.origin).toBe('repository');
    const same = await client.call('POST', '/api/rules', {
      token: tokens.admin,
      body: { yaml: spyware.yaml },
    });
    expect(same.status).toBe(422);
    const broken = await client.call('POST', '/api/rules', {
      token: tokens.admin,
      body: {
        yaml: spyware.yaml
          .replace(/^version: \d+$/m, 'version: 9')
          .replace(/^severity: .*$/m, 'severity: huge'),
      },
    });
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as { problems: string[] }).problems.join(' ')).toContain('severity');
    const raised = spyware.yaml.replace(/^version: \d+$/m, `version: ${spyware.version + 1}`);
    const published = await client.call('POST', '/api/rules', {
      token: tokens.admin,
      body: { yaml: raised },
    });
    expect(published.status).toBe(201);
    const after = (await (await client.call('GET', '/api/rules', { token: tokens.viewer })).json()) as {
      ruleId: string;
      version: number;
      origin: string;
      publishedBy: string;
    }[];
    expect(after.find((rule) => rule.ruleId === 'spyware_offer')).toMatchObject({
      version: spyware.version + 1,
      origin: 'published',
      publishedBy: 'demo-admin',
    });
  });

  it('serves the OpenAPI document and security headers, and rate-limits sign-in', async () => {
    const docs = await client.call('GET', '/api/docs-json', { token: tokens.viewer });
    expect(docs.status).toBe(200);
    const document = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/alerts', '/api/alerts/{alertId}/feedback', '/api/feed', '/api/rules']),
    );
    const page = await client.call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    let limited = false;
    for (let attempt = 0; attempt < SIGN_IN_LIMIT + 2 && !limited; attempt += 1) {
      const response = await client.call('POST', '/api/auth/session', {
        body: { apiKey: `wrong-key-${attempt}-000000` },
      });
      limited = response.status === 429;
    }
    expect(limited).toBe(true);
  });
});

describe('console in headless Chromium (ingest → correlator → alert router + analytics sink → console)', () => {
  let kafka: Kafka;
  let pipeline: TestPipeline;
  let db: ReturnType<typeof testDatabaseExecutor>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureChromium();
    mkdirSync(artifacts, { recursive: true });
    kafka = testKafka();
    pipeline = new TestPipeline(kafka);
    await pipeline.createTopics();
    db = testDatabaseExecutor('vigil_console_ui');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await pipeline?.stopAll();
    await pipeline?.deleteTopics();
    await db?.drop();
  });

  it('shows a scam alert live, its evidence timeline, and the precision change after a false-positive verdict', async () => {
    const webDir = path.join(tmpdir(), uniqueTestName('vigil-console-web'));
    await buildConsoleWeb(webDir);
    const topics = pipeline.topics;
    const analytics = { CLICKHOUSE_DATABASE: db.database, ANALYTICS_PSEUDONYM_SECRET: PSEUDONYM_SECRET };
    // Every service on the pipeline's private topics and consumer groups (the kit passes prefix and group ids).
    await pipeline.start('ingest');
    await pipeline.start('correlator');
    const router = await pipeline.start('alert-router');
    await pipeline.start('analytics-sink', {
      ...analytics,
      SINK_LINGER_MS: '100',
      SINK_FETCH_MIN_BYTES: '1',
      SINK_FETCH_MAX_WAIT_MS: '100',
      RETENTION_INTERVAL_MS: '0',
    });
    const consoleApp = await pipeline.start('console', {
      ...analytics,
      ALERT_ROUTER_URL: router.baseUrl,
      CONSOLE_WEB_DIR: webDir,
      CONSOLE_SESSION_SECRET: 'e2e-console-session-secret-0123456789',
    });

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // Expected 4xx answers (the session probe before sign-in, an alert not stored yet) log as failed loads.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        pageErrors.push(message.text());
    });
    await page.goto(consoleApp.baseUrl);
    await page.getByTestId('api-key').waitFor();
    await page.screenshot({ path: path.join(artifacts, '01-sign-in.png') });
    await page.getByTestId('api-key').fill(DEMO_KEYS.analyst);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Live feed connected').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(artifacts, '02-live-feed-waiting.png') });

    // A false-prize scam: a prize-lure SMS from an unknown number, then the victim pays that number.
    const victim = '77015550022';
    const scammer = '77775550011';
    const now = Date.now();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topics.sms,
      messages: [
        {
          key: scammer,
          value: JSON.stringify({
            eventId: `${pipeline.prefix}lure`,
            occurredAt: new Date(now - 150_000).toISOString(),
            sender: scammer,
            recipient: victim,
            text: 'Поздравляем! Ваш номер выиграл iPhone 15 в акции Kcell. Для получения пополните счет на 15000 тг.',
          }),
        },
      ],
    });
    await producer.send({
      topic: topics.payments,
      messages: [
        {
          key: victim,
          value: JSON.stringify({
            eventId: `${pipeline.prefix}transfer`,
            occurredAt: new Date(now - 60_000).toISOString(),
            type: 'transfer',
            msisdn: victim,
            counterparty: scammer,
            amount: 15000,
            currency: 'KZT',
            channel: 'transfer',
          }),
        },
      ],
    });
    await producer.disconnect();

    const liveRow = page.getByTestId('live-alerts').locator('tr', { hasText: 'False prize payment' });
    await liveRow.first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('live-alerts').innerText()).toContain('***22');
    await page.screenshot({ path: path.join(artifacts, '03-live-alert.png') });

    await liveRow.first().getByRole('link', { name: 'Evidence' }).click();
    await page.getByTestId('evidence-timeline').waitFor();
    const timeline = await page.getByTestId('evidence-timeline').innerHTML();
    expect(timeline).toContain('lure');
    expect(timeline).toContain('payment');
    // The sink has stored the alert. On the 2-core CI machine its group join can come well after the alert's
    // (5 services, the broker, ClickHouse and Chromium share the cores): once it waited more than 30 s.
    await page.getByTestId('feedback-form').waitFor({ timeout: 90_000 });
    await page.screenshot({ path: path.join(artifacts, '04-alert-evidence.png'), fullPage: true });
    const ruleId = (await page.locator('.facts dd.mono').first().innerText()).split(' ')[0];
    expect(ruleId).toBe('false_prize_payment_sms');

    const alertUrl = page.url();
    await page.goto(`${consoleApp.baseUrl}/#/trends`);
    expect(await pollFor(() => precisionText(page, ruleId), '—', 20_000)).toBe('—');

    await page.goto(alertUrl);
    await page.getByTestId('feedback-form').waitFor({ timeout: 30_000 });
    await page.getByLabel('False positive').check();
    await page.getByLabel(/Note/).fill('Customer confirmed a genuine purchase.');
    await page.getByRole('button', { name: 'Record verdict' }).click();
    await page.getByTestId('feedback-history').getByText('False positive').waitFor();
    await page.screenshot({ path: path.join(artifacts, '05-false-positive-recorded.png'), fullPage: true });

    await page.goto(`${consoleApp.baseUrl}/#/trends`);
    expect(await pollFor(() => precisionText(page, ruleId), '0 %', 20_000)).toBe('0 %');
    await page.waitForTimeout(500); // charts finish drawing
    await page.screenshot({ path: path.join(artifacts, '06-trends-precision.png'), fullPage: true });

    await page.goto(`${consoleApp.baseUrl}/#/subscriber`);
    await page.getByPlaceholder('Subscriber number').fill(victim);
    await page.getByRole('button', { name: 'Show timeline' }).click();
    await page.getByText('Timeline of').waitFor();
    await page.screenshot({ path: path.join(artifacts, '07-subscriber-timeline.png'), fullPage: true });
    expect(await page.locator('body').innerText()).not.toContain(victim);

    await page.goto(`${consoleApp.baseUrl}/#/pipeline`);
    await page.getByTestId('pipeline-table').waitFor();
    await page.waitForTimeout(5_500); // second sample: throughput
    await page.screenshot({ path: path.join(artifacts, '08-pipeline-health.png'), fullPage: true });
    await page.goto(`${consoleApp.baseUrl}/#/rules`);
    await page.getByTestId('rules-table').waitFor();
    await page.screenshot({ path: path.join(artifacts, '09-rules.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});

async function precisionText(page: Page, ruleId: string): Promise<string> {
  const cell = page.getByTestId(`precision-${ruleId}`);
  if ((await cell.count()) === 0) {
    await page.reload();
    await page.getByTestId('precision-table').waitFor();
    return '';
  }
  return (await cell.first().innerText()).trim();
}

/** Polls `read` until it returns `expected` or the time runs out; returns the last value read. */
async function pollFor<T>(read: () => Promise<T>, expected: T, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await read();
  }
  return value;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
