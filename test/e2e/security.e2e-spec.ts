/**
 * Issue 19: every attempt of the attacker's review, against the built services in production mode on the real
 * stack (Kafka and ClickHouse), asserting the fixed behaviour. Needs `npm run build`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kafka } from '@vigil/kafka';
import { HttpSqlExecutor, createClickHouseClient, type SqlExecutor } from '@vigil/clickhouse';
import { alertV1, isPhoneNumber, maskPhoneNumbersInText, type AlertV1 } from '@vigil/contracts';
import { buildConsoleWeb } from '../../apps/console/web/build';
import { LocalPipeline, type VigilApp } from '../../tools/support/local-pipeline';
import { freePort, ServiceProcess } from '../../tools/support/service-process';
import { ConsoleHttpClient } from '../support/console-http-client';
import { testKafka } from '../support/kafka-test-kit';
import { uniqueTestName } from '../support/test-names';

const APPS: VigilApp[] = [
  'ingest',
  'correlator',
  'alert-router',
  'analytics-sink',
  'console',
  'signal',
  'networks',
];
const SECRET_VARIABLES: Record<VigilApp, string[]> = {
  ingest: ['DLQ_TEXT_HASH_KEY'],
  correlator: ['DLQ_TEXT_HASH_KEY'],
  'alert-router': ['WEBHOOK_SIGNING_SECRET', 'DLQ_TEXT_HASH_KEY', 'ALERT_FEED_TOKEN'],
  'analytics-sink': ['ANALYTICS_PSEUDONYM_SECRET', 'DLQ_TEXT_HASH_KEY'],
  console: ['ANALYTICS_PSEUDONYM_SECRET', 'CONSOLE_SESSION_SECRET', 'ALERT_FEED_TOKEN'],
  signal: ['ANALYTICS_PSEUDONYM_SECRET', 'SIGNAL_TOKEN_SECRET'],
  networks: ['DLQ_TEXT_HASH_KEY'],
};
const PUBLISHED_SECRETS: Record<string, string> = {
  DLQ_TEXT_HASH_KEY: 'vigil-dev-dlq-text-hash-key',
  WEBHOOK_SIGNING_SECRET: 'vigil-dev-webhook-signing-secret',
  ANALYTICS_PSEUDONYM_SECRET: 'vigil-dev-analytics-pseudonym-secret',
  CONSOLE_SESSION_SECRET: 'vigil-dev-console-session-secret',
  ALERT_FEED_TOKEN: 'vigil-dev-alert-feed-token',
  SIGNAL_TOKEN_SECRET: 'vigil-dev-signal-token-secret',
};
const secret = (): string => randomBytes(24).toString('hex');
/** Production: real secrets, no development mode. */
const PRODUCTION_ENV = {
  VIGIL_ENV: 'production',
  NODE_ENV: 'production',
  DLQ_TEXT_HASH_KEY: secret(),
  WEBHOOK_SIGNING_SECRET: secret(),
  ANALYTICS_PSEUDONYM_SECRET: secret(),
  CONSOLE_SESSION_SECRET: secret(),
  ALERT_FEED_TOKEN: secret(),
};
const API_KEYS = { viewer: secret(), analyst: secret(), admin: secret() };
type Role = keyof typeof API_KEYS;
const LOOKUP_LIMIT = 5;
const RATE_LIMIT = 400;

/** The parties of the run: a home subscriber, a 9-digit international scammer, a 10-digit number, formatted ones. */
const NUMBERS = {
  victim: '77015550022',
  scammer: '998905511',
  tenDigit: '7012345678',
  directVictim: '77015550033',
  formatted: '+7 (702) 555-00-44',
  noteNumber: '8 701 555 00 22',
};
const digitsOf = (value: string): string => value.replace(/\D/g, '');
const ALL_DIGITS = Object.values(NUMBERS).map(digitsOf);
/** A full number of 8–15 digits standing on its own (not inside an id or a hash). */
const FULL_NUMBER = /(?<![\w])\d{8,15}(?![\w])/;
/** An alert id with a long digit run: the old masking turned such ids into ids that do not exist. */
const DIGIT_RUN_ALERT_ID = `sec-alert-12345678901234-${randomBytes(3).toString('hex')}`;
const DIGIT_RUN_EVENT_IDS = ['call-98765432109876:call_in', 'pay-98765432109876:transfer_out'];
/** A response without the ids this run chose to contain digit runs: what is left must hold no number. */
const withoutKnownIds = (text: string): string =>
  [DIGIT_RUN_ALERT_ID, ...DIGIT_RUN_EVENT_IDS].reduce((rest, id) => rest.replaceAll(id, ''), text);

function directAlert(): AlertV1 {
  const now = new Date();
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  return {
    alertId: DIGIT_RUN_ALERT_ID,
    ruleId: 'relative_in_trouble',
    ruleVersion: 1,
    typology: 'relative_in_trouble',
    severity: 'high',
    stage: 'confirmed',
    entity: `msisdn:${NUMBERS.directVictim}`,
    counterparties: [NUMBERS.tenDigit],
    detectedAt: minutesAgo(0),
    firstEventAt: minutesAgo(5),
    lastEventAt: minutesAgo(1),
    evidence: [
      { eventId: DIGIT_RUN_EVENT_IDS[0], kind: 'call_in', occurredAt: minutesAgo(5), step: 'call' },
      { eventId: DIGIT_RUN_EVENT_IDS[1], kind: 'transfer_out', occurredAt: minutesAgo(1), step: 'payment' },
    ],
    explanation: `${NUMBERS.directVictim} answered ${NUMBERS.tenDigit} (also ${NUMBERS.formatted}), then paid.`,
    score: 0.9,
  };
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// Five services on a 2-core machine: booting them and the pipeline's round trips take tens of seconds.
jest.setTimeout(120_000);

describe('security review of issue 19 (built services, production mode, real Kafka and ClickHouse)', () => {
  let kafka: Kafka;
  let pipeline: LocalPipeline;
  let executor: SqlExecutor;
  let consoleApp: ServiceProcess;
  let router: ServiceProcess;
  let client: ConsoleHttpClient;
  const database = uniqueTestName('vigil_security');
  const tokens: Record<Role, string> = { viewer: '', analyst: '', admin: '' };
  const refusedBoots: ServiceProcess[] = [];
  const window = () =>
    `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`;

  beforeAll(async () => {
    kafka = testKafka();
    executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));
    const workDir = path.join(tmpdir(), uniqueTestName('vigil-security'));
    const webDir = path.join(workDir, 'web');
    mkdirSync(webDir, { recursive: true });
    await buildConsoleWeb(webDir);
    // A stray source map next to the bundle (a local debug build) must not be served either.
    writeFileSync(path.join(webDir, 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
    const keysFile = path.join(workDir, 'api-keys.yaml');
    writeFileSync(
      keysFile,
      `keys:\n${(Object.keys(API_KEYS) as Role[])
        .map(
          (role) =>
            `  - name: sec-${role}\n    role: ${role}\n    sha256: ${createHash('sha256').update(API_KEYS[role]).digest('hex')}\n`,
        )
        .join('')}`,
    );

    pipeline = new LocalPipeline(kafka, `${uniqueTestName('e2e-security')}.`, 2, PRODUCTION_ENV);
    await pipeline.createTopics();
    const analytics = { CLICKHOUSE_DATABASE: database };
    await pipeline.start('ingest');
    await pipeline.start('correlator');
    router = await pipeline.start('alert-router');
    await pipeline.start('analytics-sink', {
      ...analytics,
      SINK_LINGER_MS: '100',
      SINK_FETCH_MIN_BYTES: '1',
      SINK_FETCH_MAX_WAIT_MS: '100',
      RETENTION_INTERVAL_MS: '0',
    });
    consoleApp = await pipeline.start('console', {
      ...analytics,
      ALERT_ROUTER_URL: router.baseUrl,
      CONSOLE_WEB_DIR: webDir,
      CONSOLE_API_KEYS_FILE: keysFile,
      CONSOLE_LOOKUP_LIMIT_PER_MINUTE: String(LOOKUP_LIMIT),
      CONSOLE_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      CONSOLE_SIGN_IN_LIMIT_PER_MINUTE: '30',
      FEED_RECONNECT_MS: '250',
    });
    client = new ConsoleHttpClient(consoleApp.baseUrl);
    for (const role of Object.keys(API_KEYS) as Role[]) tokens[role] = await client.signIn(API_KEYS[role]);
    await waitFor(
      () => consoleApp.logs.includes('alert feed connected'),
      30_000,
      'the console to follow the feed',
    );
  }, 300_000);

  afterAll(async () => {
    await Promise.all(refusedBoots.map((service) => service.stop()));
    await pipeline?.stopAll();
    await pipeline?.deleteTopics();
    await executor?.command(`DROP DATABASE IF EXISTS ${database}`);
    await executor?.close();
  });

  it('refuses to boot every service in production without its secrets or with the published ones (finding 3)', async () => {
    for (const app of APPS) {
      const variables = SECRET_VARIABLES[app];
      for (const [variant, value] of [
        ['missing', (variable: string) => ({ [variable]: '' })],
        ['published', (variable: string) => ({ [variable]: PUBLISHED_SECRETS[variable] })],
      ] as const) {
        const env: Record<string, string> = { NODE_ENV: 'Production', VIGIL_ENV: 'production' };
        for (const variable of variables) Object.assign(env, value(variable));
        const service = new ServiceProcess(app, env, await freePort());
        refusedBoots.push(service);
        const boot = await service.start(20_000).then(
          () => 'started',
          (error: unknown) => String(error),
        );
        expect({ app, variant, refused: boot.includes('exited with 1') }).toEqual({
          app,
          variant,
          refused: true,
        });
        for (const variable of variables) expect(boot).toContain(variable);
      }
    }
  });

  it('marks the session cookie Secure, sends HSTS and no-store, and serves no source map (findings 3, 8)', async () => {
    const signIn = await client.call('POST', '/api/auth/session', { body: { apiKey: API_KEYS.viewer } });
    expect(signIn.headers.get('set-cookie')).toMatch(/vigil_session=[^;]+;.*Secure/);
    expect(signIn.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    for (const route of ['/api/auth/session', '/api/rules'])
      expect((await client.call('GET', route, { token: tokens.viewer })).headers.get('cache-control')).toBe(
        'no-store',
      );
    expect((await client.call('GET', '/app.js')).status).toBe(200);
    expect((await client.call('GET', '/app.js.map')).status).toBe(404);
    expect(await (await client.call('GET', '/app.js')).text()).not.toContain('sourceMappingURL');
    // For the log check at the end: a refused sign-in that carries a session cookie, as a browser re-signing in does.
    const refused = await client.call('POST', '/api/auth/session', {
      body: { apiKey: 'not-a-real-key-0123456789' },
      headers: { cookie: `vigil_session=${tokens.admin}` },
    });
    expect(refused.status).toBe(401);
  });

  it('never shows a viewer a full number: live feed, stored alerts, explanations and notes (findings 2, 6)', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const now = Date.now();
    const stream = await client.readStream('/api/feed', tokens.viewer, 12_000, async () => {
      await producer.send({
        topic: pipeline.topics.alerts,
        messages: [{ key: `msisdn:${NUMBERS.directVictim}`, value: alertV1.serialize(directAlert()) }],
      });
      await producer.send({
        topic: pipeline.topics.sms,
        messages: [
          {
            key: NUMBERS.scammer,
            value: JSON.stringify({
              eventId: `${pipeline.prefix}lure`,
              occurredAt: new Date(now - 150_000).toISOString(),
              sender: `+${NUMBERS.scammer}`,
              recipient: NUMBERS.victim,
              text: 'Поздравляем! Ваш номер выиграл iPhone 15 в акции Kcell. Для получения пополните счет на 15000 тг.',
            }),
          },
        ],
      });
      await producer.send({
        topic: pipeline.topics.payments,
        messages: [
          {
            key: NUMBERS.victim,
            value: JSON.stringify({
              eventId: `${pipeline.prefix}transfer`,
              occurredAt: new Date(now - 60_000).toISOString(),
              type: 'transfer',
              msisdn: NUMBERS.victim,
              counterparty: `+${NUMBERS.scammer}`,
              amount: 15000,
              currency: 'KZT',
              channel: 'transfer',
            }),
          },
        ],
      });
    });
    await producer.disconnect();
    expect(stream).toContain(DIGIT_RUN_ALERT_ID); // ids are not masked
    for (const digits of ALL_DIGITS) expect(stream).not.toContain(digits);
    expect(withoutKnownIds(stream)).not.toMatch(FULL_NUMBER);

    // The correlator's alert names the 9-digit international scammer; both alerts reach ClickHouse.
    const alerts = await pipeline.waitForAlerts(
      (found) => found.some((alert) => alert.typology === 'false_prize_payment'),
      60_000,
    );
    const scamAlert = alerts.find((alert) => alert.typology === 'false_prize_payment')!;
    expect(JSON.stringify(scamAlert)).toContain(NUMBERS.scammer);
    const storedAlerts = async (): Promise<number> => {
      const response = await client.call('GET', `/api/alerts?${window()}`, { token: tokens.viewer });
      return ((await response.json()) as { items: unknown[] }).items.length;
    };
    await waitFor(async () => (await storedAlerts()) >= 2, 90_000, 'the sink to store both alerts');

    // An analyst's note with formatted and 10-digit numbers is stored masked.
    const note = await client.call('POST', `/api/alerts/${encodeURIComponent(scamAlert.alertId)}/feedback`, {
      token: tokens.analyst,
      body: { verdict: 'confirmed_fraud', note: `called back ${NUMBERS.noteNumber} and ${NUMBERS.tenDigit}` },
    });
    expect(note.status).toBe(201);

    const partyRoutes = [
      `/api/alerts?${window()}`,
      `/api/alerts/${encodeURIComponent(scamAlert.alertId)}`,
      `/api/alerts/${encodeURIComponent(DIGIT_RUN_ALERT_ID)}`,
      `/api/charts/bulk-senders?${window()}`,
    ];
    // Aggregates and health carry counts and rates (a rate may print many decimals): checked for the run's numbers.
    const aggregateRoutes = [`/api/charts/alerts-over-time?${window()}`, '/api/pipeline/health'];
    for (const route of [...partyRoutes, ...aggregateRoutes]) {
      const response = await client.call('GET', route, { token: tokens.viewer });
      expect({ route, status: response.status }).toEqual({ route, status: 200 });
      const text = await response.text();
      for (const digits of ALL_DIGITS)
        expect({ route, leaked: text.includes(digits) }).toEqual({ route, leaked: false });
      if (partyRoutes.includes(route)) expect(withoutKnownIds(text)).not.toMatch(FULL_NUMBER);
    }
    const detail = (await (
      await client.call('GET', `/api/alerts/${encodeURIComponent(scamAlert.alertId)}`, {
        token: tokens.viewer,
      })
    ).json()) as { explanation: string; counterparties: string[]; feedback: { note: string }[] };
    expect(detail.explanation).toContain('***11');
    for (const party of detail.counterparties) expect(isPhoneNumber(party)).toBe(false);
    expect(detail.feedback.at(-1)?.note).toBe('called back ***22 and ***78');
    // Internal addresses are for admins.
    const health = await (await client.call('GET', '/api/pipeline/health', { token: tokens.viewer })).text();
    expect(health).not.toContain('127.0.0.1');
  });

  it('opens, judges and reveals alerts whose ids contain digit runs, and leaves /metrics intact (finding 6)', async () => {
    const detail = await client.call('GET', `/api/alerts/${encodeURIComponent(DIGIT_RUN_ALERT_ID)}`, {
      token: tokens.viewer,
    });
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as {
      alertId: string;
      evidence: { eventId: string }[];
      explanation: string;
    };
    expect(body.alertId).toBe(DIGIT_RUN_ALERT_ID);
    expect(body.evidence.map((item) => item.eventId)).toContain('call-98765432109876:call_in');
    expect(body.explanation).toBe('***33 answered ***78 (also ***44), then paid.');
    const verdict = await client.call(
      'POST',
      `/api/alerts/${encodeURIComponent(DIGIT_RUN_ALERT_ID)}/feedback`,
      {
        token: tokens.analyst,
        body: { verdict: 'false_positive' },
      },
    );
    expect(verdict.status).toBe(201);
    // The reveal, from a cookie-authenticated request as the browser UI makes it: audited without the number.
    const reveal = await client.call('POST', `/api/alerts/${encodeURIComponent(DIGIT_RUN_ALERT_ID)}/reveal`, {
      headers: { cookie: `vigil_session=${tokens.analyst}`, origin: client.baseUrl },
    });
    expect(reveal.status).toBe(200);
    expect(await reveal.json()).toMatchObject({ entity: `msisdn:${NUMBERS.directVictim}` });
    const metrics = await (await client.call('GET', '/metrics')).text();
    expect(metrics).toMatch(/^process_virtual_memory_bytes\{[^}]*\} \d{6,}$/m);
    expect(metrics).not.toContain('***');
  });

  it('blocks de-masking by enumeration: analyst role, a per-user lookup budget, an audit line per lookup (finding 4)', async () => {
    for (const request of [
      () => client.call('GET', `/api/alerts?msisdn=${NUMBERS.victim}&${window()}`, { token: tokens.viewer }),
      () =>
        client.call('POST', '/api/subscribers/timeline', {
          token: tokens.viewer,
          body: { msisdn: NUMBERS.victim },
        }),
    ])
      expect((await request()).status).toBe(403);

    // The attack of the review: try completions of a masked number until one has data.
    const statuses: number[] = [];
    for (let guess = 0; guess < LOOKUP_LIMIT + 3; guess += 1) {
      const candidate = `770155500${String(guess).padStart(2, '0')}`;
      const response = await client.call('GET', `/api/alerts?msisdn=${candidate}&${window()}`, {
        headers: { cookie: `vigil_session=${tokens.analyst}` },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, LOOKUP_LIMIT)).toEqual(Array(LOOKUP_LIMIT).fill(200));
    expect(statuses.slice(LOOKUP_LIMIT)).toEqual([429, 429, 429]);
    // Another user's budget is their own (the admin still may look up).
    expect(
      (
        await client.call('POST', '/api/subscribers/timeline', {
          token: tokens.admin,
          body: { msisdn: NUMBERS.victim },
        })
      ).status,
    ).toBe(200);

    await waitFor(
      () =>
        consoleApp.logs.split('\n').filter((line) => line.includes('subscriber lookup')).length >
        LOOKUP_LIMIT,
      5_000,
      'the audit lines',
    );
    const audit = consoleApp.logs.split('\n').filter((line) => line.includes('subscriber lookup'));
    expect(
      audit.some((line) => line.includes('"user":"sec-analyst"') && /"numberHash":"[0-9a-f]{32}"/.test(line)),
    ).toBe(true);
    expect(audit.some((line) => line.includes('"user":"sec-admin"'))).toBe(true);
    for (const line of audit) expect(line).not.toMatch(/77015550\d{3}/);
  });

  it('refuses cross-site and non-JSON posts on mutating routes (finding 5)', async () => {
    const route = `/api/alerts/${encodeURIComponent(DIGIT_RUN_ALERT_ID)}/feedback`;
    const cookie = `vigil_session=${tokens.analyst}`;
    const form = new FormData();
    form.set('verdict', 'confirmed_fraud');
    const attempts: [string, Record<string, string>, string | FormData, number][] = [
      [
        'form post from evil.example',
        { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        'verdict=confirmed_fraud',
        403,
      ],
      [
        'form post without Origin',
        { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        'verdict=confirmed_fraud',
        415,
      ],
      ['multipart post', { cookie }, form, 415],
      ['text/plain post', { cookie, 'content-type': 'text/plain' }, '{"verdict":"confirmed_fraud"}', 415],
      [
        'JSON from a sibling subdomain',
        { cookie, 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
        '{"verdict":"confirmed_fraud"}',
        403,
      ],
      [
        'JSON from evil.example',
        { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
        '{"verdict":"confirmed_fraud"}',
        403,
      ],
      [
        'JSON from the console itself',
        {
          cookie,
          origin: client.baseUrl,
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json',
        },
        '{"verdict":"confirmed_fraud"}',
        201,
      ],
    ];
    for (const [attempt, headers, rawBody, expected] of attempts) {
      const response = await client.call('POST', route, { headers, rawBody });
      expect({ attempt, status: response.status }).toEqual({ attempt, status: expected });
    }
  });

  it('guards the API description under any spelling; 413, 400 and validated windows instead of 500s (findings 7, 8)', async () => {
    for (const route of ['/API/docs-json', '/Api/Docs-Json', '/api/DOCS', '/API/docs'])
      expect({ route, status: (await client.call('GET', route)).status }).toEqual({ route, status: 401 });
    expect((await client.call('GET', '/API/docs-json', { token: tokens.viewer })).status).toBe(200);

    const huge = await client.call('POST', '/api/auth/session', { body: { apiKey: 'k'.repeat(300_000) } });
    expect(huge.status).toBe(413);
    const malformedJson = await client.call('POST', '/api/auth/session', {
      rawBody: '{"apiKey":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformedJson.status).toBe(400);
    const malformedCookie = await client.call('GET', '/api/rules', {
      headers: { cookie: 'vigil_session=%E0%A4%A' },
    });
    expect(malformedCookie.status).toBe(400);
    for (const query of ['from=2163-01-01T00:00:00Z', 'to=1969-12-31T00:00:00Z'])
      expect((await client.call('GET', `/api/alerts?${query}`, { token: tokens.viewer })).status).toBe(400);
    expect(consoleApp.logs).not.toContain('%E0%A4%A');
  });

  it('lets only the console follow the router’s own feed, which carries full numbers (finding 8)', async () => {
    const follow = async (authorization?: string): Promise<number> => {
      const controller = new AbortController();
      const response = await fetch(`${router.baseUrl}/alerts/stream`, {
        headers: authorization ? { authorization } : {},
        signal: controller.signal,
      });
      controller.abort();
      return response.status;
    };
    expect(await follow()).toBe(401);
    expect(await follow(`Bearer ${PUBLISHED_SECRETS.ALERT_FEED_TOKEN}`)).toBe(401);
    expect(await follow(`Bearer ${PRODUCTION_ENV.ALERT_FEED_TOKEN}x`)).toBe(401);
    expect(await follow(`Bearer ${PRODUCTION_ENV.ALERT_FEED_TOKEN}`)).toBe(200);
  });

  it('counts one rate budget per client over every route, not one per route (finding 8)', async () => {
    const routes = [
      '/api/rules',
      '/api/auth/session',
      `/api/charts/alerts-over-time?${window()}`,
      '/api/pipeline/health',
    ];
    let allowed = 0;
    let limited = false;
    for (let index = 0; index < RATE_LIMIT + 20 && !limited; index += 1) {
      const response = await client.call('GET', routes[index % routes.length], { token: tokens.viewer });
      if (response.status === 429) limited = true;
      else allowed += 1;
    }
    expect(limited).toBe(true);
    expect(allowed).toBeLessThanOrEqual(RATE_LIMIT);
  });

  it('never writes a session token, a cookie or an API key to any service log (finding 1)', async () => {
    const logs = [...pipeline.services, ...refusedBoots].map((service) => service.logs).join('\n');
    expect(logs).toContain('sign-in refused');
    for (const token of Object.values(tokens)) {
      expect(logs).not.toContain(token);
      expect(logs).not.toContain(token.split('.')[1]); // not even the signature alone
    }
    for (const apiKey of Object.values(API_KEYS)) expect(logs).not.toContain(apiKey);
    expect(logs).not.toMatch(/vigil_session=(?!\[redacted\])/);
    for (const value of Object.values(PRODUCTION_ENV).filter((text) => text.length > 16))
      expect(logs).not.toContain(value);
  });

  it('leaves no phone number of 8+ digits in clear in any column of any Vigil table', async () => {
    const tables = await executor.query<{ name: string }>(
      `SELECT name FROM system.tables WHERE database = '${database}' AND engine NOT LIKE '%View%'`,
    );
    expect(tables.length).toBeGreaterThan(3);
    const problems: string[] = [];
    let rowsSeen = 0;
    for (const { name } of tables) {
      const rows = await executor.query<Record<string, unknown>>(`SELECT * FROM ${database}.\`${name}\``);
      rowsSeen += rows.length;
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          const text = typeof value === 'string' ? value : JSON.stringify(value);
          for (const digits of ALL_DIGITS)
            if (text.includes(digits)) problems.push(`${name}.${column} holds ${digits}`);
          // Party and text columns: nothing the privacy rule would still mask.
          if (/(key|display|explanation|note|features|counterpart|entity|sender)/.test(column)) {
            const values = Array.isArray(value) ? value.map(String) : [text];
            for (const item of values)
              if (isPhoneNumber(item) || maskPhoneNumbersInText(item) !== item)
                problems.push(`${name}.${column} holds a number: ${maskPhoneNumbersInText(item)}`);
          }
        }
      }
    }
    expect(rowsSeen).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
