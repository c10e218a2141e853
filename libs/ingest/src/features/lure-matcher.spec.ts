import { shippedIngestConfig } from '../testing/ingest-config.fixture';
import { LURE_FEATURES } from './lure-features';

// V8 leaves a regular expression unoptimized, and several times slower, once its source passes 20 KiB.
const V8_OPTIMIZE_LIMIT = 20 * 1024;

describe('compileLureMatcher', () => {
  const { patterns } = shippedIngestConfig().lexicons.lures;

  it('packs the shipped lexicons into patterns V8 still optimizes', () => {
    for (const { pattern } of patterns) expect(pattern.source.length).toBeLessThan(V8_OPTIMIZE_LIMIT);
  });

  it('puts every lure category in exactly one pattern', () => {
    const categories = patterns.flatMap((pattern) => pattern.categories).sort((a, b) => a - b);
    expect(categories).toEqual(LURE_FEATURES.map((_, index) => index));
  });
});
