import { type SqlExecutor, runMigrations } from '@vigil/clickhouse';
import { ALERTS_TOPIC, ENTITY_EVENTS_TOPIC } from '@vigil/contracts';
import { type AlertFeedbackInput, AlertFeedbackRepository } from '../feedback/alert-feedback.repository';
import { DashboardFilterError } from '../dashboard/dashboard.errors';
import { DashboardQueries } from '../dashboard/dashboard-queries';
import { SubscriberPseudonymizer } from '../pseudonym/subscriber-pseudonymizer';
import { analyticsMigrations } from '../schema/analytics-migrations';
import { analyticsTables } from '../schema/analytics-tables';
import { AnalyticsSink } from '../sink/analytics-sink';
import { applyAnalyticsRetention } from '../retention/analytics-retention';
import {
  BULK_RECIPIENTS,
  fixtureAlerts,
  fixtureBase,
  fixtureBatch,
  fixtureEntityEvents,
  fixtureNumbers,
} from './analytics-fixtures';

/** A database on some ClickHouse engine, fresh for one suite. */
export interface EngineUnderTest {
  executor: SqlExecutor;
  database: string;
  dispose(): Promise<void>;
}

export const TEST_PSEUDONYM_SECRET = 'vigil-test-pseudonym-secret';

/** Payloads that would change a query's meaning if they ever reached SQL unquoted. */
export const INJECTION_PAYLOADS = [
  "' OR 1=1 --",
  "x' OR '1'='1",
  "\\' OR 1=1 --",
  "alert-theft' OR alert_id != '",
  '1); DROP TABLE alerts; --',
  "' UNION ALL SELECT * FROM system.tables --",
  'prize_code_theft\u0000',
  '`alerts`',
  "') OR ('a'='a",
];

/**
 * The dashboard contract, run against one engine: migrations apply twice without change, a replayed sink batch
 * counts once everywhere, every dashboard query answers correctly, retention drops old partitions, and injection
 * payloads in every filter are refused or match nothing.
 */
export function describeDashboardContract(
  engineName: string,
  openEngine: () => Promise<EngineUnderTest>,
): void {
  describe(`analytics schema and dashboard queries on ${engineName}`, () => {
    let engine: EngineUnderTest;
    let queries: DashboardQueries;
    const pseudonyms = new SubscriberPseudonymizer(TEST_PSEUDONYM_SECRET);
    const range = { from: fixtureBase, to: new Date(fixtureBase.getTime() + 2 * 3_600_000) };
    const table = (name: string): string => `${engine.database}.${name}`;

    beforeAll(async () => {
      engine = await openEngine();
      await runMigrations(engine.executor, engine.database, analyticsMigrations);
      const second = await runMigrations(engine.executor, engine.database, analyticsMigrations);
      expect(second.applied).toEqual([]);
      const sink = new AnalyticsSink(
        { executor: engine.executor, pseudonyms },
        { database: engine.database, lingerMs: 10 },
      );
      // Each batch twice: a replay after a crash between insert and commit.
      for (let replay = 0; replay < 2; replay += 1) {
        await sink.handleEntityEvents(fixtureBatch(ENTITY_EVENTS_TOPIC, fixtureEntityEvents()));
        await sink.handleAlerts(fixtureBatch(ALERTS_TOPIC, fixtureAlerts()));
      }
      const feedback = new AlertFeedbackRepository(engine.executor, engine.database);
      const labelledAt = new Date(fixtureBase.getTime() + 3 * 3_600_000);
      const theftConfirmed: AlertFeedbackInput = {
        alertId: 'alert-theft',
        verdict: 'confirmed_fraud',
        analyst: 'ana',
        at: labelledAt,
      };
      const labels: AlertFeedbackInput[] = [
        // The same label sent twice: it counts once.
        theftConfirmed,
        theftConfirmed,
        { alertId: 'alert-bulk', verdict: 'false_positive', analyst: 'bo', at: labelledAt },
        // Re-labelled later by a second analyst: the latest verdict counts.
        {
          alertId: 'alert-bulk',
          verdict: 'confirmed_fraud',
          note: `checked with 77011234567`,
          analyst: 'cy',
          at: new Date(labelledAt.getTime() + 60_000),
        },
      ];
      for (const label of labels) await feedback.record(label);
      queries = new DashboardQueries(engine.executor, engine.database, pseudonyms);
    });

    afterAll(async () => {
      await engine?.dispose();
    });

    it('stores raw rows twice after a replay yet every query counts them once', async () => {
      const [physical] = await engine.executor.query<{ n: string }>(
        `SELECT count() AS n FROM ${table(analyticsTables.entityEvents)}`,
      );
      expect(Number(physical.n)).toBe(2 * fixtureEntityEvents().length);
      const points = await queries.eventsOverTime({ ...range, bucketMinutes: 60 });
      const total = points.reduce((sum, point) => sum + point.events, 0);
      expect(total).toBe(fixtureEntityEvents().length);
      expect(points.find((point) => point.kind === 'sms_sent')).toEqual({
        bucketStart: fixtureBase.toISOString(),
        kind: 'sms_sent',
        events: BULK_RECIPIENTS,
      });
    });

    it('charts alerts over time by typology and severity', async () => {
      expect(await queries.alertsOverTime({ ...range, bucketMinutes: 1440 })).toEqual([
        {
          bucketStart: '2026-01-15T00:00:00.000Z',
          typology: 'prize_code_theft',
          severity: 'critical',
          alerts: 1,
        },
        {
          bucketStart: '2026-01-15T00:00:00.000Z',
          typology: 'prize_code_theft',
          severity: 'high',
          alerts: 1,
        },
        {
          bucketStart: '2026-01-15T00:00:00.000Z',
          typology: 'smishing_bulk_sender',
          severity: 'high',
          alerts: 1,
        },
      ]);
      const confirmedOnly = await queries.alertsOverTime({
        ...range,
        bucketMinutes: 60,
        stages: ['confirmed'],
      });
      expect(confirmedOnly.reduce((sum, point) => sum + point.alerts, 0)).toBe(2);
    });

    it('ranks bulk senders by distinct recipients, showing masked numbers only', async () => {
      expect(await queries.topBulkSenders({ ...range, limit: 5 })).toEqual([
        {
          senderKey: pseudonyms.hashNumber(fixtureNumbers.bulkSender),
          sender: '***00',
          distinctRecipients: BULK_RECIPIENTS,
          messages: BULK_RECIPIENTS,
          sentUrls: true,
        },
      ]);
      expect(await queries.topBulkSenders({ ...range, minRecipients: BULK_RECIPIENTS + 1 })).toEqual([]);
    });

    it("finds a subscriber's timeline by the number as typed", async () => {
      const timeline = await queries.subscriberTimeline({ msisdn: '+7 (701) 123-45-67', limit: 50 });
      expect(timeline.map((event) => event.kind)).toEqual(['transfer_out', 'sms_in', 'topup', 'call_in']);
      expect(timeline[0]).toMatchObject({ counterparty: '***33', amount: 4900, currency: 'KZT' });
      expect(timeline[3]).toMatchObject({
        answered: true,
        durationSec: 95,
        features: { firstContact: true },
      });
    });

    it('lists the scam-signal checks partners made about a subscriber, newest first, a retried row once', async () => {
      const row = (checkId: string, at: string, outcome: string) => ({
        check_id: checkId,
        checked_at: at,
        client_id: 'bank-a',
        purpose: 'payment-fraud-prevention',
        subscriber_key: pseudonyms.hashNumber(fixtureNumbers.victim),
        subscriber_display: SubscriberPseudonymizer.mask(fixtureNumbers.victim),
        status: 200,
        outcome,
        risk_level: outcome,
        open_patterns: JSON.stringify(
          outcome === 'none' ? [] : [{ typology: 'prize_code_theft', stage: 'code' }],
        ),
        state_as_of: at,
      });
      const first = row('check-1', '2026-03-01T10:00:00.000Z', 'none');
      const second = row('check-2', '2026-03-01T10:07:00.000Z', 'critical');
      await engine.executor.insertRows(table(analyticsTables.scamSignalChecks), [first, second]);
      await engine.executor.insertRows(table(analyticsTables.scamSignalChecks), [second]); // a retried write
      const checks = await queries.scamSignalChecks({ msisdn: fixtureNumbers.victim });
      expect(checks).toEqual([
        {
          checkedAt: '2026-03-01T10:07:00.000Z',
          clientId: 'bank-a',
          purpose: 'payment-fraud-prevention',
          status: 200,
          outcome: 'critical',
          openPatterns: [{ typology: 'prize_code_theft', stage: 'code' }],
          stateAsOf: '2026-03-01T10:07:00.000Z',
        },
        expect.objectContaining({ checkedAt: '2026-03-01T10:00:00.000Z', outcome: 'none', openPatterns: [] }),
      ]);
      expect(await queries.scamSignalChecks({ msisdn: '+7 701 000 00 00' })).toEqual([]);
    });

    it('reports rule hits and precision from the latest verdicts', async () => {
      expect(await queries.rulePrecision(range)).toEqual([
        {
          ruleId: 'prize_code_theft',
          ruleVersion: 2,
          hits: 2,
          confirmedFraud: 1,
          falsePositives: 0,
          precision: 1,
        },
        {
          ruleId: 'smishing_bulk_sender',
          ruleVersion: 1,
          hits: 1,
          confirmedFraud: 1,
          falsePositives: 0,
          precision: 1,
        },
      ]);
    });

    it('lists alerts with filters and pages', async () => {
      const all = await queries.alertList({ ...range, pageSize: 2 });
      expect(all.items.map((item) => item.alertId)).toEqual(['alert-bulk', 'alert-theft']);
      expect(all.hasMore).toBe(true);
      const second = await queries.alertList({ ...range, pageSize: 2, page: 1 });
      expect(second.items.map((item) => item.alertId)).toEqual(['alert-theft-early']);
      expect(second.hasMore).toBe(false);
      const bySubscriber = await queries.alertList({
        ...range,
        msisdn: fixtureNumbers.scammer,
        stages: ['confirmed'],
      });
      expect(bySubscriber.items.map((item) => item.alertId)).toEqual(['alert-theft']);
      expect(bySubscriber.items[0].entity).toBe('***67');
      const byRule = await queries.alertList({
        ...range,
        ruleId: 'smishing_bulk_sender',
        severities: ['high'],
      });
      expect(byRule.items.map((item) => item.alertId)).toEqual(['alert-bulk']);
    });

    it('shows an alert with its evidence chain and feedback', async () => {
      const detail = await queries.alertDetail({ alertId: 'alert-theft' });
      expect(detail).toMatchObject({
        alertId: 'alert-theft',
        entity: '***67',
        counterparties: ['***33'],
        explanation: 'Subscriber ***67 received a code during a call from ***33, then transferred funds.',
        feedback: [{ verdict: 'confirmed_fraud', analyst: 'ana', note: '' }],
      });
      expect(detail?.evidence.map((item) => item.step)).toEqual(['lure', 'topup', 'code', 'loss']);
      expect(detail?.evidence[3]).toEqual({
        eventId: 'pay-2:transfer_out',
        kind: 'transfer_out',
        occurredAt: '2026-01-15T10:09:00.000Z',
        step: 'loss',
      });
      expect(await queries.alertDetail({ alertId: 'no-such-alert' })).toBeNull();
    });

    // One query per number and table: seconds on a busy 2-core machine.
    it('never stores a full subscriber number in any String column', async () => {
      for (const number of Object.values(fixtureNumbers)) {
        expect(await findInStringColumns(engine, number)).toEqual([]);
      }
    }, 30_000);

    it('refuses or matches nothing for injection payloads in every filter', async () => {
      const attempts: [string, () => Promise<unknown>][] = [];
      for (const payload of INJECTION_PAYLOADS) {
        attempts.push(
          [
            'alertsOverTime.typologies',
            () => queries.alertsOverTime({ ...range, typologies: [payload as never] }),
          ],
          [
            'alertsOverTime.severities',
            () => queries.alertsOverTime({ ...range, severities: [payload as never] }),
          ],
          ['alertsOverTime.stages', () => queries.alertsOverTime({ ...range, stages: [payload as never] })],
          [
            'alertsOverTime.bucketMinutes',
            () => queries.alertsOverTime({ ...range, bucketMinutes: payload as never }),
          ],
          ['alertsOverTime.from', () => queries.alertsOverTime({ from: payload, to: range.to })],
          ['eventsOverTime.kinds', () => queries.eventsOverTime({ ...range, kinds: [payload as never] })],
          ['eventsOverTime.to', () => queries.eventsOverTime({ from: range.from, to: payload })],
          ['topBulkSenders.limit', () => queries.topBulkSenders({ ...range, limit: payload as never })],
          [
            'topBulkSenders.minRecipients',
            () => queries.topBulkSenders({ ...range, minRecipients: payload as never }),
          ],
          ['subscriberTimeline.msisdn', () => queries.subscriberTimeline({ msisdn: payload })],
          ['scamSignalChecks.msisdn', () => queries.scamSignalChecks({ msisdn: payload })],
          [
            'subscriberTimeline.from',
            () => queries.subscriberTimeline({ msisdn: fixtureNumbers.victim, from: payload }),
          ],
          [
            'subscriberTimeline.limit',
            () => queries.subscriberTimeline({ msisdn: fixtureNumbers.victim, limit: payload as never }),
          ],
          ['rulePrecision.stages', () => queries.rulePrecision({ ...range, stages: [payload as never] })],
          ['rulePrecision.to', () => queries.rulePrecision({ from: range.from, to: payload })],
          ['alertList.ruleId', () => queries.alertList({ ...range, ruleId: payload })],
          ['alertList.msisdn', () => queries.alertList({ ...range, msisdn: payload })],
          ['alertList.typologies', () => queries.alertList({ ...range, typologies: [payload as never] })],
          ['alertList.page', () => queries.alertList({ ...range, page: payload as never })],
          ['alertList.pageSize', () => queries.alertList({ ...range, pageSize: payload as never })],
          ['alertDetail.alertId', () => queries.alertDetail({ alertId: payload })],
        );
      }
      for (const [name, attempt] of attempts) {
        const outcome = await attempt().then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if ('error' in outcome) {
          expect({ name, error: outcome.error }).toEqual({ name, error: expect.any(DashboardFilterError) });
        } else {
          expect({ name, empty: isEmptyAnswer(outcome.value), value: outcome.value }).toMatchObject({
            name,
            empty: true,
          });
        }
      }
      const [alerts] = await engine.executor.query<{ n: string }>(
        `SELECT uniqExact(alert_id) AS n FROM ${table(analyticsTables.alerts)}`,
      );
      expect(Number(alerts.n)).toBe(fixtureAlerts().length);
    });

    it('drops partitions older than the retention and keeps newer ones', async () => {
      const dropped = await applyAnalyticsRetention(
        engine.executor,
        engine.database,
        { events: 1, alerts: 400 },
        new Date(fixtureBase.getTime() + 3 * 86_400_000),
      );
      expect(dropped.map((item) => item.table).sort()).toEqual([
        analyticsTables.bulkSendersPerHour,
        analyticsTables.entityEvents,
        analyticsTables.eventsPerMinute,
      ]);
      expect(await queries.eventsOverTime(range)).toEqual([]);
      expect((await queries.alertList(range)).items).toHaveLength(3);
    });
  });
}

/** An answer that reveals no data: no rows, no alert, or an empty page. */
function isEmptyAnswer(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  const page = value as { items?: unknown[]; hasMore?: boolean };
  return Array.isArray(page.items) && page.items.length === 0 && page.hasMore === false;
}

/** Every (table, column) whose String or Array(String) values contain `needle`, across the whole database. */
export async function findInStringColumns(
  engine: Pick<EngineUnderTest, 'executor' | 'database'>,
  needle: string,
): Promise<string[]> {
  const columns = await engine.executor.query<{ table: string; name: string; type: string }>(
    `SELECT table, name, type FROM system.columns WHERE database = '${engine.database}' ` +
      `AND (type = 'String' OR type = 'Array(String)') AND table NOT LIKE '.inner%'`,
  );
  const hits: string[] = [];
  for (const column of columns) {
    const haystack =
      column.type === 'String' ? `\`${column.name}\`` : `arrayStringConcat(\`${column.name}\`, ' ')`;
    const [row] = await engine.executor.query<{ n: string }>(
      `SELECT count() AS n FROM ${engine.database}.\`${column.table}\` ` +
        `WHERE position(${haystack}, '${needle.replace(/[\\']/g, '\\$&')}') > 0`,
    );
    if (Number(row.n) > 0) hits.push(`${column.table}.${column.name}`);
  }
  return hits;
}
