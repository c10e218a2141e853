import { GenerationalCache } from './generational-cache';

describe(GenerationalCache.name, () => {
  it('keeps what was used since the last turnover and holds at most twice its capacity', () => {
    const cache = new GenerationalCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // young {c}, old {a, b}
    expect(cache.get('a')).toBe(1); // promoted: young {c, a}
    cache.set('d', 4); // turnover: young {d}, old {c, a}; b dropped
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBeLessThanOrEqual(4);
  });
});
