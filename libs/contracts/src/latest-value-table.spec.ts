import { LatestValueTable } from './latest-value-table';

describe(LatestValueTable.name, () => {
  // Records keyed by name, a value a number as text; anything else is malformed.
  const table = () =>
    new LatestValueTable<number>((key, value) => {
      if (key === null) return undefined;
      if (value === null) return { key, value: null };
      const number = Number(value.toString('utf8'));
      return Number.isFinite(number) ? { key, value: number } : undefined;
    });

  it('keeps the latest value per key and forgets a key on its tombstone', () => {
    const numbers = table();
    expect(numbers.apply('a', Buffer.from('1'))).toBe(true);
    expect(numbers.apply('a', Buffer.from('2'))).toBe(true);
    expect(numbers.apply('b', Buffer.from('3'))).toBe(true);
    expect(numbers.get('a')).toBe(2);
    expect(numbers.apply('b', null)).toBe(true);
    expect(numbers.get('b')).toBeUndefined();
    expect(numbers.size).toBe(1);
  });

  it('skips a malformed record and keeps what the key held', () => {
    const numbers = table();
    numbers.apply('a', Buffer.from('1'));
    expect(numbers.apply('a', Buffer.from('not a number'))).toBe(false);
    const keyless: string | null = null;
    expect(numbers.apply(keyless, Buffer.from('2'))).toBe(false);
    expect(numbers.get('a')).toBe(1);
    expect(numbers.size).toBe(1);
  });
});
