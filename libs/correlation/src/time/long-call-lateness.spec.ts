import type { EntityEventV1 } from '@vigil/contracts';
import { MINUTE, T0, advisoryRules, drain, ev, fixedClock, summary } from '../../test/entity-events';
import { CorrelationEngine } from '../engine/correlation-engine';

const SCAMMER = '77479990001';
const SERVICE_SENDER = 'KCELLPAY';
const CALL_MINUTES = 15;
const MEDIATION_DELAY_MINUTES = 4;

/** The scam of DESIGN.md's strongest signal: the code arrives while the scammer still holds the victim on the line. */
function scamDuringLongCall(): { call: EntityEventV1; before: EntityEventV1[] } {
  const call = ev('c1', 'call_in', 0, {
    counterparty: SCAMMER,
    counterpartyClass: 'domestic',
    answered: true,
    durationSec: CALL_MINUTES * 60,
  }).event;
  const before = [
    ev('t1', 'topup', 3, { amount: 1000, currency: 'KZT', channel: 'terminal' }).event,
    ev('o1', 'sms_in', 6, {
      counterparty: SERVICE_SENDER,
      counterpartyClass: 'alphanumeric',
      features: { otpCode: true, serviceSender: true, senderClass: 'alphanumeric', officialSender: false },
    }).event,
    ev('x1', 'transfer_out', 12, {
      counterparty: '77479990077',
      counterpartyClass: 'domestic',
      amount: 900,
      currency: 'KZT',
    }).event,
    // Other subscribers of the partition keep event time moving while the call goes on and its record is mediated.
    ...Array.from(
      { length: CALL_MINUTES + MEDIATION_DELAY_MINUTES },
      (_, minute) =>
        ev(`b${minute}`, 'sms_in', minute + 1, { counterparty: '77015550002' }, 'msisdn:77010000002').event,
    ),
  ];
  return { call, before };
}

describe('a call record that arrives after the call ended', () => {
  it('completes prize_code_theft (early warning and confirmed) when a 15-minute call arrives 4 minutes after it ended', () => {
    const engine = new CorrelationEngine(advisoryRules(), {}, fixedClock);
    const { call, before } = scamDuringLongCall();
    const alerts = before.flatMap((event) => engine.process(event).alerts);
    expect(summary(alerts).filter((s) => s.startsWith('prize_code_theft'))).toEqual([]);
    // Event time is 19 minutes past the call's start: the record is on time because it could only exist at its end.
    expect(engine.watermark).toBeGreaterThan(T0);
    const out = engine.process(call);
    expect(out.lateEvents).toEqual([]);
    expect(
      summary([...out.alerts, ...drain(engine)]).filter((s) => s.startsWith('prize_code_theft')),
    ).toEqual(['prize_code_theft/confirmed/critical', 'prize_code_theft/early_warning/high']);
  });

  it('holds the same under source watermarks, and a call record beyond the lateness after its end is still late', () => {
    const engine = new CorrelationEngine(advisoryRules(), { selfWatermark: false }, fixedClock);
    const { call, before } = scamDuringLongCall();
    for (const event of before) engine.process(event);
    engine.advanceEventTime(T0 + (CALL_MINUTES + MEDIATION_DELAY_MINUTES) * MINUTE);
    const onTime = engine.process(call);
    expect(onTime.lateEvents).toEqual([]);
    expect(summary(onTime.alerts)).toContain('prize_code_theft/confirmed/critical');

    const other = ev('c2', 'call_in', 0, {
      counterparty: '77479990003',
      counterpartyClass: 'domestic',
      answered: true,
      durationSec: 60,
    }).event;
    engine.advanceEventTime(T0 + (1 + 11) * MINUTE + 10 * MINUTE); // the call ended 21 minutes ago
    expect(engine.process(other).lateEvents).toEqual([other]);
  });
});
