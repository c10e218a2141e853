import { runMigrations } from '@vigil/clickhouse';
import { BLOCKLIST_PROPOSALS_TOPIC, NETWORK_FINDINGS_TOPIC } from '@vigil/contracts';
import { DashboardQueries } from '../dashboard/dashboard-queries';
import { BlocklistDecisionRepository } from '../networks/blocklist-decision.repository';
import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { analyticsMigrations } from '../schema/analytics-migrations';
import { analyticsTables } from '../schema/analytics-tables';
import { AnalyticsSink } from '../sink/analytics-sink';
import { fixtureBatch } from './analytics-fixtures';
import {
  CALLER,
  DAY,
  HOUR,
  MULE,
  approved,
  at,
  callerFinding,
  muleFinding,
  networkFixtureBase as base,
  pendingProposal,
  undecidedApproval,
  victim,
} from './network-fixtures';
import {
  type EngineUnderTest,
  INJECTION_PAYLOADS,
  TEST_PSEUDONYM_SECRET,
  findInStringColumns,
} from './dashboard-contract.suite';

/**
 * Scam networks in the analytics store, run against one engine: the sink stores every version of a finding and
 * every decided proposal (replays included) and the network queries count each victim and decision once.
 */
export function describeNetworksContract(
  engineName: string,
  openEngine: () => Promise<EngineUnderTest>,
): void {
  describe(`scam networks in the analytics store on ${engineName}`, () => {
    let engine: EngineUnderTest;
    let queries: DashboardQueries;
    let decisions: BlocklistDecisionRepository;
    const pseudonyms = new SubscriberPseudonymizer(TEST_PSEUDONYM_SECRET);
    const range = { from: base, to: new Date(base.getTime() + 2 * DAY) };
    let deadLetters: { offset: string; reasonCode: string }[] = [];

    beforeAll(async () => {
      engine = await openEngine();
      await runMigrations(engine.executor, engine.database, analyticsMigrations);
      const sink = new AnalyticsSink(
        { executor: engine.executor, pseudonyms },
        { database: engine.database, lingerMs: 10 },
      );
      // Versions as victims grow, each batch twice (a replay).
      for (let replay = 0; replay < 2; replay += 1) {
        await sink.handleNetworkFindings(
          fixtureBatch(NETWORK_FINDINGS_TOPIC, [
            callerFinding(10, HOUR),
            callerFinding(20, 2 * HOUR),
            muleFinding(),
          ]),
        );
        const proposals = fixtureBatch(BLOCKLIST_PROPOSALS_TOPIC, [
          pendingProposal(),
          approved,
          undecidedApproval(),
        ]);
        await sink.handleBlocklistProposals(proposals);
        deadLetters = proposals.deadLetters;
      }
      decisions = new BlocklistDecisionRepository(engine.executor, engine.database, pseudonyms);
      await decisions.record(approved); // the console's own audit row of the same decision
      queries = new DashboardQueries(engine.executor, engine.database, pseudonyms);
    });

    afterAll(async () => {
      await engine?.dispose();
    });

    it('ranks numbers by distinct victims over every version and replay of their findings', async () => {
      expect(await queries.topNetworkNumbers({ ...range, limit: 5 })).toEqual([
        {
          numberKey: pseudonyms.party(CALLER).key,
          number: '***00',
          role: 'caller',
          campaignId: 'campaign-1',
          victims: 20,
          firstSeenAt: at(0),
          lastSeenAt: at(19 * 6 * 60_000),
          score: 1,
        },
        expect.objectContaining({ number: '***00', role: 'mule', victims: 8, score: 0.8 }),
      ]);
    });

    it('counts victims per scammer number per day (UTC days of the evidence)', async () => {
      const perDay = await queries.victimsPerNumberPerDay(range);
      const caller = pseudonyms.party(CALLER).key;
      const mule = pseudonyms.party(MULE).key;
      expect(perDay.map(({ day, numberKey, victims }) => ({ day, numberKey, victims }))).toEqual([
        { day: '2026-02-10', numberKey: caller, victims: 20 },
        { day: '2026-02-10', numberKey: mule, victims: 1 },
        { day: '2026-02-11', numberKey: mule, victims: 7 },
      ]);
      expect(await queries.victimsPerNumberPerDay({ ...range, numberKeys: [mule] })).toHaveLength(2);
    });

    it('draws the graph from pseudonyms: an edge per victim with the alert that opens its evidence', async () => {
      const graph = await queries.networkGraph({ ...range, numbers: 1 });
      expect(graph.numbers.map((number) => number.role)).toEqual(['caller']);
      expect(graph.edges).toHaveLength(20);
      expect(graph.edges[0]).toMatchObject({
        numberKey: pseudonyms.party(CALLER).key,
        victim: expect.stringMatching(/^\*\*\*\d\d$/),
        alertId: expect.stringMatching(/^alert-\d+$/),
        eventId: null,
        typology: 'prize_code_theft',
      });
      const mule = await queries.networkGraph({ ...range, numbers: 2 });
      expect(
        mule.edges
          .filter((edge) => edge.alertId === null)
          .map((edge) => edge.eventId)
          .sort(),
      ).toEqual(Array.from({ length: 8 }, (_, index) => `transfer-${index}`));
    });

    it("returns a finding's latest stored evidence", async () => {
      const finding = await queries.networkFinding({ findingId: 'finding-caller' });
      expect(finding).toMatchObject({ victimsCount: 20, number: '***00', role: 'caller' });
      expect(finding?.evidence).toHaveLength(20);
      expect(finding?.evidence[3]).toEqual({
        victimKey: pseudonyms.party(victim(3)).key,
        subscriber: '***03',
        occurredAt: at(18 * 60_000),
        alertId: 'alert-3',
        eventId: null,
        typology: 'prize_code_theft',
      });
      expect(await queries.networkFinding({ findingId: 'no-such-finding' })).toBeNull();
    });

    it('audits a decision once whoever wrote it, with the analyst, the masked reason and the expiry', async () => {
      const expected = {
        proposalId: 'proposal-caller',
        numberKey: pseudonyms.party(CALLER).key,
        number: '***00',
        role: 'caller',
        campaignId: 'campaign-1',
        findingId: 'finding-caller',
        victimsCount: 20,
        score: 1,
        decision: 'approved',
        reason: 'twenty victims, one voice; compare ***00',
        analyst: 'demo-analyst',
        decidedAt: at(3 * HOUR),
        expiresAt: at(3 * HOUR + 30 * DAY),
      };
      expect(await decisions.list(range)).toEqual([expected]);
      expect(await decisions.ofProposal('proposal-caller')).toEqual(expected);
      expect(await decisions.ofProposal('proposal-other')).toBeUndefined();
      expect(deadLetters.map((letter) => letter.reasonCode)).toEqual([
        'ANALYTICS_INVALID_BLOCKLIST_PROPOSAL',
      ]);
    });

    it('stores a rejection without an expiry', async () => {
      await decisions.record({
        ...approved,
        proposalId: 'proposal-rejected',
        status: 'rejected',
        expiresAt: undefined,
        decidedAt: at(4 * HOUR),
      });
      expect(await decisions.ofProposal('proposal-rejected')).toMatchObject({
        decision: 'rejected',
        expiresAt: null,
      });
    });

    it('treats injection payloads in every network filter as data: no match, the tables intact', async () => {
      for (const payload of INJECTION_PAYLOADS) {
        expect(await queries.victimsPerNumberPerDay({ ...range, numberKeys: [payload] })).toEqual([]);
        expect(await queries.networkFinding({ findingId: payload })).toBeNull();
        expect(await decisions.ofProposal(payload)).toBeUndefined();
      }
      expect(await queries.topNetworkNumbers(range)).toHaveLength(2);
      expect(await decisions.list(range)).toHaveLength(2);
    });

    it('never stores a full number in the network tables', async () => {
      const hits: string[] = [];
      for (const number of [CALLER, MULE, victim(0), victim(107)])
        hits.push(...(await findInStringColumns(engine, number)));
      expect(hits).toEqual([]);
      const [row] = await engine.executor.query<{ n: string | number }>(
        `SELECT count() AS n FROM ${engine.database}.${analyticsTables.networkFindings}`,
      );
      expect(Number(row.n)).toBeGreaterThanOrEqual(3);
    }, 30_000);
  });
}
