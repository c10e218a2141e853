import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kafka } from '@vigil/kafka';
import { chromium, type Browser, type Page } from 'playwright-core';
import { HttpSqlExecutor, createClickHouseClient } from '@vigil/clickhouse';
import {
  alertV1,
  blocklistEntryV1,
  blocklistProposalV1,
  networkFindingV1,
  type AlertV1,
  type BlocklistProposalV1,
  type NetworkFindingV1,
} from '@vigil/contracts';
import { buildConsoleWeb } from '../../apps/console/web/build';
import { readTopicsToEnd } from '../../tools/support/kafka-topic-reader';
import type { ServiceProcess } from '../../tools/support/service-process';
import { testKafka } from '../support/kafka-test-kit';
import { TestPipeline } from '../support/pipeline-kit';
import { uniqueTestName } from '../support/test-names';

const repoRoot = path.resolve(__dirname, '../..');
const artifacts = path.join(repoRoot, 'test-artifacts/console-networks');
const KEYS = { viewer: 'vigil-demo-viewer-key-2026', analyst: 'vigil-demo-analyst-key-2026' };
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];
const MINUTE = 60_000;
const CALLER = '77775550177';
const VICTIMS = 20;
const victim = (index: number): string => `7701666${String(index).padStart(4, '0')}`;
const FULL_NUMBERS = [CALLER, ...Array.from({ length: VICTIMS }, (_, index) => victim(index))];

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not done in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One victim's alert: the caller's lure call, then the code theft (what the correlator raises). */
function victimAlert(index: number, startMs: number): AlertV1 {
  const at = (minutes: number) => new Date(startMs + minutes * MINUTE).toISOString();
  return {
    alertId: `net-alert-${index}`,
    ruleId: 'prize_code_theft',
    ruleVersion: 2,
    typology: 'prize_code_theft',
    severity: 'critical',
    stage: 'confirmed',
    entity: `msisdn:${victim(index)}`,
    counterparties: [CALLER],
    detectedAt: at(10),
    firstEventAt: at(0),
    lastEventAt: at(9),
    evidence: [
      { eventId: `net-call-${index}:call_in`, kind: 'call_in', occurredAt: at(0), step: 'lure' },
      { eventId: `net-topup-${index}:topup`, kind: 'topup', occurredAt: at(4), step: 'topup' },
      { eventId: `net-sms-${index}:sms_in`, kind: 'sms_in', occurredAt: at(6), step: 'code' },
      { eventId: `net-pay-${index}:transfer_out`, kind: 'transfer_out', occurredAt: at(9), step: 'loss' },
    ],
    explanation: 'A code arrived during a first-contact call, then money left.',
    score: 0.95,
  };
}

/** Signs in and opens the Networks view. */
async function openNetworks(browser: Browser, baseUrl: string, key: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 1400 } });
  await page.goto(baseUrl);
  await page.getByTestId('api-key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Networks' }).click();
  await page.locator('[data-testid="network-top-numbers"] tr[data-number-key]').first().waitFor();
  await page.locator('[data-testid="network-graph"][data-edges]').waitFor();
  return page;
}

describe('console Networks view in headless Chromium (findings → analytics sink → console → block list)', () => {
  const database = uniqueTestName('vigil_console_networks');
  let kafka: Kafka;
  let pipeline: TestPipeline;
  let executor: HttpSqlExecutor;
  let browser: Browser | undefined;
  let consoleApp: ServiceProcess;
  const proposal: BlocklistProposalV1 = {
    proposalId: 'net-proposal-1',
    number: `msisdn:${CALLER}`,
    role: 'caller',
    campaignId: 'net-campaign-1',
    findingId: 'net-finding-1',
    victimsCount: VICTIMS,
    score: 0.95,
    evidenceAlertIds: Array.from({ length: VICTIMS }, (_, index) => `net-alert-${index}`),
    proposedAt: new Date(Date.now() - 30 * MINUTE).toISOString(),
    status: 'pending',
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (the console e2e installs it)`);
    mkdirSync(artifacts, { recursive: true });
    kafka = testKafka();
    pipeline = new TestPipeline(kafka);
    await pipeline.createTopics();
    executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));
    await pipeline.start('analytics-sink', {
      CLICKHOUSE_DATABASE: database,
      SINK_LINGER_MS: '100',
      SINK_FETCH_MIN_BYTES: '1',
      SINK_FETCH_MAX_WAIT_MS: '100',
      RETENTION_INTERVAL_MS: '0',
    });

    // A campaign: one caller, 20 victims over two hours, each with its alert; the finding and its proposal.
    const start = Date.now() - 3 * 60 * MINUTE;
    const alerts = Array.from({ length: VICTIMS }, (_, index) =>
      victimAlert(index, start + index * 6 * MINUTE),
    );
    const finding: NetworkFindingV1 = {
      findingId: 'net-finding-1',
      number: `msisdn:${CALLER}`,
      role: 'caller',
      campaignId: 'net-campaign-1',
      victimsCount: VICTIMS,
      victims: alerts.map((alert) => alert.entity),
      evidence: alerts.map((alert) => ({
        subscriber: alert.entity,
        occurredAt: alert.firstEventAt,
        alertId: alert.alertId,
        typology: alert.typology,
      })),
      firstSeenAt: alerts[0].firstEventAt,
      lastSeenAt: alerts[VICTIMS - 1].firstEventAt,
      detectedAt: new Date(Date.now() - 30 * MINUTE).toISOString(),
      windowMs: 2 * 60 * MINUTE,
      score: 0.95,
    };
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: pipeline.topics.alerts,
      messages: alerts.map((alert) => ({ key: alert.entity, value: alertV1.serialize(alert) })),
    });
    await producer.send({
      topic: pipeline.topics.networkFindings,
      messages: [{ key: finding.number, value: networkFindingV1.serialize(finding) }],
    });
    await producer.send({
      topic: pipeline.topics.blocklistProposals,
      messages: [{ key: proposal.number, value: blocklistProposalV1.serialize(proposal) }],
    });
    await producer.disconnect();
    await waitFor(
      'the sink stores the alerts and the finding',
      async () => {
        const [row] = await executor
          .query<{ alerts: string; findings: string }>(
            `SELECT (SELECT uniqExact(alert_id) FROM ${database}.alerts) AS alerts,
              (SELECT count() FROM ${database}.network_findings) AS findings`,
          )
          .catch(() => [{ alerts: '0', findings: '0' }]);
        return Number(row?.alerts) === VICTIMS && Number(row?.findings) >= 1;
      },
      60_000,
    );
    const webDir = path.join(tmpdir(), uniqueTestName('vigil-console-web'));
    await buildConsoleWeb(webDir);
    consoleApp = await pipeline.start('console', {
      CLICKHOUSE_DATABASE: database,
      CONSOLE_WEB_DIR: webDir,
      CONSOLE_SESSION_SECRET: 'e2e-console-session-secret-0123456789',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await pipeline.stopAll();
    await pipeline.deleteTopics();
    await executor.command(`DROP DATABASE IF EXISTS ${database}`);
    await executor.close();
  });

  it('shows a viewer only masked numbers and no approve or reject', async () => {
    const page = await openNetworks(browser!, consoleApp.baseUrl, KEYS.viewer);
    const responses: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/networks/'))
        // A response of the page the reload left has no body any more: the reloaded page asks again.
        response.text().then(
          (text) => responses.push(text),
          () => undefined,
        );
    });
    await page.reload();
    await page.locator('[data-testid="network-graph"][data-edges]').waitFor();
    await page.getByTestId('proposals-table').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(artifacts, '01-networks-viewer.png'), fullPage: true });
    const shown = (await page.content()) + (await page.locator('body').innerText());
    for (const number of FULL_NUMBERS) expect(shown).not.toContain(number);
    expect(responses.length).toBeGreaterThanOrEqual(5);
    for (const text of responses) for (const number of FULL_NUMBERS) expect(text).not.toContain(number);
    // The proposal is pending, yet a viewer is offered no decision, and the API refuses one from the page.
    const row = page.locator('[data-testid="proposals-table"] tr[data-proposal-id="net-proposal-1"]');
    expect(await row.getAttribute('data-status')).toBe('pending');
    expect(await row.innerText()).toMatch(/\*\*\*77\s+caller\s+20/);
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reject' }).count()).toBe(0);
    expect(await page.getByLabel('Reason').count()).toBe(0);
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/networks/proposals/net-proposal-1/approve', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'a viewer tries anyway' }),
      });
      return response.status;
    });
    expect(status).toBe(403);
    expect(await readTopicsToEnd(kafka, [pipeline.topics.blocklist])).toEqual([]);
    await page.close();
  }, 60_000);
  it('shows the campaign graph, opens a victim’s evidence from an edge, and lets an analyst approve the proposal', async () => {
    const page = await openNetworks(browser!, consoleApp.baseUrl, KEYS.analyst);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const top = page.locator('[data-testid="network-top-numbers"] tr[data-number-key]');
    expect(await top.count()).toBe(1);
    expect(await top.first().innerText()).toMatch(/\*\*\*77\s+caller\s+net-campaign-1\s+20/);
    const graph = page.getByTestId('network-graph');
    expect(await graph.getAttribute('data-nodes')).toBe(String(VICTIMS + 1));
    expect(await graph.getAttribute('data-edges')).toBe(String(VICTIMS));
    await page.screenshot({ path: path.join(artifacts, '02-networks-analyst.png'), fullPage: true });

    // Click the edge of victim 7 where cytoscape drew it: the victim's alert opens in the evidence view.
    const box = (await graph.boundingBox())!;
    const midpoint = await graph.evaluate((element) => {
      const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
      return cy.edges('[alertId = "net-alert-7"]').first().renderedMidpoint();
    });
    await page.mouse.click(box.x + midpoint.x, box.y + midpoint.y);
    await page.waitForURL(/#\/alerts\/net-alert-7$/);
    await page.getByTestId('evidence-timeline').waitFor();
    expect(await page.locator('body').innerText()).toContain('***07');
    await page.screenshot({ path: path.join(artifacts, '03-edge-opens-evidence.png'), fullPage: true });
    await page.goBack();
    await page.getByTestId('proposals-table').waitFor();

    const row = page.locator('[data-testid="proposals-table"] tr[data-proposal-id="net-proposal-1"]');
    await row.getByLabel('Reason').fill('Twenty victims in two hours, one caller');
    await row.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Approved \*\*\*77: on the block list until/).waitFor({ timeout: 30_000 });
    await page
      .locator(
        '[data-testid="proposals-table"] tr[data-proposal-id="net-proposal-1"][data-status="approved"]',
      )
      .waitFor();
    const trail = page.locator('[data-testid="decision-trail"] tr[data-proposal-id="net-proposal-1"]');
    await trail.waitFor();
    expect(await trail.innerText()).toMatch(/demo-analyst\s+approved\s+\*\*\*77\s+20\s+Twenty victims/);
    await page.screenshot({ path: path.join(artifacts, '04-approved-with-audit-trail.png'), fullPage: true });

    const entries = (await readTopicsToEnd(kafka, [pipeline.topics.blocklist])).map((record) =>
      blocklistEntryV1.deserialize(record.value),
    );
    expect(entries).toEqual([
      expect.objectContaining({
        number: `msisdn:${CALLER}`,
        proposalId: 'net-proposal-1',
        approvedBy: 'demo-analyst',
        reason: 'Twenty victims in two hours, one caller',
      }),
    ]);
    expect(Date.parse(entries[0].expiresAt) - Date.parse(entries[0].approvedAt)).toBe(30 * 24 * 60 * MINUTE);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
