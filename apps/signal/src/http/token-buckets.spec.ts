import { TokenBuckets } from './token-buckets';

describe(TokenBuckets.name, () => {
  it('lets a key make its limit at once, then one more per 60 s / limit, and reports the wait', () => {
    let nowMs = 1_000_000;
    const buckets = new TokenBuckets(100, () => nowMs);
    const taken = Array.from({ length: 7 }, () => buckets.take('client', 5));
    expect(taken.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(taken[5]).toBe(12_000);
    nowMs += 6_000;
    expect(buckets.take('client', 5)).toBe(6_000);
    nowMs += 6_000;
    expect(buckets.take('client', 5)).toBe(0);
    expect(buckets.take('client', 5)).toBeGreaterThan(0);
  });

  it('keeps each key to its own budget', () => {
    const buckets = new TokenBuckets(100, () => 0);
    expect(buckets.take('a', 1)).toBe(0);
    expect(buckets.take('a', 1)).toBeGreaterThan(0);
    expect(buckets.take('b', 1)).toBe(0);
  });

  it('refills no further than the limit after a long pause', () => {
    let nowMs = 0;
    const buckets = new TokenBuckets(100, () => nowMs);
    buckets.take('client', 3);
    nowMs += 3_600_000;
    const taken = Array.from({ length: 4 }, () => buckets.take('client', 3));
    expect(taken.filter((waitMs) => waitMs === 0)).toHaveLength(3);
  });

  it('holds at most maxKeys keys, dropping refilled buckets first', () => {
    let nowMs = 0;
    const buckets = new TokenBuckets(10, () => nowMs);
    expect(buckets.take('busy', 1)).toBe(0);
    nowMs += 60_000;
    for (let i = 0; i < 9; i++) buckets.take(`idle-${i}`, 1);
    nowMs += 1_000;
    expect(buckets.take('busy', 1)).toBe(0); // refilled after a minute
    for (let i = 0; i < 1_000; i++) buckets.take(`flood-${i}`, 1);
    expect(buckets.size).toBeLessThanOrEqual(10);
  });
});
