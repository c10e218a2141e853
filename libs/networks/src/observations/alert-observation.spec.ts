import type { AlertV1 } from '@vigil/contracts';
import { lureObservationOf } from './alert-observation';
import { decodeObservation, encodeObservation } from './observation.codec';

const alert: AlertV1 = {
  alertId: 'a1',
  ruleId: 'prize_code_theft',
  ruleVersion: 3,
  typology: 'prize_code_theft',
  severity: 'critical',
  stage: 'early_warning',
  entity: 'msisdn:77011234567',
  detectedAt: '2026-11-25T08:10:00Z',
  firstEventAt: '2026-11-25T08:00:00Z',
  lastEventAt: '2026-11-25T08:05:00Z',
  evidence: [
    { eventId: 's1:sms_in', kind: 'sms_in', occurredAt: '2026-11-25T08:00:00.000Z', step: 'lure' },
    { eventId: 't1:topup', kind: 'topup', occurredAt: '2026-11-25T08:03:00.000Z', step: 'topup' },
  ],
  explanation: 'x',
  lure: { counterparty: 'Kcell-Prize', role: 'sender', domains: ['kce11-prize.kz'] },
};

describe('lure observations', () => {
  it('turns an alert with a lure into an observation keyed by the lure, timed at the lure', () => {
    const observation = lureObservationOf(alert);
    expect(observation).toEqual({
      type: 'lure',
      number: 'sender:kcell-prize',
      role: 'sender',
      subscriber: 'msisdn:77011234567',
      occurredAtMs: Date.parse('2026-11-25T08:00:00Z'),
      alertId: 'a1',
      typology: 'prize_code_theft',
      stage: 'early_warning',
      domains: ['kce11-prize.kz'],
    });
    expect(decodeObservation(encodeObservation(observation!))).toEqual(observation);
  });

  it('has nothing to say about alerts without a lure or not about a subscriber', () => {
    expect(lureObservationOf({ ...alert, lure: undefined })).toBeUndefined();
    expect(lureObservationOf({ ...alert, entity: 'sender:kcell-prize' })).toBeUndefined();
  });

  it('refuses what is not an observation, with a reason', () => {
    expect(() => decodeObservation(Buffer.from('{"type":"lure"}'))).toThrow(/not a lure or transfer/);
    expect(() => decodeObservation(Buffer.from('{'))).toThrow(/not JSON/);
  });
});
