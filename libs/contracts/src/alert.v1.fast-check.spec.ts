import fc from 'fast-check';
import { ALERT_FAST_CHECK_PROPERTIES, isValidAlertFast } from './alert.v1.fast-check';
import { alertV1 } from './alert.v1';
import schema from './schemas/alert.v1.schema.json';
import { compileSchema } from './contract';
import { assertNeverAcceptsWhatTheSchemaRejects } from './testing/fast-check-soundness';
import { oddValueNear } from './testing/odd-values.arbitrary';

// The full validator on its own (the contract's own one answers through the fast check first).
const fullValidator = compileSchema(schema);

const canonical = {
  alertId: 'a3f1c2d4e5b6a7980112233445566778',
  ruleId: 'prize_code_theft',
  ruleVersion: 3,
  typology: 'prize_code_theft',
  severity: 'critical',
  stage: 'confirmed',
  entity: 'msisdn:77021234567',
  counterparties: ['77471234500'],
  detectedAt: '2026-11-25T08:00:02.345Z',
  firstEventAt: '2026-11-25T07:58:00.000Z',
  lastEventAt: '2026-11-25T08:00:00.000Z',
  evidence: [
    { eventId: 'call-1:call_in', kind: 'call_in', occurredAt: '2026-11-25T07:58:00.000Z', step: 'lure' },
    { eventId: 'sms-2:sms_in', kind: 'sms_in', occurredAt: '2026-11-25T08:00:00.000Z' },
  ],
  explanation: 'An unknown caller rang, then a confirmation code arrived.',
  score: 0.9,
};

const oddValue = oddValueNear('confirmed', 'early', 'prize_code_theft', 'critical', 'msisdn:1', '0');
const oddEvidence = fc.array(
  fc.record(
    { eventId: oddValue, kind: oddValue, occurredAt: oddValue, step: oddValue },
    { requiredKeys: [] },
  ),
  { maxLength: 3 },
);

describe(isValidAlertFast.name, () => {
  it('knows exactly the properties the schema declares', () => {
    expect([...ALERT_FAST_CHECK_PROPERTIES].sort()).toEqual(Object.keys(schema.properties).sort());
  });

  it('accepts the alerts the correlator writes, with and without the optional properties', () => {
    expect(isValidAlertFast(canonical)).toBe(true);
    const { counterparties: _counterparties, score: _score, ...bare } = canonical;
    expect(isValidAlertFast(bare)).toBe(true);
    expect(
      isValidAlertFast({ ...canonical, score: undefined, ruleSet: 'extra properties are allowed' }),
    ).toBe(true);
  });

  it('never accepts what the schema rejects', () => {
    assertNeverAcceptsWhatTheSchemaRejects(
      isValidAlertFast,
      fullValidator,
      canonical,
      fc.oneof(oddValue, oddEvidence),
    );
  });

  it('leaves time zones other than Z to the full validator, which still accepts them', () => {
    const withOffset = { ...canonical, lastEventAt: '2026-11-25T13:00:00+05:00' };
    expect(isValidAlertFast(withOffset)).toBe(false);
    expect(alertV1.validate(withOffset).ok).toBe(true);
  });

  it('still words the problems of an alert it refuses', () => {
    const result = alertV1.validate({ ...canonical, evidence: [] });
    expect(result).toEqual({ ok: false, problems: ['/evidence: must NOT have fewer than 1 items'] });
  });
});
