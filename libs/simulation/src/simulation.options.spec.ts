import { resolve } from 'node:path';
import { loadIngestConfig } from '@vigil/ingest';
import { DEFAULT_HOME_PREFIXES, resolveSimulationOptions } from './simulation.options';

describe(resolveSimulationOptions.name, () => {
  it('splits a total evenly over typologies, half scam and half benign', () => {
    const options = resolveSimulationOptions({ scenarios: { total: 2000 } }, 0);
    expect(options.scamsPerTypology).toBe(100);
    expect(options.benignPerTypology).toBe(100);
  });

  it('defaults benign look-alikes to the scam count per typology', () => {
    const options = resolveSimulationOptions({ scenarios: { perTypology: 7 } }, 0);
    expect([options.scamsPerTypology, options.benignPerTypology]).toEqual([7, 7]);
  });

  it('draws subscribers from the home prefixes of the shipped number plan by default', () => {
    const shipped = loadIngestConfig(resolve(__dirname, '../../../config/ingest'));
    expect(DEFAULT_HOME_PREFIXES).toEqual(shipped.numberPlan.homePrefixes);
    expect(resolveSimulationOptions({}, 0).homePrefixes).toBe(DEFAULT_HOME_PREFIXES);
  });

  it('starts a warm-up before now by default', () => {
    expect(resolveSimulationOptions({}, 10_000_000).startMs).toBe(10_000_000 - 3_600_000);
  });

  it.each([
    [{ subscribers: 1 }, /subscribers/],
    [{ durationMs: 3_600_000 }, /durationMs/],
    [{ mediationDelayMs: { min: 0, max: 600_000 } }, /mediationDelayMs/],
    [{ duplicateRate: 0.9 }, /duplicateRate/],
  ])('rejects %p', (options, message) => {
    expect(() => resolveSimulationOptions(options, 0)).toThrow(message);
  });
});
