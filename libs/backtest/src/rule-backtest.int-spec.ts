import type { ClickHouseClient } from '@clickhouse/client';
import {
  AlertFeedbackRepository,
  SubscriberPseudonymizer,
  analyticsMigrations,
  analyticsTables,
  toAlertRow,
  toEntityEventRow,
} from '@vigil/analytics';
import { HttpSqlExecutor, createClickHouseClient, runMigrations } from '@vigil/clickhouse';
import type { AlertV1, EntityEventV1 } from '@vigil/contracts';
import { CorrelationEngine, readRuleSources } from '@vigil/correlation';
import { uniqueTestName } from '../../../test/support/test-names';
import { alertIdentityKey } from './alert-identity';
import { formatBacktestReport } from './backtest-report.text';
import { backtestRules, type BacktestStore } from './rule-backtest';
import { ruleSetOfDocuments, splitRuleDocuments, type RuleDocument } from './rule-documents';
import { StoredAlertsRepository } from './stored-alerts.repository';

const MINUTE = 60_000;
const DAY = 86_400_000;
// The stored history: a relative's call 10 days before the range, then the range itself (one day).
const RANGE_START = Date.parse('2026-03-10T00:00:00Z');
const RANGE = { fromMs: RANGE_START, toMs: RANGE_START + DAY };
const at = (ms: number): string => new Date(ms).toISOString();
const SCAMMER = '77751112233';

let sequence = 0;
function event(entity: string, kind: EntityEventV1['kind'], atMs: number, extra: Partial<EntityEventV1>) {
  sequence += 1;
  const sourceEventId = `ev-${sequence}`;
  return {
    eventId: `${sourceEventId}:${kind}`,
    sourceEventId,
    sourceTopic: kind.startsWith('sms')
      ? 'telco.sms.v1'
      : kind.startsWith('call')
        ? 'telco.calls.v1'
        : 'telco.payments.v1',
    entity: `msisdn:${entity}`,
    kind,
    occurredAt: at(atMs),
    ingestedAt: at(atMs + 1_000),
    features: {},
    ...extra,
  } as EntityEventV1;
}

/** A prize SMS from the scammer, then a transfer to the scammer `gapMs` later: false_prize_payment_sms. */
function prizeScam(victim: string, lureAtMs: number, gapMs: number): EntityEventV1[] {
  return [
    event(victim, 'sms_in', lureAtMs, {
      counterparty: SCAMMER,
      counterpartyClass: 'home_msisdn',
      features: { prizeLure: true, officialSender: false, senderClass: 'msisdn', hasUrl: false },
    }),
    event(victim, 'transfer_out', lureAtMs + gapMs, {
      counterparty: SCAMMER,
      counterpartyClass: 'home_msisdn',
      amount: 15_000,
      currency: 'KZT',
      channel: 'ussd',
    }),
  ];
}

/** Victims of the prize scam and the gap between lure and payment; the 20 min window's edge is crossed by 400 ms. */
const GAPS_MS = {
  '77010000001': 5 * MINUTE,
  '77010000002': 15 * MINUTE,
  '77010000003': 20 * MINUTE + 400,
  '77010000004': 25 * MINUTE,
  '77010000005': 45 * MINUTE,
} as const;
const TIGHTER_WINDOW_MS = 20 * MINUTE;

function storedHistory(): EntityEventV1[] {
  const events: EntityEventV1[] = [];
  Object.entries(GAPS_MS).forEach(([victim, gap], index) => {
    events.push(...prizeScam(victim, RANGE_START + (2 + index) * 60 * MINUTE + 250, gap));
  });
  // A known relative: they spoke 10 days before the range, so today's call and transfer are not a scam. Only
  // contact memory warmed from before the range knows that.
  const relative = '77021234567';
  const subscriber = '77010000009';
  const call = {
    counterparty: relative,
    counterpartyClass: 'home_msisdn' as const,
    answered: true,
    durationSec: 120,
  };
  events.push(event(subscriber, 'call_in', RANGE_START - 10 * DAY, call));
  events.push(event(subscriber, 'call_in', RANGE_START + 9 * 60 * MINUTE, call));
  events.push(
    event(subscriber, 'transfer_out', RANGE_START + 9 * 60 * MINUTE + 10 * MINUTE, {
      counterparty: relative,
      counterpartyClass: 'home_msisdn',
      amount: 20_000,
      currency: 'KZT',
      channel: 'ussd',
    }),
  );
  return events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

function liveAlerts(rules: RuleDocument[], events: EntityEventV1[]): AlertV1[] {
  const engine = new CorrelationEngine(ruleSetOfDocuments(rules));
  const alerts: AlertV1[] = [];
  for (const input of events) alerts.push(...engine.process(input).alerts);
  alerts.push(...engine.advanceEventTime(Date.now()).alerts);
  return alerts;
}

/** The repository's rules with false_prize_payment_sms's payment window set to `window` (and its version bumped). */
function withPaymentWithin(rules: RuleDocument[], window: string): RuleDocument[] {
  const rule = rules.find((document) => document.ruleId === 'false_prize_payment_sms')!;
  const yaml = rule.yaml
    .replace(/within: 60m/, `within: ${window}`)
    .replace(/^version: (\d+)$/m, (_, v) => `version: ${Number(v) + 1}`);
  expect(yaml).not.toEqual(rule.yaml);
  return splitRuleDocuments([{ path: 'candidate.yaml', content: yaml }], { partOfASet: true });
}

// Each back-test starts its worker threads, which compile the engine's TypeScript on start in a test run.
describe('backtestRules on the real ClickHouse', () => {
  const database = uniqueTestName('vigil_backtest');
  const pseudonyms = new SubscriberPseudonymizer('a-test-secret-of-enough-length');
  const rules = splitRuleDocuments(readRuleSources('rules'));
  let client: ClickHouseClient;
  let executor: HttpSqlExecutor;
  let store: BacktestStore;
  let live: AlertV1[];

  beforeAll(async () => {
    client = createClickHouseClient({ url: process.env.CLICKHOUSE_URL!, requestTimeoutMs: 120_000 });
    executor = new HttpSqlExecutor(client);
    await runMigrations(executor, database, analyticsMigrations);
    const events = storedHistory();
    live = liveAlerts(rules, events);
    const rows = events.map((input) => toEntityEventRow(input, pseudonyms));
    // A replay stored the first lure twice before the merge: it must count once.
    await executor.insertRows(`${database}.${analyticsTables.entityEvents}`, [...rows, rows[1]]);
    await executor.insertRows(
      `${database}.${analyticsTables.alerts}`,
      live.map((alert) => toAlertRow(alert, pseudonyms)),
    );
    const feedback = new AlertFeedbackRepository(executor, database);
    const confirmed = (victim: string) =>
      live.find(
        (alert) => alert.entity === `msisdn:${victim}` && alert.ruleId === 'false_prize_payment_sms',
      )!;
    await feedback.record({
      alertId: confirmed('77010000001').alertId,
      verdict: 'confirmed_fraud',
      analyst: 'ana',
      at: at(RANGE.toMs),
    });
    await feedback.record({
      alertId: confirmed('77010000005').alertId,
      verdict: 'false_positive',
      analyst: 'ana',
      at: at(RANGE.toMs),
    });
    store = { client, executor, database };
  }, 60_000);

  afterAll(async () => {
    await executor.command(`DROP DATABASE IF EXISTS ${database}`);
    await executor.close();
  });

  it('replays nothing when the candidate changes nothing, and says so', async () => {
    const report = await backtestRules(store, {
      candidate: rules,
      baseline: rules,
      against: 'live',
      range: RANGE,
    });
    expect(report.rerun).toEqual({
      rules: [],
      typologies: [],
      notRerun: rules.map((rule) => rule.ruleId).sort(),
    });
    expect(report.rules.every((rule) => !rule.rerun)).toBe(true);
    expect(report.totals).toEqual({ candidate: 0, baseline: 0, added: 0, removed: 0, common: 0 });
    expect(report.events).toEqual({ inRange: 12, warmup: 1, rejected: 0 });
    expect(formatBacktestReport(report)).toContain('re-run: 0 of 15 rules');
  }, 20_000);

  it('raises over stored history exactly the alerts the live engine raised, when the candidate is the live set', async () => {
    const report = await backtestRules(store, {
      candidate: rules,
      baseline: rules,
      against: 'live',
      range: RANGE,
      rerun: 'all',
    });
    const stored = await new StoredAlertsRepository(executor, database).alerts(RANGE);
    expect(stored).toHaveLength(5);
    expect(report.totals).toEqual({ candidate: 5, baseline: 5, added: 0, removed: 0, common: 5 });
    expect(report.changedAlerts).toEqual([]);
    expect(report.events).toEqual({ inRange: 12, warmup: 1, rejected: 0 });
    expect(report.rules.find((rule) => rule.ruleId === 'false_prize_payment_sms')).toMatchObject({
      common: 5,
      added: 0,
      removed: 0,
    });
  }, 20_000);

  it('loses exactly the alerts whose gap exceeds a tighter window, with the verdicts recorded on them', async () => {
    const candidate = withPaymentWithin(rules, '20m');
    const report = await backtestRules(store, { candidate, baseline: rules, against: 'live', range: RANGE });

    const expectedLost = Object.entries(GAPS_MS)
      .filter(([, gap]) => gap > TIGHTER_WINDOW_MS)
      .map(([victim]) => pseudonyms.entity(`msisdn:${victim}`).key)
      .sort();
    expect(expectedLost).toHaveLength(3);
    expect(report.changedAlerts.every((changed) => changed.change === 'removed')).toBe(true);
    expect(report.changedAlerts.map((changed) => changed.alert.entity.split(':')[1]).sort()).toEqual(
      expectedLost,
    );
    expect(report.totals).toMatchObject({ added: 0, removed: 3, common: 2 });
    // Only the rules coupled to it by typology or precedence ran; the rest could not differ.
    expect(report.rerun.rules).toContain('false_prize_payment_sms');
    expect(report.rerun.rules).toContain('prize_code_theft');
    expect(report.rerun.notRerun).toEqual([
      'brand_phishing_link',
      'premium_sms_lure',
      'premium_sms_malware_burst',
      'premium_sms_malware_charges',
      'smishing_bulk_sender',
      'spyware_offer',
    ]);
    expect(report.rules.find((rule) => rule.ruleId === 'spyware_offer')).toMatchObject({ rerun: false });
    const all = await backtestRules(store, {
      candidate,
      baseline: rules,
      against: 'live',
      range: RANGE,
      rerun: 'all',
    });
    expect(all.changedAlerts.map((changed) => changed.alert.alertId)).toEqual(
      report.changedAlerts.map((changed) => changed.alert.alertId),
    );
    expect(all.totals).toEqual(report.totals);
    expect(report.rules.find((rule) => rule.ruleId === 'false_prize_payment_sms')).toMatchObject({
      rerun: true,
      baselineVersion: 2,
      candidateVersion: 3,
      removed: 3,
      common: 2,
    });
    expect(report.byTypologyDay).toEqual([
      { typology: 'false_prize_payment', day: '2026-03-10', added: 0, removed: 3, common: 2 },
    ]);
    // The removed alerts were raised live: each names the stored alert an analyst can open.
    const liveIds = new Map(
      live.map((alert) => [
        alertIdentityKey({
          ruleId: alert.ruleId,
          stage: alert.stage,
          entity: `msisdn:${pseudonyms.entity(alert.entity).key}`,
          eventIds: alert.evidence.map((evidence) => evidence.eventId),
        }),
        alert.alertId,
      ]),
    );
    for (const changed of report.changedAlerts) {
      expect(changed.storedAlertId).toBeDefined();
      expect([...liveIds.values()]).toContain(changed.storedAlertId);
      expect(changed.entityDisplay).toMatch(/^\*\*\*\d\d$/);
    }
    expect(report.verdicts.removed).toEqual({ confirmedFraud: 0, falsePositive: 1, unjudged: 2 });
    expect(report.verdicts.common).toEqual({ confirmedFraud: 1, falsePositive: 0, unjudged: 1 });
    expect(report.verdicts.precision).toEqual({ baseline: 0.5, candidate: 1, added: null });
  }, 20_000);

  it('warms contact memory from before the range and says how far stored history reached', async () => {
    // Replayed with the rules a tighter false-prize window affects (relative_in_trouble among them, through
    // precedence): contact memory is warmed for whatever rules are replayed.
    const tighter = withPaymentWithin(rules, '20m');
    const report = await backtestRules(store, {
      candidate: tighter,
      baseline: rules,
      against: 'live',
      range: RANGE,
    });
    expect(report.contactMemory).toMatchObject({ complete: false, warmedFrom: at(RANGE.fromMs - 10 * DAY) });
    expect(report.contactMemory.note).toContain('warmed only from');
    // Without the relative's old call, the same day reads as a scam: a call from a first contact, then money to it.
    const cold = await backtestRules(store, {
      candidate: tighter,
      baseline: rules,
      against: 'live',
      range: RANGE,
      warmupMs: 1,
    });
    expect(cold.totals.candidate).toBeGreaterThan(report.totals.candidate);
    const extra = cold.busiestEntities.find(
      (entity) => entity.entity === `msisdn:${pseudonyms.entity('msisdn:77010000009').key}`,
    );
    expect(extra?.candidateAlerts).toBeGreaterThan(0);
  }, 20_000);
});
