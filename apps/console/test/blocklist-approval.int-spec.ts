import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { analyticsMigrations, analyticsTables } from '@vigil/analytics';
import { HttpSqlExecutor, createClickHouseClient, runMigrations } from '@vigil/clickhouse';
import {
  blocklistEntryV1,
  blocklistProposalV1,
  prefixedTopicSpecs,
  topicNames,
  type BlocklistEntryV1,
  type BlocklistProposalV1,
} from '@vigil/contracts';
import { CompactedTopicReader, ensureTopics, type Kafka } from '@vigil/kafka';
import { ConsoleHttpClient } from '../../../test/support/console-http-client';
import { testKafka } from '../../../test/support/kafka-test-kit';
import { uniqueTestName } from '../../../test/support/test-names';
import { freePort } from '../../../tools/support/service-process';
import { loadConsoleEnv } from '../src/console.config';
import { ConsoleModule } from '../src/console.module';
import { bodyParseErrors } from '../src/http/body-parse-errors';
import { mutatingRequestPolicy } from '../src/http/mutating-request.policy';

const CALLER = '77775550123';
const MULE = '77075550456';
const DAY_MS = 86_400_000;
const FULL_NUMBER = /(?<![\w])\d{8,15}(?![\w])/;

function pending(proposalId: string, number: string, role: 'caller' | 'mule'): BlocklistProposalV1 {
  return {
    proposalId,
    number: `msisdn:${number}`,
    role,
    campaignId: `campaign-${proposalId}`,
    findingId: `finding-${proposalId}`,
    victimsCount: role === 'caller' ? 20 : 8,
    score: 0.9,
    evidenceAlertIds: role === 'caller' ? ['alert-a', 'alert-b'] : [],
    proposedAt: new Date(Date.now() - 60_000).toISOString(),
    status: 'pending',
  };
}

/** Every record of a topic, oldest first (compaction may not have run: every version is there). */
async function readTopic(
  kafka: Kafka,
  topic: string,
): Promise<{ key: string | null; value: Buffer | null }[]> {
  const records: { key: string | null; value: Buffer | null }[] = [];
  await new CompactedTopicReader(kafka, {
    topic,
    groupId: uniqueTestName('blocklist-reader'),
    follow: false,
    catchUpTimeoutMs: 20_000,
    onRecord: ({ key, value }) => records.push({ key, value }),
  }).start();
  return records;
}

// The approval API in-process over the real broker and the real ClickHouse: HTTP, session guard and roles as in
// production (the same module main.ts boots), topics and database of this test alone.
// A loaded CI machine runs two stacks side by side: a first read of a fresh topic can take more than jest's 5 s.
jest.setTimeout(30_000);

describe('block-list approval (console API, real Kafka and ClickHouse)', () => {
  const prefix = `${uniqueTestName('int-blocklist')}.`;
  const topics = topicNames(prefix);
  const database = uniqueTestName('vigil_blocklist');
  const kafka = testKafka();
  const executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));
  let app: INestApplication;
  let client: ConsoleHttpClient;
  const tokens = { viewer: '', analyst: '' };

  beforeAll(async () => {
    await ensureTopics(
      kafka,
      prefixedTopicSpecs(prefix).filter((spec) =>
        [topics.blocklistProposals, topics.blocklist, topics.rules].includes(spec.name),
      ),
      3,
    );
    await runMigrations(executor, database, analyticsMigrations);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topics.blocklistProposals,
      acks: -1,
      messages: [pending('p-caller', CALLER, 'caller'), pending('p-mule', MULE, 'mule')].map((proposal) => ({
        key: proposal.number,
        value: blocklistProposalV1.serialize(proposal),
      })),
    });
    await producer.disconnect();
    const env = loadConsoleEnv({
      VIGIL_ENV: 'development',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
      CLICKHOUSE_DATABASE: database,
      VIGIL_TOPIC_PREFIX: prefix,
      ALERT_ROUTER_URL: 'http://127.0.0.1:9', // no router: the live feed is not this test's subject
      HTTP_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    });
    const nest = await NestFactory.create<NestExpressApplication>(ConsoleModule.forRoot(env), {
      bodyParser: false,
      logger: ['error'],
    });
    nest.use(mutatingRequestPolicy());
    nest.useBodyParser('json', { limit: '128kb' });
    nest.use(bodyParseErrors());
    await nest.listen(env.HTTP_PORT, '127.0.0.1');
    app = nest;
    client = new ConsoleHttpClient(`http://127.0.0.1:${env.HTTP_PORT}`);
    tokens.viewer = await client.signIn('vigil-demo-viewer-key-2026');
    tokens.analyst = await client.signIn('vigil-demo-analyst-key-2026');
    // Decisions and lists wait for the proposals topic to be read to its end (503 until then).
    for (let waited = 0; waited < 60_000; waited += 250) {
      const response = await client.call('GET', '/api/networks/proposals', { token: tokens.analyst });
      await response.arrayBuffer();
      if (response.status !== 503) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await executor.command(`DROP DATABASE IF EXISTS ${database}`);
    await executor.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [topics.blocklistProposals, topics.blocklist, topics.rules] })
      .catch(() => undefined);
    await admin.disconnect();
  }, 60_000);

  const decide = (token: string, proposalId: string, action: 'approve' | 'reject', body: unknown) =>
    client.call('POST', `/api/networks/proposals/${proposalId}/${action}`, { token, body });

  async function auditRows(proposalId: string): Promise<Record<string, unknown>[]> {
    return executor.query(
      `SELECT proposal_id, number_display, decision, reason, analyst, toUInt32(decided_at) AS decided_s,
        toUInt32(expires_at) AS expires_s
      FROM ${database}.${analyticsTables.blocklistDecisions} WHERE proposal_id = '${proposalId}'`,
    );
  }

  it('lists the proposals with masked numbers for a viewer, who may not decide them', async () => {
    const response = await client.call('GET', '/api/networks/proposals?status=pending', {
      token: tokens.viewer,
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toMatch(FULL_NUMBER);
    const proposals = JSON.parse(text) as { proposalId: string; number: string; status: string }[];
    expect(proposals.map(({ proposalId, number, status }) => ({ proposalId, number, status }))).toEqual([
      { proposalId: 'p-caller', number: '***23', status: 'pending' },
      { proposalId: 'p-mule', number: '***56', status: 'pending' },
    ]);
    const detail = await client.call('GET', '/api/networks/proposals/p-caller', { token: tokens.viewer });
    expect(detail.status).toBe(200);
    // No finding stored in this test's database: the proposal alone, with the alerts it names.
    expect(await detail.json()).toMatchObject({
      number: '***23',
      evidenceAlertIds: ['alert-a', 'alert-b'],
      finding: null,
    });
    for (const action of ['approve', 'reject'] as const)
      expect((await decide(tokens.viewer, 'p-caller', action, { reason: 'viewer tries' })).status).toBe(403);
    expect((await decide('', 'p-caller', 'approve', { reason: 'no session' })).status).toBe(401);
    expect(await auditRows('p-caller')).toEqual([]);
  });

  it('refuses a decision without a reason', async () => {
    expect((await decide(tokens.analyst, 'p-caller', 'approve', {})).status).toBe(400);
    expect((await decide(tokens.analyst, 'p-caller', 'approve', { reason: '  ' })).status).toBe(400);
    expect((await decide(tokens.analyst, 'no-such-proposal', 'approve', { reason: 'campaign' })).status).toBe(
      404,
    );
  });

  it('approves: the audit row, the block-list entry with its expiry and analyst, and the decided proposal', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const response = await decide(tokens.analyst, 'p-caller', 'approve', {
      reason: 'Twenty victims in two hours, all prize-code theft',
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      emitted: boolean;
      entry: { number: string; expiresAt: string };
    };
    expect(answer).toMatchObject({ emitted: true, entry: { number: '***23' } });

    const entries = (await readTopic(kafka, topics.blocklist)).map((record) => ({
      key: record.key,
      entry: blocklistEntryV1.deserialize(record.value),
    }));
    expect(entries).toHaveLength(1);
    const entry: BlocklistEntryV1 = entries[0].entry;
    expect(entries[0].key).toBe(`msisdn:${CALLER}`);
    expect(entry).toMatchObject({
      number: `msisdn:${CALLER}`,
      role: 'caller',
      proposalId: 'p-caller',
      campaignId: 'campaign-p-caller',
      approvedBy: 'demo-analyst',
      reason: 'Twenty victims in two hours, all prize-code theft',
    });
    const approvedAt = Date.parse(entry.approvedAt);
    expect(approvedAt).toBeGreaterThanOrEqual(before);
    expect(Date.parse(entry.expiresAt) - approvedAt).toBe(30 * DAY_MS);

    const decided = (await readTopic(kafka, topics.blocklistProposals))
      .filter((record) => record.key === `msisdn:${CALLER}`)
      .map((record) => blocklistProposalV1.deserialize(record.value));
    expect(decided.map((record) => record.status)).toEqual(['pending', 'approved']);
    expect(decided[1]).toMatchObject({ decidedBy: 'demo-analyst', expiresAt: entry.expiresAt });

    expect(await auditRows('p-caller')).toEqual([
      {
        proposal_id: 'p-caller',
        number_display: '***23',
        decision: 'approved',
        reason: 'Twenty victims in two hours, all prize-code theft',
        analyst: 'demo-analyst',
        decided_s: approvedAt / 1000,
        expires_s: Date.parse(entry.expiresAt) / 1000,
      },
    ]);
  });

  it('approves again without emitting anything, and refuses to reject what is approved', async () => {
    const again = await decide(tokens.analyst, 'p-caller', 'approve', { reason: 'clicked twice' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { emitted: boolean }).emitted).toBe(false);
    expect((await decide(tokens.analyst, 'p-caller', 'reject', { reason: 'changed my mind' })).status).toBe(
      409,
    );
    expect(await readTopic(kafka, topics.blocklist)).toHaveLength(1);
    const proposals = await readTopic(kafka, topics.blocklistProposals);
    expect(proposals.filter((record) => record.key === `msisdn:${CALLER}`)).toHaveLength(2);
    expect(await auditRows('p-caller')).toHaveLength(1);
  });

  it('rejects with a reason: audited, no block-list entry', async () => {
    const response = await decide(tokens.analyst, 'p-mule', 'reject', { reason: 'A family paying rent' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      emitted: true,
      entry: null,
      proposal: { status: 'rejected' },
    });
    expect((await readTopic(kafka, topics.blocklist)).map((record) => record.key)).toEqual([
      `msisdn:${CALLER}`,
    ]);
    expect(await auditRows('p-mule')).toEqual([
      expect.objectContaining({ decision: 'rejected', reason: 'A family paying rent', expires_s: 0 }),
    ]);
  });

  it('shows the audit trail to every role, numbers masked', async () => {
    const response = await client.call('GET', '/api/networks/decisions', { token: tokens.viewer });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toMatch(FULL_NUMBER);
    const trail = JSON.parse(text) as { proposalId: string; decision: string; analyst: string }[];
    expect(
      trail
        .map(({ proposalId, decision, analyst }) => ({ proposalId, decision, analyst }))
        .sort((a, b) => a.proposalId.localeCompare(b.proposalId)),
    ).toEqual([
      { proposalId: 'p-caller', decision: 'approved', analyst: 'demo-analyst' },
      { proposalId: 'p-mule', decision: 'rejected', analyst: 'demo-analyst' },
    ]);
  });

  it('follows a new proposal for a decided number and decides it on its own', async () => {
    const renewed = { ...pending(`p-caller-${randomUUID()}`, CALLER, 'caller'), victimsCount: 45 };
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topics.blocklistProposals,
      acks: -1,
      messages: [{ key: renewed.number, value: blocklistProposalV1.serialize(renewed) }],
    });
    await producer.disconnect();
    let listed: { proposalId: string; status: string }[] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      listed = (await (
        await client.call('GET', '/api/networks/proposals?status=pending', { token: tokens.analyst })
      ).json()) as typeof listed;
      if (listed.some((proposal) => proposal.proposalId === renewed.proposalId)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(listed.map((proposal) => proposal.proposalId)).toEqual([renewed.proposalId]);
    // The old proposal was replaced: deciding it now is a conflict, not a second block.
    expect((await decide(tokens.analyst, 'p-caller', 'approve', { reason: 'old one' })).status).toBe(409);
    expect(
      (await decide(tokens.analyst, renewed.proposalId, 'reject', { reason: 'already blocked' })).status,
    ).toBe(200);
  });
});
