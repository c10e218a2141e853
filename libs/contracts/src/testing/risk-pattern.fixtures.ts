import type { RiskPatternV1 } from '../subscriber-risk.v1';

/**
 * A prize-code theft open at its top-up step (2 of 4 steps: high risk, no early warning yet), started 10:00 on
 * 1 March 2026 and open until 10:35; `fields` override any of it.
 */
export function openPrizeCodeTheft(fields: Partial<RiskPatternV1> = {}): RiskPatternV1 {
  return {
    ruleId: 'prize_code_theft',
    ruleVersion: 3,
    typology: 'prize_code_theft',
    stage: 'topup',
    stepsReached: 2,
    stepsTotal: 4,
    earlyWarningReached: false,
    since: '2026-03-01T10:00:00.000Z',
    lastEventAt: '2026-03-01T10:05:00.000Z',
    expiresAt: '2026-03-01T10:35:00.000Z',
    ...fields,
  };
}
