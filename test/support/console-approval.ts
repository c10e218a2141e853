import { analyticsMigrations } from '@vigil/analytics';
import { HttpSqlExecutor, createClickHouseClient, runMigrations } from '@vigil/clickhouse';
import { blocklistEntryV1, type BlocklistEntryV1 } from '@vigil/contracts';
import type { Kafka } from '@vigil/kafka';
import { readTopicsToEnd } from '../../tools/support/kafka-topic-reader';
import type { LocalPipeline } from '../../tools/support/local-pipeline';
import { ConsoleHttpClient } from './console-http-client';

const ANALYST_KEY = 'vigil-demo-analyst-key-2026';

/** A pending proposal as the console lists it (numbers masked). */
export interface ListedProposal {
  proposalId: string;
  number: string;
  role: string;
  victimsCount: number;
  evidenceAlertIds: string[];
  status: string;
}

/**
 * The analyst's step of a pipeline test: starts the built console on the pipeline's topics (its audit table migrated
 * in `database`), waits until it lists a pending proposal `matching`, approves it with `reason` through the API and
 * returns the proposal and the block-list entry that appeared on `vigil.blocklist.v1` for it.
 */
export async function approveInConsole(
  pipeline: LocalPipeline,
  kafka: Kafka,
  options: {
    database: string;
    reason: string;
    matching?: (proposal: ListedProposal) => boolean;
    timeoutMs?: number;
  },
): Promise<{ proposal: ListedProposal; entry: BlocklistEntryV1; entries: BlocklistEntryV1[] }> {
  const executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));
  try {
    await runMigrations(executor, options.database, analyticsMigrations);
  } finally {
    await executor.close();
  }
  const consoleApp = await pipeline.start('console', {
    CLICKHOUSE_DATABASE: options.database,
    CONSOLE_SESSION_SECRET: 'e2e-console-session-secret-0123456789',
  });
  const client = new ConsoleHttpClient(consoleApp.baseUrl);
  const token = await client.signIn(ANALYST_KEY);
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let proposal: ListedProposal | undefined;
  while (!proposal) {
    const response = await client.call('GET', '/api/networks/proposals?status=pending', { token });
    const listed = response.ok ? ((await response.json()) as ListedProposal[]) : [];
    proposal = listed.find(options.matching ?? (() => true));
    if (proposal) break;
    if (Date.now() > deadline) throw new Error('the console listed no matching pending proposal');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const approved = await client.call(
    'POST',
    `/api/networks/proposals/${encodeURIComponent(proposal.proposalId)}/approve`,
    { token, body: { reason: options.reason } },
  );
  if (approved.status !== 200)
    throw new Error(`approve answered ${approved.status}: ${await approved.text()}`);
  const entries = (await readTopicsToEnd(kafka, [pipeline.topics.blocklist])).map((record) =>
    blocklistEntryV1.deserialize(record.value),
  );
  const entry = entries.find((candidate) => candidate.proposalId === proposal.proposalId);
  if (!entry) throw new Error(`no block-list entry for ${proposal.proposalId}`);
  return { proposal, entry, entries };
}
