import type { AlertV1, Typology } from '@vigil/contracts';
import type { ScenarioLabel } from '../simulation.types';
import { scoreAlerts } from './alert-scoring';

const label = (id: string, typology: Typology, entity: string, benign: boolean): ScenarioLabel => ({
  scenarioId: id,
  typology,
  variant: 'v',
  benign,
  entity,
  expectedStages: benign ? [] : ['early_warning', 'confirmed'],
  lossAt: '2025-06-01T10:10:00.000Z',
  startedAt: '2025-06-01T10:00:00.000Z',
  endedAt: '2025-06-01T10:10:00.000Z',
  eventIds: ['e1'],
});

const alert = (
  typology: Typology,
  entity: string,
  stage: 'early_warning' | 'confirmed',
  detectedAt: string,
): AlertV1 => ({
  alertId: `${typology}-${entity}-${stage}`,
  ruleId: typology,
  ruleVersion: 1,
  typology,
  severity: 'high',
  stage,
  entity,
  detectedAt,
  firstEventAt: '2025-06-01T10:00:00.000Z',
  lastEventAt: '2025-06-01T10:10:00.000Z',
  evidence: [],
  explanation: '',
});

describe(scoreAlerts.name, () => {
  const labels = [
    label('s1', 'prize_code_theft', 'msisdn:1', false),
    label('s2', 'prize_code_theft', 'msisdn:2', false),
    label('b1', 'prize_code_theft', 'msisdn:3', true),
  ];
  const score = scoreAlerts(labels, [
    alert('prize_code_theft', 'msisdn:1', 'early_warning', '2025-06-01T10:05:00.000Z'),
    alert('prize_code_theft', 'msisdn:1', 'confirmed', '2025-06-01T10:10:02.000Z'),
    alert('prize_code_theft', 'msisdn:3', 'confirmed', '2025-06-01T10:11:00.000Z'),
    alert('spyware_offer', 'msisdn:1', 'confirmed', '2025-06-01T10:11:00.000Z'),
  ]);
  const prize = score.perTypology.find((q) => q.typology === 'prize_code_theft')!;

  it('counts a scam as detected by a confirmed alert of its typology on its entity', () => {
    expect(prize.detected).toBe(1);
    expect(prize.recall).toBe(0.5);
    expect(score.missed.map((l) => l.scenarioId)).toEqual(['s2']);
  });

  it('counts alerted pairs that match no scam as false positives, noting benign look-alikes', () => {
    expect(prize.precision).toBe(0.5);
    expect(prize.falsePositivesOnBenign).toBe(1);
    const spyware = score.perTypology.find((q) => q.typology === 'spyware_offer')!;
    expect(spyware.precision).toBe(0);
    expect(score.falseAlerts.map((f) => f.benignScenarioId)).toEqual(['b1', undefined]);
  });

  it('measures early-warning lead time to the loss and detection latency', () => {
    expect(prize.earlyWarned).toBe(1);
    expect(prize.earlyWarningExpected).toBe(2);
    expect(prize.medianEarlyWarningLeadMs).toBe(5 * 60_000);
    expect(prize.medianDetectionLatencyMs).toBe(2_000);
  });
});
