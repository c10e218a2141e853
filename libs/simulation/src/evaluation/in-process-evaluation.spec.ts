import { TYPOLOGIES } from '@vigil/contracts';
import { evaluateInProcess } from './in-process-evaluation';

describe('evaluateInProcess', () => {
  // 400 labelled scenarios through the real ingest step and correlation engine with the repository's rules.
  const result = evaluateInProcess({
    simulation: {
      seed: 2024,
      subscribers: 300,
      scenarios: { perTypology: 20 },
      startMs: Date.parse('2025-06-01T00:00:00.000Z'),
      durationMs: 12 * 3_600_000,
    },
  });

  it('ingests every record: none rejected, none late, duplicates dropped', () => {
    expect(result.rejected).toBe(0);
    expect(result.lateEvents).toBe(0);
    expect(result.duplicates).toBeGreaterThan(0);
  });

  it.each(TYPOLOGIES)('detects %s with recall and precision of at least 0.95', (typology) => {
    const quality = result.perTypology.find((q) => q.typology === typology)!;
    expect(quality.scamScenarios).toBe(20);
    expect(quality.benignScenarios).toBe(20);
    expect(quality.recall).toBeGreaterThanOrEqual(0.95);
    expect(quality.precision).toBeGreaterThanOrEqual(0.95);
  });

  it.each(TYPOLOGIES)('raises one alert of its own typology per %s scam', (typology) => {
    const quality = result.perTypology.find((q) => q.typology === typology)!;
    expect(quality.typologyPrecision).toBeGreaterThanOrEqual(0.95);
    expect(quality.alertsPerScam).toBeGreaterThan(0);
    expect(quality.alertsPerScam).toBeLessThanOrEqual(1.1);
  });

  it('raises the early warnings the labels expect before the loss', () => {
    for (const quality of result.perTypology) {
      expect(quality.earlyWarned).toBeGreaterThanOrEqual(0.95 * quality.earlyWarningExpected);
    }
    const prize = result.perTypology.find((q) => q.typology === 'prize_code_theft')!;
    expect(prize.medianEarlyWarningLeadMs).toBeGreaterThan(0);
  });
});
