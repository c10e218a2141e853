import type { RiskPatternV1 } from '@vigil/contracts';
import { openPrizeCodeTheft } from '@vigil/contracts/testing';
import { riskLevelOf } from './risk-level';

const pattern = (fields: Partial<RiskPatternV1>): RiskPatternV1 => openPrizeCodeTheft(fields);

describe(riskLevelOf.name, () => {
  it('is none with nothing open', () => {
    expect(riskLevelOf([], [])).toBe('none');
  });

  it('is high at half of the steps (lure and top-up of four)', () => {
    expect(riskLevelOf([pattern({})], [])).toBe('high');
  });

  it('is elevated below half of the steps', () => {
    expect(riskLevelOf([pattern({ stepsReached: 2, stepsTotal: 5 })], [])).toBe('elevated');
  });

  it('is critical once the early-warning step is reached (the code)', () => {
    expect(riskLevelOf([pattern({ stage: 'code', stepsReached: 3, earlyWarningReached: true })], [])).toBe(
      'critical',
    );
  });

  it('takes the highest of several patterns', () => {
    expect(
      riskLevelOf([pattern({ stepsReached: 2, stepsTotal: 5 }), pattern({ earlyWarningReached: true })], []),
    ).toBe('critical');
  });

  it('stays critical while a completed pattern is listed, and ignores expired and withdrawn ones', () => {
    expect(riskLevelOf([], [pattern({ ending: 'completed', endedAt: '2026-03-01T10:09:00.000Z' })])).toBe(
      'critical',
    );
    expect(
      riskLevelOf(
        [],
        [
          pattern({ ending: 'expired', endedAt: '2026-03-01T10:35:00.000Z' }),
          pattern({ ending: 'withdrawn_rule', endedAt: '2026-03-01T10:20:00.000Z' }),
        ],
      ),
    ).toBe('none');
  });
});
