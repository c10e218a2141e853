import {
  MINUTE,
  SUBSCRIBER,
  T0,
  advisoryRules,
  ev,
  fixedClock,
  type Scheduled,
} from '../../test/entity-events';
import { CorrelationEngine } from './correlation-engine';
import { RuleSet } from '../rules/rule-set';

const SCAMMER = '77479990001';
const RELATIVE = '77015550001';

const unknownCaller = (id: string, minute: number): Scheduled =>
  ev(id, 'call_in', minute, {
    counterparty: SCAMMER,
    counterpartyClass: 'domestic',
    answered: true,
    durationSec: 120,
  });
const topup = (id: string, minute: number): Scheduled =>
  ev(id, 'topup', minute, { amount: 1000, currency: 'KZT', channel: 'terminal' });
const otp = (id: string, minute: number): Scheduled =>
  ev(id, 'sms_in', minute, {
    counterparty: 'KCELLPAY',
    counterpartyClass: 'alphanumeric',
    features: { otpCode: true, serviceSender: true, senderClass: 'alphanumeric', officialSender: false },
  });

function engineAt(minute = -4 * 24 * 60): CorrelationEngine {
  const engine = new CorrelationEngine(advisoryRules(), { selfWatermark: false }, fixedClock);
  engine.advanceEventTime(T0 + minute * MINUTE);
  return engine;
}

function feed(engine: CorrelationEngine, ...events: Scheduled[]): void {
  for (const { event } of events) engine.process(event);
}

const prizeCodeTheft = (engine: CorrelationEngine) =>
  engine.patternsOf(SUBSCRIBER).open.filter((pattern) => pattern.ruleId === 'prize_code_theft');

describe('CorrelationEngine.patternsOf', () => {
  it('opens prize_code_theft at the top-up after an unknown caller and reaches its early-warning step with the code', () => {
    const engine = engineAt();
    feed(engine, unknownCaller('c1', 0));
    expect(prizeCodeTheft(engine)).toEqual([]); // one unknown call alone is everyday traffic

    feed(engine, topup('t1', 5));
    expect(prizeCodeTheft(engine)).toEqual([
      expect.objectContaining({
        typology: 'prize_code_theft',
        stage: 'topup',
        stepsReached: 2,
        stepsTotal: 4,
        earlyWarningReached: false,
        firstEventId: 'c1:call_in',
        sinceMs: T0,
        lastEventMs: T0 + 5 * MINUTE,
        expiresAtMs: T0 + 35 * MINUTE, // top-up → code within 30 min
        firstStepKind: 'call_in',
        firstStepEndedMs: T0 + 2 * MINUTE,
      }),
    ]);

    feed(engine, otp('o1', 7));
    expect(prizeCodeTheft(engine)).toEqual([
      expect.objectContaining({ stage: 'code', stepsReached: 3, earlyWarningReached: true }),
    ]);
    expect(prizeCodeTheft(engine)[0].expiresAtMs).toBe(T0 + 17 * MINUTE); // code → loss within 10 min
  });

  it('steps back to the top-up when the code window closes (another code may still come), then closes', () => {
    const engine = engineAt();
    feed(engine, unknownCaller('c1', 0), topup('t1', 5), otp('o1', 7));
    engine.advanceEventTime(T0 + 17 * MINUTE + 1);
    expect(prizeCodeTheft(engine)).toEqual([expect.objectContaining({ stage: 'topup', stepsReached: 2 })]);
    engine.advanceEventTime(T0 + 35 * MINUTE + 1);
    expect(prizeCodeTheft(engine)).toEqual([]);
  });

  it('reports a completed pattern once its loss step matched', () => {
    const engine = engineAt();
    feed(
      engine,
      unknownCaller('c1', 0),
      topup('t1', 5),
      otp('o1', 7),
      ev('s1', 'sms_out', 9, { counterparty: SCAMMER, counterpartyClass: 'domestic' }),
    );
    const scan = engine.patternsOf(SUBSCRIBER);
    expect(scan.open.some((pattern) => pattern.ruleId === 'prize_code_theft')).toBe(false);
    expect(scan.completed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'prize_code_theft',
          stage: 'loss',
          firstEventId: 'c1:call_in',
          completedAtMs: T0 + 9 * MINUTE,
        }),
      ]),
    );
  });

  it('opens nothing for a known caller followed by a top-up and a code (the benign look-alike)', () => {
    const engine = engineAt();
    feed(
      engine,
      ev('k1', 'sms_out', -3 * 24 * 60, { counterparty: RELATIVE, counterpartyClass: 'home_msisdn' }),
      ev('c1', 'call_in', 0, {
        counterparty: RELATIVE,
        counterpartyClass: 'home_msisdn',
        answered: true,
        durationSec: 120,
      }),
      topup('t1', 5),
      otp('o1', 7),
    );
    expect(engine.patternsOf(SUBSCRIBER).open).toEqual([]);
  });

  it('forgets the patterns of a rule withdrawn from the rule set', () => {
    const engine = engineAt();
    feed(engine, unknownCaller('c1', 0), topup('t1', 5));
    expect(prizeCodeTheft(engine)).toHaveLength(1);
    engine.setRules(new RuleSet(advisoryRules().rules.filter((rule) => rule.id !== 'prize_code_theft')));
    expect(prizeCodeTheft(engine)).toEqual([]);
  });

  it('shows nothing for a rule that only warns (a second call from an unknown number): no scam completed', () => {
    const engine = engineAt();
    feed(engine, unknownCaller('c1', 0), unknownCaller('c2', 5));
    const scan = engine.patternsOf(SUBSCRIBER);
    expect(scan.completed.map((pattern) => pattern.ruleId)).not.toContain('relative_in_trouble_repeat_call');
    expect(scan.open.map((pattern) => pattern.ruleId)).not.toContain('relative_in_trouble_repeat_call');
  });

  it('answers for an entity it never saw with nothing', () => {
    expect(engineAt().patternsOf('msisdn:77019999999')).toEqual({ open: [], completed: [] });
  });
});
