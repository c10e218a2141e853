import { HttpSqlExecutor, type SqlExecutor, createClickHouseClient, runMigrations } from '@vigil/clickhouse';
import {
  ALERTS_TOPIC,
  BLOCKLIST_PROPOSALS_TOPIC,
  ENTITY_EVENTS_TOPIC,
  NETWORK_FINDINGS_TOPIC,
} from '@vigil/contracts';
import { clusterRequirements } from '../../../../test/support/clickhouse-cluster/cluster-requirements';
import {
  type LocalClickHouseCluster,
  startLocalClickHouseCluster,
} from '../../../../test/support/clickhouse-cluster/local-clickhouse-cluster';
import { uniqueTestName } from '../../../../test/support/test-names';
import { DashboardQueries } from '../dashboard/dashboard-queries';
import { AlertFeedbackRepository } from '../feedback/alert-feedback.repository';
import { BlocklistDecisionRepository } from '../networks/blocklist-decision.repository';
import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { applyAnalyticsRetention } from '../retention/analytics-retention';
import { AnalyticsSink } from '../sink/analytics-sink';
import { HttpTabSeparatedExecutor } from '../sink/tab-separated-insert';
import {
  fixtureAlerts,
  fixtureBase,
  fixtureBatch,
  fixtureEntityEvents,
  fixtureNumbers,
} from '../testing/analytics-fixtures';
import { TEST_PSEUDONYM_SECRET } from '../testing/dashboard-contract.suite';
import {
  DAY,
  HOUR,
  approved,
  callerFinding,
  muleFinding,
  networkFixtureBase,
  pendingProposal,
} from '../testing/network-fixtures';
import { analyticsMigrations } from './analytics-migrations';
import { analyticsTables as t } from './analytics-tables';

// The cluster path end to end on ClickHouse 18.16: two shards (one replica each) and a ZooKeeper, started for this
// file only. The same data goes through the sink into the cluster and into a single server (the test stack), and
// every dashboard query must answer the same on both: the services keep their table names and SQL unchanged.
const requirements = clusterRequirements();
if (!requirements.available) console.warn(`[analytics-cluster] skipped: ${requirements.reason}`);
const describeWithCluster = requirements.available ? describe : describe.skip;

const pseudonyms = new SubscriberPseudonymizer(TEST_PSEUDONYM_SECRET);
const range = { from: fixtureBase, to: new Date(fixtureBase.getTime() + 2 * 3_600_000) };
const networkRange = { from: networkFixtureBase, to: new Date(networkFixtureBase.getTime() + 2 * DAY) };

/**
 * What the dashboard contract writes: every sink batch twice, then analysts' feedback. The replay comes in reverse
 * order, as a redelivery cut at other batch boundaries would: Replicated tables drop an insert whose block they
 * have seen already, so only a differently composed replay shows that copies of a row meet on one shard.
 */
async function writeFixtures(executor: SqlExecutor, database: string): Promise<void> {
  const sink = new AnalyticsSink({ executor, pseudonyms }, { database, lingerMs: 10 });
  for (const order of [(rows: object[]) => rows, (rows: object[]) => [...rows].reverse()]) {
    await sink.handleEntityEvents(fixtureBatch(ENTITY_EVENTS_TOPIC, order(fixtureEntityEvents())));
    await sink.handleAlerts(fixtureBatch(ALERTS_TOPIC, order(fixtureAlerts())));
    const findings = [callerFinding(10, HOUR), callerFinding(20, 2 * HOUR), muleFinding()];
    await sink.handleNetworkFindings(fixtureBatch(NETWORK_FINDINGS_TOPIC, order(findings)));
    await sink.handleBlocklistProposals(
      fixtureBatch(BLOCKLIST_PROPOSALS_TOPIC, [pendingProposal(), approved]),
    );
  }
  await new BlocklistDecisionRepository(executor, database, pseudonyms).record(approved);
  const feedback = new AlertFeedbackRepository(executor, database);
  const labelledAt = new Date(fixtureBase.getTime() + 3 * 3_600_000);
  for (const analyst of ['ana', 'ana']) {
    await feedback.record({ alertId: 'alert-theft', verdict: 'confirmed_fraud', analyst, at: labelledAt });
  }
  await feedback.record({ alertId: 'alert-bulk', verdict: 'false_positive', analyst: 'bo', at: labelledAt });
  const later = new Date(labelledAt.getTime() + 60_000);
  await feedback.record({ alertId: 'alert-bulk', verdict: 'confirmed_fraud', analyst: 'cy', at: later });
}

/** Every dashboard query the console serves, with filters that reach each table. */
function dashboardAnswers(queries: DashboardQueries): Promise<unknown[]> {
  return Promise.all([
    queries.eventsOverTime({ ...range, bucketMinutes: 60 }),
    queries.alertsOverTime({ ...range, bucketMinutes: 1440 }),
    queries.alertsOverTime({ ...range, bucketMinutes: 60, stages: ['confirmed'] }),
    queries.topBulkSenders({ ...range, limit: 5 }),
    queries.subscriberTimeline({ msisdn: fixtureNumbers.victim, limit: 50 }),
    queries.rulePrecision(range),
    queries.alertList({ ...range, pageSize: 2 }),
    queries.alertList({ ...range, pageSize: 2, page: 1 }),
    queries.alertList({ ...range, msisdn: fixtureNumbers.scammer, stages: ['confirmed'] }),
    queries.alertDetail({ alertId: 'alert-theft' }),
    queries.alertDetail({ alertId: 'alert-bulk' }),
    queries.topNetworkNumbers(networkRange),
    queries.victimsPerNumberPerDay(networkRange),
    queries.networkGraph(networkRange),
    queries.networkFinding({ findingId: 'finding-caller' }),
  ]);
}

/** Retries `check` every 100 ms for up to 10 s; replication is asynchronous. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function count(executor: SqlExecutor, sql: string): Promise<number> {
  const [row] = await executor.query<{ n: string }>(sql);
  return Number(row.n);
}

describeWithCluster('analytics schema on a two-shard ClickHouse cluster (18.16, ZooKeeper)', () => {
  const database = uniqueTestName('vigil_cluster');
  let cluster: LocalClickHouseCluster | undefined;
  /** One executor per server, shard 1 first. */
  let servers: SqlExecutor[] = [];
  let singleServer: SqlExecutor | undefined;
  let clusterName: string;

  beforeAll(async () => {
    if (!requirements.available) return;
    cluster = await startLocalClickHouseCluster(requirements.binaries, { shards: 2 });
    clusterName = cluster.name;
    servers = cluster.nodes.map(({ url }) => new HttpTabSeparatedExecutor(createClickHouseClient({ url })));
    singleServer = new HttpSqlExecutor(createClickHouseClient({ url: process.env.CLICKHOUSE_URL ?? '' }));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await cluster?.stop();
    await singleServer?.command(`DROP DATABASE IF EXISTS ${database}`);
    await singleServer?.close();
  }, 60_000);

  it('applies every migration ON CLUSTER, and a second run from another server applies nothing', async () => {
    const first = await runMigrations(servers[0], database, analyticsMigrations, { cluster: clusterName });
    const versions = analyticsMigrations.map((migration) => migration.version);
    expect(first.applied.map((migration) => migration.version)).toEqual(versions);
    // The ledger reaches the other server by replication, a moment after the insert.
    const ledger = `SELECT count() AS n FROM ${database}.schema_migrations FINAL`;
    await eventually(async () => expect(await count(servers[1], ledger)).toBe(versions.length));
    const second = await runMigrations(servers[1], database, analyticsMigrations, { cluster: clusterName });
    expect(second).toEqual({ applied: [], alreadyApplied: versions.length });
  }, 60_000);

  it('gives every server Replicated shard tables, materialized views and Distributed tables', async () => {
    for (const server of servers) {
      const tables = await server.query<{ name: string; engine: string }>(
        `SELECT name, engine FROM system.tables WHERE database = '${database}' ORDER BY name`,
      );
      const engineOf = new Map(tables.map(({ name, engine }) => [name, engine]));
      for (const table of Object.values(t)) {
        expect({ table, engine: engineOf.get(table) }).toEqual({ table, engine: 'Distributed' });
        expect(engineOf.get(`${table}_local`)).toMatch(/^Replicated(Replacing|Aggregating)MergeTree$/);
      }
      expect(engineOf.get('schema_migrations')).toBe('ReplicatedReplacingMergeTree');
      expect(tables.filter(({ engine }) => engine === 'MaterializedView')).toHaveLength(5);
    }
  });

  it('writes through the Distributed tables onto both shards, each subscriber and its replays on one', async () => {
    await writeFixtures(servers[0], database);
    const keysPerShard = await Promise.all(
      servers.map((server) =>
        server.query<{ entity_key: string; rows: string }>(
          `SELECT entity_key, count() AS rows FROM ${database}.${t.entityEvents}_local GROUP BY entity_key`,
        ),
      ),
    );
    expect(keysPerShard.every((keys) => keys.length > 0)).toBe(true);
    const [first, second] = keysPerShard.map((keys) => new Set(keys.map((key) => key.entity_key)));
    expect([...first].filter((key) => second.has(key))).toEqual([]);
    // Without FINAL: every stored copy of an event, replays included, is on the shard of its first copy.
    const idsPerShard = await Promise.all(
      servers.map(async (server) => {
        const rows = await server.query<{ event_id: string }>(
          `SELECT DISTINCT event_id FROM ${database}.${t.entityEvents}_local`,
        );
        return rows.map((row) => row.event_id);
      }),
    );
    expect(idsPerShard.flat().sort()).toEqual(
      fixtureEntityEvents()
        .map((event) => event.eventId)
        .sort(),
    );
    const stored = await count(servers[1], `SELECT count() AS n FROM ${database}.${t.entityEvents} FINAL`);
    expect(stored).toBe(fixtureEntityEvents().length);
  }, 60_000);

  it('answers every dashboard query exactly as a single server does, counting replays once', async () => {
    await runMigrations(singleServer!, database, analyticsMigrations);
    await writeFixtures(singleServer!, database);
    // Read through the server that did not take the inserts: any server answers for the whole cluster.
    const onCluster = await dashboardAnswers(new DashboardQueries(servers[1], database, pseudonyms));
    const onOneServer = await dashboardAnswers(new DashboardQueries(singleServer!, database, pseudonyms));
    const decisionsOn = (server: SqlExecutor) =>
      new BlocklistDecisionRepository(server, database, pseudonyms).list(networkRange);
    expect(await decisionsOn(servers[1])).toEqual(await decisionsOn(singleServer!));
    expect(await decisionsOn(servers[1])).toHaveLength(1);
    expect(onCluster).toEqual(onOneServer);
    const [events] = onCluster as { events: number }[][];
    expect(events.reduce((sum, point) => sum + point.events, 0)).toBe(fixtureEntityEvents().length);
  }, 60_000);

  it('drops expired partitions from the shard tables of every server', async () => {
    const dropped = await applyAnalyticsRetention(
      servers[1],
      database,
      { events: 1, alerts: 400 },
      new Date(fixtureBase.getTime() + 3 * 86_400_000),
      { cluster: clusterName },
    );
    expect(dropped.map((item) => item.table).sort()).toEqual([
      t.bulkSendersPerHour,
      t.entityEvents,
      t.eventsPerMinute,
    ]);
    for (const server of servers) {
      expect(await count(server, `SELECT count() AS n FROM ${database}.${t.entityEvents}_local`)).toBe(0);
      expect(await count(server, `SELECT count() AS n FROM ${database}.${t.eventsPerMinute}_local`)).toBe(0);
    }
    const queries = new DashboardQueries(servers[0], database, pseudonyms);
    expect(await queries.eventsOverTime(range)).toEqual([]);
    expect((await queries.alertList(range)).items).toHaveLength(fixtureAlerts().length);
  }, 60_000);
});
