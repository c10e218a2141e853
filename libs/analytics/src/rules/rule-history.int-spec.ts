import { HttpSqlExecutor, createClickHouseClient, runMigrations } from '@vigil/clickhouse';
import { uniqueTestName } from '../../../../test/support/test-names';
import { analyticsMigrations } from '../schema/analytics-migrations';
import { RuleHistoryRepository, type RuleHistoryEntry } from './rule-history.repository';

describe(`${RuleHistoryRepository.name} on the real ClickHouse`, () => {
  const database = uniqueTestName('vigil_rule_history');
  const executor = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL! }));
  const history = new RuleHistoryRepository(executor, database);
  const entry = (version: number, action: RuleHistoryEntry['action'], at: string): RuleHistoryEntry => ({
    ruleId: 'spyware_offer',
    version,
    action,
    at,
    actor: 'ana',
    reason: `v${version} ${action}`,
    source: 'spyware-offer.yaml',
    yaml: action === 'withdrawn' ? '' : `id: spyware_offer\nversion: ${version}\n`,
  });

  beforeAll(() => runMigrations(executor, database, analyticsMigrations));

  afterAll(async () => {
    await executor.command(`DROP DATABASE IF EXISTS ${database}`);
    await executor.close();
  });

  it('keeps every version with who, when, why and its back-test, and finds a replaced one to restore', async () => {
    const backtest = {
      by: 'bob',
      ranAt: '2026-03-02T09:00:00.000Z',
      from: '2026-02-23T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
      against: 'live',
      eventsInRange: 1200,
      candidateAlerts: 10,
      baselineAlerts: 12,
      added: 0,
      removed: 2,
      common: 10,
      precision: { baseline: 0.5, candidate: 0.8 },
      contactMemoryComplete: true,
    };
    await history.record([entry(1, 'published', '2026-03-01T10:00:00Z')]);
    await history.record([{ ...entry(2, 'published', '2026-03-02T10:00:00Z'), backtest }]);
    await history.record([entry(2, 'withdrawn', '2026-03-03T10:00:00Z')]);
    // A retried insert of the same change is one change.
    await history.record([entry(2, 'withdrawn', '2026-03-03T10:00:00Z')]);
    const listed = await history.list('spyware_offer');
    expect(listed.map((item) => `${item.version} ${item.action} ${item.at}`)).toEqual([
      '1 published 2026-03-01T10:00:00.000Z',
      '2 published 2026-03-02T10:00:00.000Z',
      '2 withdrawn 2026-03-03T10:00:00.000Z',
    ]);
    expect(listed[1]).toMatchObject({ actor: 'ana', reason: 'v2 published', backtest });
    expect(await history.version('spyware_offer', 1)).toMatchObject({
      yaml: 'id: spyware_offer\nversion: 1\n',
    });
    expect(await history.version('spyware_offer', 3)).toBeUndefined();
    expect(await history.list('other_rule')).toEqual([]);
  });
});
