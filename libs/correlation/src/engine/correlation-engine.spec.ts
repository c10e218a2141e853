import {
  MINUTE,
  SUBSCRIBER,
  T0,
  advisoryRules,
  drain,
  ev,
  fixedClock,
  runToEnd,
  summary,
} from '../../test/entity-events';
import { CorrelationEngine } from './correlation-engine';
import { parseRuleSet } from '../rules/rule-parser';
import { RuleSet } from '../rules/rule-set';

const SPYWARE = (version: number, severity: string) => `
id: spyware_offer
version: ${version}
typology: spyware_offer
severity: ${severity}
description: d
explanation: '{entity} got an offer from {counterparty}'
single: { kind: sms_in, features: { spywareOffer: true } }
`;
const spyware = (id: string, minute: number) =>
  ev(id, 'sms_in', minute, { counterparty: '77479990001', features: { spywareOffer: true } }).event;

describe(CorrelationEngine.name, () => {
  it('rejects an event whose time its contract accepts but no Date can read, and goes on with the next', () => {
    const engine = new CorrelationEngine(advisoryRules(), {}, fixedClock);
    const leapSecond = { ...spyware('leap', 0), occurredAt: '2016-12-31T23:59:60.000Z' };
    expect(engine.process(leapSecond)).toEqual({
      alerts: [],
      lateEvents: [],
      rejected: [expect.objectContaining({ event: leapSecond, code: 'INVALID_EVENT' })],
    });
    expect(engine.process(spyware('next', 1)).alerts).toHaveLength(1);
  });

  it('reports events older than the watermark as late instead of dropping them', () => {
    const engine = new CorrelationEngine(advisoryRules(), {}, fixedClock);
    engine.process(spyware('a', 30));
    const late = spyware('b', 19);
    expect(engine.process(late)).toEqual({ alerts: [], lateEvents: [late], rejected: [] });
    expect(engine.process(spyware('c', 21)).alerts).toHaveLength(1);
    expect(engine.stats()).toMatchObject({
      lateEvents: 1,
      eventsProcessed: 2,
      watermarkMs: T0 + 20 * MINUTE,
    });
  });

  it('alerts once for an event delivered twice', () => {
    const event = spyware('a', 0);
    const { alerts, engine } = runToEnd([event, event]);
    expect(summary(alerts)).toEqual(['spyware_offer/confirmed/low']);
    expect(engine.stats().duplicateEvents).toBe(1);
  });

  it('gives the same alert id to the same match on a replay', () => {
    const first = runToEnd([spyware('a', 0)]).alerts[0];
    const second = runToEnd([spyware('a', 0)]).alerts[0];
    expect(second.alertId).toBe(first.alertId);
    expect(first.alertId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('applies replaced rules live and stamps alerts with the rule version', () => {
    const engine = new CorrelationEngine(
      parseRuleSet([{ path: 'a.yaml', content: SPYWARE(1, 'low') }]),
      {},
      fixedClock,
    );
    const before = engine.process(spyware('a', 0)).alerts[0];
    engine.setRules(parseRuleSet([{ path: 'a.yaml', content: SPYWARE(2, 'medium') }]));
    const after = engine.process(spyware('b', 1)).alerts[0];
    expect([before.ruleVersion, before.severity, after.ruleVersion, after.severity]).toEqual([
      1,
      'low',
      2,
      'medium',
    ]);
  });

  it('completes a sequence begun under the previous rule set after a live rule change', () => {
    const all = advisoryRules().rules;
    const byId = (id: string) => all.filter((rule) => rule.id === id);
    const engine = new CorrelationEngine(
      new RuleSet([...byId('spyware_offer'), ...byId('relative_in_trouble')]),
      {},
      fixedClock,
    );
    const caller = { counterparty: '77479990003', counterpartyClass: 'domestic' as const };
    engine.process(ev('c', 'call_in', 0, { ...caller, answered: true, durationSec: 60 }).event);
    // The same rule sits elsewhere in the new set: what the buffer knew about its steps no longer applies.
    engine.setRules(
      new RuleSet([
        ...byId('brand_phishing_link'),
        ...byId('false_prize_payment_sms'),
        ...byId('relative_in_trouble'),
      ]),
    );
    const out = engine.process(ev('t', 'transfer_out', 5, { ...caller, amount: 900 }).event);
    expect(summary(out.alerts)).toEqual(['relative_in_trouble/confirmed/high']);
  });

  it('times out absence steps once event time moves on without further events', () => {
    const engine = new CorrelationEngine(advisoryRules(), {}, fixedClock);
    const transfer = ev('x', 'transfer_out', 0, { counterparty: '77479990002', amount: 10 }).event;
    engine.process(transfer);
    const startMs = Date.parse(transfer.occurredAt);
    expect(engine.advanceEventTime(startMs + 30 * MINUTE).alerts).toEqual([]);
    const out = engine.advanceEventTime(startMs + 45 * MINUTE);
    expect(summary(out.alerts)).toEqual(['unsolicited_transfer_request/confirmed/low']);
  });

  it('restores a per-entity changelog record into a fresh engine', () => {
    const engine = new CorrelationEngine(advisoryRules(), {}, fixedClock);
    engine.process(ev('x', 'transfer_out', 0, { counterparty: '77479990002', amount: 10 }).event);
    expect(engine.takeDirtyEntities()).toEqual([SUBSCRIBER]);
    expect(engine.dirtyEntities().size).toBe(0);
    const restored = new CorrelationEngine(advisoryRules(), {}, fixedClock);
    restored.restoreEntity(SUBSCRIBER, engine.snapshotEntity(SUBSCRIBER));
    restored.restoreProgress(engine.progress().maxEventTimeMs);
    expect(summary(drain(restored))).toEqual(['unsolicited_transfer_request/confirmed/low']);
    expect(restored.snapshotEntity('msisdn:77019999999')).toBeUndefined();
  });

  it('rejects snapshot bytes it does not understand', () => {
    const engine = new CorrelationEngine(advisoryRules());
    expect(() => engine.restore(Buffer.from('{"format":"other"}'))).toThrow(
      expect.objectContaining({ code: 'INVALID_SNAPSHOT' }),
    );
  });

  it('restores over an engine that already holds, lists and has removed entities as if it were new', () => {
    const topup = (id: string, minute: number, entity: string) =>
      ev(id, 'topup', minute, { amount: 500 }, entity).event;
    const before = new CorrelationEngine(advisoryRules(), {}, fixedClock);
    before.process(topup('a1', 0, 'msisdn:77010000001'));
    before.process(
      ev('a2', 'call_in', 1, { counterparty: '77470000009', answered: true, durationSec: 90 }).event,
    );
    const bytes = before.snapshot();

    const used = new CorrelationEngine(advisoryRules(), { trackDirtyEntities: true }, fixedClock);
    for (let i = 0; i < 20; i++) used.process(topup(`u${i}`, i, `msisdn:7702000000${i % 10}`));
    used.advanceEventTime(used.progress().maxEventTimeMs + 6 * 60 * MINUTE); // every buffer expires: the entities are removed, still listed
    for (let i = 0; i < 5; i++) used.process(topup(`v${i}`, 400 + i, `msisdn:7703000000${i}`));
    used.restore(bytes);
    const fresh = new CorrelationEngine(advisoryRules(), { trackDirtyEntities: true }, fixedClock);
    fresh.restore(bytes);

    const rest = [topup('b1', 3, 'msisdn:77010000009'), topup('b2', 4, 'msisdn:77010000008')];
    const alertsOf = (engine: CorrelationEngine) => rest.flatMap((event) => engine.process(event).alerts);
    expect(alertsOf(used)).toEqual(alertsOf(fresh));
    expect(used.snapshot().toString()).toBe(fresh.snapshot().toString());
    expect(used.stats().trackedEntities).toBe(fresh.stats().trackedEntities);
    expect(new Set(used.takeDirtyEntities())).toEqual(new Set(fresh.takeDirtyEntities()));
  });

  it('forgets idle entities once their windows and contacts expire', () => {
    const engine = new CorrelationEngine(advisoryRules(), { firstContactWindowMs: 60 * MINUTE }, fixedClock);
    engine.process(ev('x', 'sms_out', 0, { counterparty: '77015550001' }).event);
    expect(engine.stats().trackedEntities).toBe(1);
    const other = 'msisdn:77019999999';
    // The engine sweeps one entity's contacts every 64 events, in rotation over two entities here.
    for (let i = 1; i <= 128; i++) engine.process(ev(`n${i}`, 'topup', 200 + i, { amount: 1 }, other).event);
    expect(engine.footprint(SUBSCRIBER)).toBeUndefined();
    expect(engine.stats().trackedEntities).toBe(1);
  });

  it('answers first contact from the contacts that have arrived: a call overtaking an earlier one from the same number counts as first', () => {
    const scammer = '77470000001';
    const firstCall = ev('c1', 'call_in', 0, {
      counterparty: scammer,
      answered: true,
      durationSec: 90,
    }).event;
    const secondCall = ev('c2', 'call_in', 4, {
      counterparty: scammer,
      answered: true,
      durationSec: 60,
    }).event;
    const payment = ev('x', 'transfer_out', 7, { counterparty: '77480000002', amount: 950 }).event;
    const lures = (events: (typeof payment)[]) =>
      runToEnd(events)
        .alerts.filter((a) => a.ruleId === 'false_prize_payment_call')
        .map((a) => a.evidence[0].eventId);

    expect(lures([firstCall, secondCall, payment])).toEqual(['c1:call_in']);
    // The second call's record overtakes the first's: nothing says yet that the number called before, so the
    // payment completes a match with it. That match waits (prize_code_theft, more specific, could still claim the
    // payment until event time passes it), and by then the first call is in: its match is the one published, one
    // alert per payment (one_per_completing_event), as in event-time order.
    expect(lures([secondCall, payment, firstCall])).toEqual(['c1:call_in']);
  });
});
