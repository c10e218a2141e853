import { runMigrations } from '@vigil/clickhouse';
import { RecordingSqlExecutor } from '../../../../test/support/recording-sql-executor';
import { analyticsMigrations } from './analytics-migrations';
import { analyticsShardingKeys, analyticsTables } from './analytics-tables';

/** Every statement a fresh run sends, on one server or on cluster `vigil`. */
async function migrationStatements(cluster?: string): Promise<string[]> {
  const executor = new RecordingSqlExecutor();
  await runMigrations(executor, 'vigil', analyticsMigrations, { cluster });
  return executor.statements;
}

const isDdl = (statement: string) => /^CREATE /.test(statement);
/** `name` → engine clause of every `CREATE TABLE … (columns) ENGINE = …` (not Distributed ones, which use AS). */
function engines(statements: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const statement of statements) {
    const match = /^CREATE TABLE IF NOT EXISTS `vigil`\.(\w+)[^(]*\(.*?\) ENGINE = (\w+(?:\([^)]*\))?)/s.exec(
      statement,
    );
    if (match) found.set(match[1], match[2]);
  }
  return found;
}

describe('analyticsMigrations on a cluster', () => {
  let clustered: string[];
  let single: string[];
  beforeAll(async () => {
    clustered = await migrationStatements('vigil');
    single = await migrationStatements();
  });

  it('runs every DDL statement ON CLUSTER, right after the object it creates', () => {
    const ddl = clustered.filter(isDdl);
    expect(ddl.length).toBeGreaterThan(20);
    for (const statement of ddl) {
      expect(statement).toMatch(
        /^CREATE (DATABASE|TABLE|MATERIALIZED VIEW) IF NOT EXISTS `vigil`(\.\w+)? ON CLUSTER `vigil`( |$)/,
      );
    }
  });

  it('stores every table of one server in a Replicated variant of the same engine, one Keeper path each', () => {
    const onOneServer = engines(single);
    const onCluster = engines(clustered);
    expect(onOneServer.size).toBe(Object.keys(analyticsTables).length + 1);
    for (const [table, engine] of onOneServer) {
      const stored = table === 'schema_migrations' ? table : `${table}_local`;
      const path =
        table === 'schema_migrations'
          ? `'/clickhouse/tables/all_shards/vigil/${stored}', '{shard}-{replica}'`
          : `'/clickhouse/tables/{shard}/vigil/${stored}', '{replica}'`;
      expect({ table, engine: onCluster.get(stored) }).toEqual({
        table,
        engine: `Replicated${engine}(${path})`,
      });
    }
    expect(onCluster.size).toBe(onOneServer.size);
  });

  it('keeps every name the services read and write, as a Distributed table over the shard tables', () => {
    for (const table of Object.values(analyticsTables)) {
      const key = (analyticsShardingKeys as Record<string, string>)[table];
      const engine = `Distributed('vigil', 'vigil', '${table}_local'${key ? `, ${key}` : ''})`;
      expect(clustered).toContain(
        `CREATE TABLE IF NOT EXISTS \`vigil\`.${table} ON CLUSTER \`vigil\` AS \`vigil\`.${table}_local ENGINE = ${engine}`,
      );
    }
  });

  it('shards what the services insert by keys a replay repeats, a subscriber, an alert or a scammer number per shard', () => {
    expect(analyticsShardingKeys).toEqual({
      [analyticsTables.entityEvents]: 'cityHash64(entity_key)',
      [analyticsTables.alerts]: 'cityHash64(entity_key)',
      [analyticsTables.alertFeedback]: 'cityHash64(alert_id)',
      [analyticsTables.scamSignalChecks]: 'cityHash64(subscriber_key)',
      [analyticsTables.ruleHistory]: 'cityHash64(rule_id)',
      [analyticsTables.networkFindings]: 'cityHash64(number_key)',
      [analyticsTables.blocklistDecisions]: 'cityHash64(number_key)',
    });
  });

  it('adds a column to the shard tables and makes the Distributed table that reads them again', () => {
    const added = clustered.filter((statement) => statement.includes('ADD COLUMN'));
    expect(added).toEqual([
      'ALTER TABLE `vigil`.entity_events_local ON CLUSTER `vigil` ADD COLUMN occurred_ms UInt16 DEFAULT 0',
    ]);
    // 18.16 refuses ALTER … ON CLUSTER on a Distributed table over replicated shards.
    const dropped = clustered.indexOf('DROP TABLE IF EXISTS `vigil`.entity_events ON CLUSTER `vigil`');
    expect(dropped).toBeGreaterThan(clustered.indexOf(added[0]));
    expect(clustered[dropped + 1]).toMatch(
      /^CREATE TABLE IF NOT EXISTS `vigil`\.entity_events ON CLUSTER .* AS `vigil`\.entity_events_local ENGINE = Distributed/,
    );
  });

  it('feeds each shard aggregate from the same shard raw table', () => {
    const views = clustered.filter((statement) => statement.startsWith('CREATE MATERIALIZED VIEW'));
    expect(views).toHaveLength(5);
    for (const view of views) {
      const [, to] = /\bTO `vigil`\.(\w+) AS/.exec(view) ?? [];
      const [, from] = /\bFROM `vigil`\.(\w+)/.exec(view) ?? [];
      expect({ to, from }).toEqual({
        to: expect.stringMatching(/_local$/),
        from: expect.stringMatching(/_local$/),
      });
    }
  });

  it('leaves every statement of one server free of cluster syntax', () => {
    expect(
      single.filter((statement) => /ON CLUSTER|Replicated|Distributed|_local\b/.test(statement)),
    ).toEqual([]);
  });
});
