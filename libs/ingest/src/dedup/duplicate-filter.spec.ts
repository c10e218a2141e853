import { DuplicateFilter } from './duplicate-filter';

describe(DuplicateFilter.name, () => {
  it('reports a repeat within the window and forgets it after', () => {
    const filter = new DuplicateFilter({ windowMs: 600_000 });
    expect(filter.seen('a', 0)).toBe(false);
    expect(filter.seen('a', 599_999)).toBe(true);
    expect(filter.seen('a', 600_000)).toBe(false);
    expect(filter.seen('a', 600_001)).toBe(true);
  });

  it('keeps ids apart', () => {
    const filter = new DuplicateFilter();
    expect(filter.seen('a', 0)).toBe(false);
    expect(filter.seen('b', 0)).toBe(false);
    expect(filter.seen('a', 1)).toBe(true);
  });

  it('expires old ids so memory follows the window', () => {
    const filter = new DuplicateFilter({ windowMs: 1_000 });
    for (let i = 0; i < 100; i++) filter.seen(`id-${i}`, i);
    expect(filter.size).toBe(100);
    filter.seen('late', 5_000);
    expect(filter.size).toBe(1);
  });

  it('never holds more than maxEntries, dropping the oldest first', () => {
    const filter = new DuplicateFilter({ windowMs: 600_000, maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) filter.seen(id, 0);
    expect(filter.size).toBe(3);
    expect(filter.seen('d', 1)).toBe(true);
    expect(filter.seen('a', 1)).toBe(false);
  });

  it('refuses a window or bound that is not positive', () => {
    expect(() => new DuplicateFilter({ windowMs: 0 })).toThrow(RangeError);
    expect(() => new DuplicateFilter({ maxEntries: -1 })).toThrow(RangeError);
  });
});
