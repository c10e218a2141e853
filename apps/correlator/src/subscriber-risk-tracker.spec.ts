import { subscriberRiskV1, type EntityEventV1 } from '@vigil/contracts';
import { CorrelationEngine, RuleSet, loadRuleSet } from '@vigil/correlation';
import { ENDED_PATTERN_RETENTION_MS, SubscriberRiskTracker } from './subscriber-risk-tracker';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const MINUTE = 60_000;
const VICTIM = 'msisdn:77010000001';
const SCAMMER = '77479990001';
const rules = loadRuleSet('rules');

function event(id: string, kind: EntityEventV1['kind'], minute: number, fields: Partial<EntityEventV1> = {}) {
  const at = new Date(T0 + minute * MINUTE).toISOString();
  return {
    eventId: `${id}:${kind}`,
    sourceEventId: id,
    sourceTopic: 'telco.payments.v1',
    entity: VICTIM,
    kind,
    occurredAt: at,
    ingestedAt: at,
    features: {},
    ...fields,
  } as EntityEventV1;
}

const lureCall = event('c1', 'call_in', 0, {
  sourceTopic: 'telco.calls.v1',
  counterparty: SCAMMER,
  counterpartyClass: 'domestic',
  answered: true,
  durationSec: 120,
});
const topup = event('t1', 'topup', 5, { amount: 1000, currency: 'KZT', channel: 'terminal' });
const code = event('o1', 'sms_in', 7, {
  sourceTopic: 'telco.sms.v1',
  counterparty: 'KCELLPAY',
  counterpartyClass: 'alphanumeric',
  features: { otpCode: true, serviceSender: true, senderClass: 'alphanumeric', officialSender: false },
});

function setUp() {
  const engine = new CorrelationEngine(rules, { selfWatermark: false });
  engine.advanceEventTime(T0 - MINUTE);
  const tracker = new SubscriberRiskTracker(3, engine, () => T0);
  const feed = (...events: EntityEventV1[]) => {
    for (const item of events) {
      engine.process(item);
      tracker.touch(item);
    }
    return tracker.take();
  };
  return { engine, tracker, feed };
}

describe(SubscriberRiskTracker.name, () => {
  it('publishes the pattern as it advances, valid under the contract and without counterparty', () => {
    const { feed } = setUp();
    expect(feed(lureCall)).toEqual([]);
    const [afterTopup] = feed(topup);
    expect(afterTopup).toMatchObject({
      subscriber: VICTIM,
      partition: 3,
      openPatterns: [
        { ruleId: 'prize_code_theft', stage: 'topup', stepsReached: 2, firstStepKind: 'call_in' },
      ],
      endedPatterns: [],
    });
    const [afterCode] = feed(code);
    expect(afterCode.openPatterns).toEqual([
      expect.objectContaining({ stage: 'code', earlyWarningReached: true }),
    ]);
    for (const record of [afterTopup, afterCode]) {
      expect(subscriberRiskV1.validate(record).ok).toBe(true);
      expect(JSON.stringify(record)).not.toContain(SCAMMER);
    }
  });

  it('writes nothing when a touched subscriber did not change', () => {
    const { feed } = setUp();
    feed(lureCall, topup);
    expect(feed(event('x1', 'sms_out', 6, { counterparty: '77015550001' }))).toEqual([]);
  });

  it('ends the pattern as expired once event time passes its windows, and forgets it after the retention', () => {
    const { engine, tracker, feed } = setUp();
    feed(lureCall, topup, code);
    engine.advanceEventTime(T0 + 36 * MINUTE);
    const [expired] = tracker.take();
    expect(expired.openPatterns).toEqual([]);
    // Its last published state: at the code, whose window closed at 10:17.
    expect(expired.endedPatterns).toEqual([
      expect.objectContaining({
        ruleId: 'prize_code_theft',
        stage: 'code',
        ending: 'expired',
        endedAt: '2026-03-01T10:17:00.000Z',
      }),
    ]);
    expect(tracker.trackedSubscribers).toBe(1);
    engine.advanceEventTime(T0 + 17 * MINUTE + ENDED_PATTERN_RETENTION_MS + 1);
    expect(tracker.take()).toEqual([
      expect.objectContaining({ subscriber: VICTIM, openPatterns: [], endedPatterns: [] }),
    ]);
    expect(tracker.trackedSubscribers).toBe(0);
  });

  it('ends the pattern as completed when its last step arrives', () => {
    const { feed } = setUp();
    feed(lureCall, topup, code);
    const [completed] = feed(
      event('s1', 'sms_out', 9, {
        sourceTopic: 'telco.sms.v1',
        counterparty: SCAMMER,
        counterpartyClass: 'domestic',
      }),
    );
    expect(completed.openPatterns.some((pattern) => pattern.ruleId === 'prize_code_theft')).toBe(false);
    expect(completed.endedPatterns).toContainEqual(
      expect.objectContaining({ ruleId: 'prize_code_theft', ending: 'completed', stage: 'loss' }),
    );
    expect(subscriberRiskV1.validate(completed).ok).toBe(true);
  });

  it('ends the patterns of a withdrawn rule as withdrawn_rule', () => {
    const { engine, tracker, feed } = setUp();
    feed(lureCall, topup);
    engine.setRules(new RuleSet(rules.rules.filter((rule) => rule.id !== 'prize_code_theft')));
    tracker.touchAll();
    const [withdrawn] = tracker.take();
    expect(withdrawn.openPatterns).toEqual([]);
    expect(withdrawn.endedPatterns).toEqual([
      expect.objectContaining({ ruleId: 'prize_code_theft', ending: 'withdrawn_rule' }),
    ]);
  });

  it('writes a handed-back subscriber again with the next take', () => {
    const { tracker, feed } = setUp();
    const [first] = feed(lureCall, topup);
    tracker.handBack([first.subscriber]);
    // Unchanged since, but the topic may not have it.
    expect(tracker.take()).toEqual([expect.objectContaining({ openPatterns: first.openPatterns })]);
  });
});
