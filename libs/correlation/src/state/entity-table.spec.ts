import { entityCode, keyOfCode } from './entity-code';
import { EntityTable, NO_ENTITY } from './entity-table';

let lastId = 0;
function stateOf(_key: string): number {
  return ++lastId;
}

/** Deterministic pseudo-random integers below `n`. */
function sequence(seed: number): (n: number) => number {
  let value = seed;
  return (n) => {
    value = (Math.imul(value, 1_103_515_245) + 12_345) >>> 0;
    return value % n;
  };
}

describe(EntityTable.name, () => {
  it('gives distinct codes to distinct keys and none to keys of another shape', () => {
    expect(entityCode('msisdn:77010000001')).not.toBe(entityCode('sender:77010000001'));
    expect(entityCode('msisdn:77010000001')).not.toBe(entityCode('msisdn:77010000002'));
    expect(entityCode('msisdn:077010000001')).toBe(0);
    expect(entityCode('sender:SHOP')).toBe(0);
    expect(entityCode('msisdn:')).toBe(0);
    expect(entityCode('msisdn:1234567890123456')).toBe(0);
    expect(entityCode('card:tok1')).toBe(0);
  });

  it('behaves like a Map under random inserts, replacements and deletions', () => {
    const table = new EntityTable();
    const reference = new Map<string, number>();
    const next = sequence(7);
    const keyOf = (i: number): string =>
      i % 10 === 0 ? `card:tok${i}` : i % 10 === 1 ? `sender:${i}` : `msisdn:7701${i}`;
    for (let round = 0; round < 60_000; round++) {
      const key = keyOf(next(5_000));
      const action = next(3);
      if (action === 0) {
        const state = stateOf(key);
        table.set(key, state);
        reference.set(key, state);
      } else if (action === 1) {
        expect(table.delete(key)).toBe(reference.delete(key));
      } else {
        expect(table.get(key)).toBe(reference.get(key) ?? NO_ENTITY);
      }
    }
    expect(table.size).toBe(reference.size);
    for (const [key, state] of reference) expect(table.get(key)).toBe(state);
  });

  it('adds a key where its failed lookup ended, unless the table changed in between', () => {
    const table = new EntityTable();
    const reference = new Map<string, number>();
    // The high bits of the generator: its low bits repeat with short periods.
    const draw = sequence(11);
    const next = (n: number): number => Math.floor((draw(4_294_967_296) / 4_294_967_296) * n);
    const keyOf = (i: number): string => (i % 7 === 0 ? `sender:SHOP${i}` : `msisdn:7701${i}`);
    for (let round = 0; round < 60_000; round++) {
      const key = keyOf(next(4_000));
      expect(table.get(key)).toBe(reference.get(key) ?? NO_ENTITY);
      // Sometimes another key is added or removed between the failed lookup and the insert.
      const other = keyOf(next(4_000));
      const action = next(4);
      if (action === 0) {
        const state = stateOf(other);
        table.set(other, state);
        reference.set(other, state);
      } else if (action === 1) {
        expect(table.delete(other)).toBe(reference.delete(other));
      }
      const state = stateOf(key);
      table.set(key, state);
      reference.set(key, state);
      if (next(3) === 0) {
        const removed = keyOf(next(4_000));
        expect(table.delete(removed)).toBe(reference.delete(removed));
      }
    }
    expect(table.size).toBe(reference.size);
    for (const [key, state] of reference) expect(table.get(key)).toBe(state);
  });

  it('rebuilds the key of a code', () => {
    for (const key of ['msisdn:77010000001', 'sender:1', 'card:999999999999999'])
      expect(keyOfCode(entityCode(key))).toBe(key);
  });
});
