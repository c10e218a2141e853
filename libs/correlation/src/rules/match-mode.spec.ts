import { ev, fixedClock, ids, runToEnd } from '../../test/entity-events';
import { CorrelationEngine } from '../engine/correlation-engine';
import type { MatchMode } from './match-mode';
import { parseRuleSet } from './rule-parser';

const SCAMMER = '77479990001';

/** Prize SMS from one sender, then a transfer to it: several lures and several transfers make many combinations. */
const prizeRule = (matches?: MatchMode) =>
  parseRuleSet([
    {
      path: 'prize.yaml',
      content: `
id: prize_pay
version: 1
typology: false_prize_payment
severity: high
description: d
explanation: '{entity} paid {steps.pay.counterparty}'
${matches === undefined ? '' : `matches: ${matches}`}
sequence:
  - name: lure
    match: { kind: sms_in, features: { prizeLure: true } }
  - name: pay
    within: 60m
    match: { kind: transfer_out, counterparty: $lure.counterparty }
`,
    },
  ]);

const lure = (id: string, minute: number) =>
  ev(id, 'sms_in', minute, { counterparty: SCAMMER, features: { prizeLure: true } }).event;
const pay = (id: string, minute: number) =>
  ev(id, 'transfer_out', minute, { counterparty: SCAMMER, amount: 500, currency: 'KZT' }).event;

const threeLuresTwoPayments = [lure('l1', 0), lure('l2', 2), lure('l3', 4), pay('p1', 10), pay('p2', 20)];

describe('match modes', () => {
  it('every_combination (the default) raises one alert per combination', () => {
    expect(runToEnd(threeLuresTwoPayments, prizeRule()).alerts).toHaveLength(6);
    expect(runToEnd(threeLuresTwoPayments, prizeRule('every_combination')).alerts).toHaveLength(6);
  });

  it('one_per_completing_event raises one alert per payment, however many lures precede it', () => {
    const { alerts } = runToEnd(threeLuresTwoPayments, prizeRule('one_per_completing_event'));
    expect(alerts.map((a) => a.evidence.map((e) => e.eventId))).toEqual([
      ['l1:sms_in', 'p1:transfer_out'],
      ['l1:sms_in', 'p2:transfer_out'],
    ]);
  });

  it('one_per_completing_event gives the same alert ids whatever the arrival order', () => {
    const rules = prizeRule('one_per_completing_event');
    const inOrder = runToEnd(threeLuresTwoPayments, rules).alerts;
    // The lures arrive after the payments (within the allowed lateness): the first complete combination differs.
    const luresLast = runToEnd(
      [pay('p1', 10), lure('l3', 4), lure('l2', 2), lure('l1', 0), pay('p2', 20)],
      rules,
    );
    expect(luresLast.late).toEqual([]);
    expect(ids(luresLast.alerts)).toEqual(ids(inOrder));
    expect(luresLast.alerts).toHaveLength(2);
  });

  it('one_per_completing_event warns once per event of the warning step', () => {
    const rules = parseRuleSet([
      {
        path: 'w.yaml',
        content: `
id: warn_pay
version: 1
typology: false_prize_payment
severity: high
description: d
explanation: e
matches: one_per_completing_event
sequence:
  - { name: lure, match: { kind: sms_in, features: { prizeLure: true } } }
  - { name: code, within: 30m, match: { kind: sms_in, features: { otpCode: true } } }
  - { name: pay, within: 30m, match: { kind: transfer_out } }
actions:
  early_warning: { after: code, notify: never-share-code }
  confirmed: {}
`,
      },
    ]);
    const code = ev('o1', 'sms_in', 5, { counterparty: 'KCELLPAY', features: { otpCode: true } }).event;
    const { alerts } = runToEnd([lure('l1', 0), lure('l2', 1), code, pay('p1', 10)], rules);
    expect(alerts.map((a) => a.stage)).toEqual(['early_warning', 'confirmed']);
  });

  it('names rule and entity of matches dropped at the per-rule budget, and counts them', () => {
    const engine = new CorrelationEngine(prizeRule(), { maxPartialMatchesPerRule: 2 }, fixedClock);
    for (const event of threeLuresTwoPayments.slice(0, 3)) engine.process(event);
    const out = engine.process(pay('p1', 10));
    expect(out.alerts).toHaveLength(2);
    expect(out.droppedMatches).toEqual([
      { ruleId: 'prize_pay', ruleVersion: 1, entity: lure('x', 0).entity, count: 1, reason: 'match_budget' },
    ]);
    expect(engine.stats().evictions.partialMatches).toBe(1);
  });

  it('drops nothing at the budget under one_per_completing_event', () => {
    const engine = new CorrelationEngine(
      prizeRule('one_per_completing_event'),
      { maxPartialMatchesPerRule: 2 },
      fixedClock,
    );
    for (const event of threeLuresTwoPayments.slice(0, 3)) engine.process(event);
    expect(engine.process(pay('p1', 10)).droppedMatches).toBeUndefined();
  });
});
