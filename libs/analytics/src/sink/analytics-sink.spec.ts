import { type SqlExecutor, toTabSeparated } from '@vigil/clickhouse';
import {
  ALERTS_TOPIC,
  BLOCKLIST_PROPOSALS_TOPIC,
  ENTITY_EVENTS_TOPIC,
  NETWORK_FINDINGS_TOPIC,
} from '@vigil/contracts';
import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { ENTITY_EVENT_COLUMNS, toEntityEventRow } from '../rows/entity-event-row';
import { fixtureAlerts, fixtureBatch, fixtureEntityEvents } from '../testing/analytics-fixtures';
import {
  HOUR,
  approved,
  callerFinding,
  muleFinding,
  pendingProposal,
  undecidedApproval,
} from '../testing/network-fixtures';
import { AnalyticsSink } from './analytics-sink';
import { analyticsSinkErrorCodes } from './analytics-sink.errors';

function recordingExecutor(failWith?: Error): SqlExecutor & { inserts: { table: string; rows: number }[] } {
  const inserts: { table: string; rows: number }[] = [];
  return {
    inserts,
    command: async () => undefined,
    query: async () => [],
    close: async () => undefined,
    insertRows: async (table, rows) => {
      if (failWith) throw failWith;
      inserts.push({ table, rows: rows.length });
    },
  };
}

describe(AnalyticsSink.name, () => {
  const pseudonyms = new SubscriberPseudonymizer('a-test-secret-of-enough-length');

  it('inserts valid records per table and dead-letters invalid ones', async () => {
    const executor = recordingExecutor();
    const sink = new AnalyticsSink({ executor, pseudonyms }, { database: 'vigil' });
    const events = fixtureBatch(ENTITY_EVENTS_TOPIC, [...fixtureEntityEvents(), { eventId: 'broken' }]);
    await sink.handleEntityEvents(events);
    await sink.handleAlerts(fixtureBatch(ALERTS_TOPIC, fixtureAlerts()));
    expect(executor.inserts).toEqual([
      { table: '`vigil`.`entity_events`', rows: fixtureEntityEvents().length },
      { table: '`vigil`.`alerts`', rows: fixtureAlerts().length },
    ]);
    expect(events.deadLetters).toEqual([
      {
        offset: String(fixtureEntityEvents().length),
        reasonCode: analyticsSinkErrorCodes.INVALID_ENTITY_EVENT,
      },
    ]);
  });

  it('stores every finding version and only decided proposals, dead-lettering what breaks the contract', async () => {
    const executor = recordingExecutor();
    const sink = new AnalyticsSink({ executor, pseudonyms }, { database: 'vigil' });
    const findings = fixtureBatch(NETWORK_FINDINGS_TOPIC, [
      callerFinding(10, HOUR),
      { ...muleFinding(), role: 'launderer' },
      callerFinding(20, 2 * HOUR),
    ]);
    const proposals = fixtureBatch(BLOCKLIST_PROPOSALS_TOPIC, [
      pendingProposal(),
      approved,
      undecidedApproval(),
      { proposalId: 'broken' },
    ]);
    await sink.handleNetworkFindings(findings);
    await sink.handleBlocklistProposals(proposals);
    expect(executor.inserts).toEqual([
      { table: '`vigil`.`network_findings`', rows: 2 },
      { table: '`vigil`.`blocklist_decisions`', rows: 1 },
    ]);
    expect(findings.deadLetters).toEqual([
      { offset: '1', reasonCode: analyticsSinkErrorCodes.INVALID_NETWORK_FINDING },
    ]);
    expect(proposals.deadLetters).toEqual([
      { offset: '2', reasonCode: analyticsSinkErrorCodes.INVALID_BLOCKLIST_PROPOSAL },
      { offset: '3', reasonCode: analyticsSinkErrorCodes.INVALID_BLOCKLIST_PROPOSAL },
    ]);
  });

  it('rejects the batch with the retriable error when the insert fails, so the adapter redelivers it', async () => {
    const unavailable = Object.assign(new Error('connect ECONNREFUSED'), { retriable: true });
    const sink = new AnalyticsSink(
      { executor: recordingExecutor(unavailable), pseudonyms },
      { database: 'vigil' },
    );
    await expect(
      sink.handleEntityEvents(fixtureBatch(ENTITY_EVENTS_TOPIC, fixtureEntityEvents())),
    ).rejects.toBe(unavailable);
  });

  it('sends entity events as TabSeparated chunks when the executor takes them, same rows as the row path', async () => {
    const sent: { table: string; text: string }[] = [];
    const executor = {
      ...recordingExecutor(),
      insertTabSeparated: async (table: string, columns: readonly string[], chunks: readonly Buffer[]) => {
        expect(columns).toEqual([...ENTITY_EVENT_COLUMNS]);
        sent.push({ table, text: Buffer.concat(chunks).toString('utf8') });
      },
    };
    const sink = new AnalyticsSink({ executor, pseudonyms }, { database: 'vigil', maxConcurrentBatches: 2 });
    const first = fixtureBatch(ENTITY_EVENTS_TOPIC, [...fixtureEntityEvents(), { eventId: 'broken' }], 0);
    const second = fixtureBatch(ENTITY_EVENTS_TOPIC, fixtureEntityEvents(), 1);
    await Promise.all([sink.handleEntityEvents(first), sink.handleEntityEvents(second)]);
    const rows = [...fixtureEntityEvents(), ...fixtureEntityEvents()].map((event) =>
      toEntityEventRow(event, pseudonyms),
    );
    expect(sent).toEqual([
      { table: '`vigil`.`entity_events`', text: toTabSeparated(ENTITY_EVENT_COLUMNS, rows) },
    ]); // both batches, handed over together, in one insert
    expect(first.deadLetters).toHaveLength(1);
    expect(executor.inserts).toEqual([]);
  });

  it('decodes large batches in slices, one batch after the other, and gives those queued together one insert', async () => {
    const inserted: number[] = [];
    const executor = {
      ...recordingExecutor(),
      insertTabSeparated: async (_table: string, _columns: readonly string[], chunks: readonly Buffer[]) =>
        void inserted.push(Buffer.concat(chunks).toString('utf8').split('\n').length - 1),
    };
    const sink = new AnalyticsSink(
      { executor, pseudonyms },
      { database: 'vigil', maxConcurrentBatches: 4, maxRowsPerInsert: 100_000 },
    );
    const [template] = fixtureEntityEvents();
    const events = (count: number, from: number): object[] =>
      Array.from({ length: count }, (_, i) => ({ ...template, eventId: `e${from + i}:call_in` }));
    const first = fixtureBatch(ENTITY_EVENTS_TOPIC, [...events(5_000, 0), { eventId: 'broken' }], 0);
    const second = fixtureBatch(ENTITY_EVENTS_TOPIC, events(3_000, 10_000), 1);
    await Promise.all([sink.handleEntityEvents(first), sink.handleEntityEvents(second)]);
    expect(inserted).toEqual([8_000]); // the second was still being decoded when the first was buffered
    expect(first.deadLetters).toEqual([
      { offset: '5000', reasonCode: analyticsSinkErrorCodes.INVALID_ENTITY_EVENT },
    ]);

    await sink.handleEntityEvents(fixtureBatch(ENTITY_EVENTS_TOPIC, events(2_500, 20_000), 2));
    expect(inserted).toEqual([8_000, 2_500]); // nothing else on the way: sent on its own
  });
});
