import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kafka } from '@vigil/kafka';
import { chromium, type Browser } from 'playwright-core';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import { buildConsoleWeb } from '../../apps/console/web/build';
import { testKafka } from '../support/kafka-test-kit';
import { TestPipeline } from '../support/pipeline-kit';
import { uniqueTestName } from '../support/test-names';

const repoRoot = path.resolve(__dirname, '../..');
const artifacts = path.join(repoRoot, 'test-artifacts/console-backtest');
const ADMIN_KEY = 'vigil-demo-admin-key-2026';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];
const MINUTE = 60_000;
const SCAMMER = '77775550011';

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not done in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A prize-lure SMS from the scammer, then the victim pays the scammer `gapMs` later (false_prize_payment_sms). */
function prizeScam(prefix: string, victim: string, lureAtMs: number, gapMs: number) {
  return {
    sms: {
      key: SCAMMER,
      value: JSON.stringify({
        eventId: `${prefix}lure-${victim}`,
        occurredAt: new Date(lureAtMs).toISOString(),
        sender: SCAMMER,
        recipient: victim,
        text: 'Поздравляем! Ваш номер выиграл iPhone 15 в акции Kcell. Для получения пополните счет на 15000 тг.',
      }),
    },
    payment: {
      key: victim,
      value: JSON.stringify({
        eventId: `${prefix}transfer-${victim}`,
        occurredAt: new Date(lureAtMs + gapMs).toISOString(),
        type: 'transfer',
        msisdn: victim,
        counterparty: SCAMMER,
        amount: 15000,
        currency: 'KZT',
        channel: 'transfer',
      }),
    },
  };
}

describe('console rule back-test in headless Chromium (ingest → correlator → analytics sink → console)', () => {
  const database = uniqueTestName('vigil_console_bt');
  let kafka: Kafka;
  let pipeline: TestPipeline;
  let executor: HttpSqlExecutor;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (the console e2e installs it)`);
    mkdirSync(artifacts, { recursive: true });
    kafka = testKafka();
    pipeline = new TestPipeline(kafka);
    await pipeline.createTopics();
    executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));
  });

  afterAll(async () => {
    await browser?.close();
    await pipeline.stopAll();
    await pipeline.deleteTopics();
    await executor.command(`DROP DATABASE IF EXISTS ${database}`);
    await executor.close();
  });

  it('lets an admin back-test an edited rule, see the diff, publish it, and the running correlator uses it', async () => {
    const webDir = path.join(tmpdir(), uniqueTestName('vigil-console-web'));
    await buildConsoleWeb(webDir);
    const correlator = await pipeline.start('correlator');
    await pipeline.start('ingest');
    await pipeline.start('analytics-sink', {
      CLICKHOUSE_DATABASE: database,
      SINK_LINGER_MS: '100',
      SINK_FETCH_MIN_BYTES: '1',
      SINK_FETCH_MAX_WAIT_MS: '100',
      RETENTION_INTERVAL_MS: '0',
    });
    const consoleApp = await pipeline.start('console', {
      CLICKHOUSE_DATABASE: database,
      CONSOLE_WEB_DIR: webDir,
      CONSOLE_SESSION_SECRET: 'e2e-console-session-secret-0123456789',
    });

    // Two victims paid the scammer: 5 min after the lure, and 40 min after it.
    const now = Date.now();
    const quick = prizeScam(pipeline.prefix, '77015550021', now - 50 * MINUTE, 5 * MINUTE);
    const slow = prizeScam(pipeline.prefix, '77015550022', now - 48 * MINUTE, 40 * MINUTE);
    const producer = kafka.producer();
    await producer.connect();
    for (const [topic, message] of [
      [pipeline.topics.sms, quick.sms],
      [pipeline.topics.payments, quick.payment],
      [pipeline.topics.sms, slow.sms],
      [pipeline.topics.payments, slow.payment],
    ] as const)
      await producer.send({ topic, messages: [message] });
    await waitFor(
      'the sink stores both live alerts',
      async () => {
        const [row] = await executor
          .query<{ n: string }>(
            `SELECT uniqExact(alert_id) AS n FROM ${database}.alerts WHERE rule_id = 'false_prize_payment_sms'`,
          )
          .catch(() => [{ n: '0' }]);
        return Number(row?.n) === 2;
      },
      90_000,
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(consoleApp.baseUrl);
    await page.getByTestId('api-key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`${consoleApp.baseUrl}/#/rules`);
    await page.getByTestId('rules-table').waitFor();
    await page
      .getByTestId('rules-table')
      .locator('tr', { hasText: 'false_prize_payment_sms' })
      .getByRole('button', { name: 'New version…' })
      .click();
    const editor = page.locator('textarea[name="yaml"]');
    const edited = (await editor.inputValue()).replace('within: 60m', 'within: 20m');
    expect(edited).toContain('version: 3');
    await editor.fill(edited);

    await page.getByRole('button', { name: 'Back-test' }).click();
    await page.getByTestId('backtest-report').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(300); // the chart draws after the report renders
    await page.screenshot({ path: path.join(artifacts, '01-backtest-diff.png'), fullPage: true });
    expect(await page.getByTestId('backtest-totals').innerText()).toMatch(
      /0 alerts added, 1 removed, 1 in common/,
    );
    // Only the rules coupled to the edit ran; the page says so.
    expect(await page.getByTestId('backtest-rerun').innerText()).toMatch(/Re-ran 9 of 15 rules/);
    expect(await page.locator('#backtest-chart').isVisible()).toBe(true);
    const removed = page.locator('[data-testid="changed-alert"][data-change="removed"]');
    expect(await removed.count()).toBe(1);
    expect(await removed.innerText()).toContain('***22');

    // The lost alert opens in the usual evidence view (it was raised live, so it is the stored alert).
    await removed.getByRole('link').click();
    await page.getByTestId('evidence-timeline').waitFor();
    expect(await page.getByTestId('evidence-timeline').innerHTML()).toContain('payment');
    await page.screenshot({ path: path.join(artifacts, '02-removed-alert-evidence.png'), fullPage: true });
    await page.goBack();
    await page.getByTestId('backtest-report').waitFor();

    await page.getByLabel(/Why/).fill('Payments long after the lure are mostly genuine prize claims.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page
      .getByText(/Published false_prize_payment_sms v3 with its back-test/)
      .waitFor({ timeout: 30_000 });
    const history = page.getByTestId('rule-history');
    await history.locator('tr', { hasText: 'false_prize_payment_sms v3' }).waitFor({ timeout: 30_000 });
    const recorded = await history.locator('tr', { hasText: 'false_prize_payment_sms v3' }).innerText();
    expect(recorded).toContain('demo-admin');
    expect(recorded).toContain('genuine prize claims');
    expect(recorded).toMatch(/\+0 −1 =1/);
    await page.screenshot({ path: path.join(artifacts, '03-published-history.png'), fullPage: true });

    // The running correlator applies the published version and raises its alerts with it.
    await waitFor(
      'the correlator applies version 3',
      async () =>
        (await correlator.metric('vigil_correlator_rule_version', { rule: 'false_prize_payment_sms' })) === 3,
      30_000,
    );
    const fresh = prizeScam(pipeline.prefix, '77015550023', Date.now() - 10 * MINUTE, 5 * MINUTE);
    await producer.send({ topic: pipeline.topics.sms, messages: [fresh.sms] });
    await producer.send({ topic: pipeline.topics.payments, messages: [fresh.payment] });
    await producer.disconnect();
    const alerts = await pipeline.waitForAlerts(
      (list) => list.some((alert) => alert.entity === 'msisdn:77015550023'),
      60_000,
    );
    expect(alerts.find((alert) => alert.entity === 'msisdn:77015550023')).toMatchObject({
      ruleId: 'false_prize_payment_sms',
      ruleVersion: 3,
    });
    expect(pageErrors).toEqual([]);
  }, 400_000);
});
