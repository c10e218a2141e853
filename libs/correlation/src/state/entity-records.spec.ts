import { entityCode } from './entity-code';
import { EntityRecords } from './entity-records';

function add(records: EntityRecords, key: string): number {
  return records.add(key, entityCode(key));
}

describe(EntityRecords.name, () => {
  it('starts an entity empty and gives its key back, with or without a numeric code', () => {
    const records = new EntityRecords();
    const keys = ['msisdn:77010000001', 'sender:SHOP', 'card:tok9', 'card:123'];
    const ids = keys.map((key) => add(records, key));
    ids.forEach((id, i) => {
      expect(records.keyOf(id)).toBe(keys[i]);
      expect(records.isEmpty(id)).toBe(true);
      expect(records.wakeAtMs(id)).toBe(Infinity);
      const list = records.list(id);
      expect([
        list.contactsAt,
        list.contactCount,
        list.bufferHead,
        list.bufferTail,
        list.bufferLength,
      ]).toEqual([-1, 0, -1, -1, 0]);
    });
    expect(records.size).toBe(4);
  });

  it('reuses an id only once it is released, and a reused id starts empty', () => {
    const records = new EntityRecords();
    const first = add(records, 'msisdn:77010000001');
    records.list(first).contactCount = 3;
    records.rareFor(first).pending = [];
    records.setWakeAtMs(first, 5);
    records.retire(first);
    expect(records.keyOf(first)).toBe('msisdn:77010000001');
    const second = add(records, 'msisdn:77010000002');
    expect(second).not.toBe(first);
    records.release(first);
    const third = add(records, 'sender:SHOP');
    expect(third).toBe(first);
    expect(records.isEmpty(third)).toBe(true);
    expect(records.wakeAtMs(third)).toBe(Infinity);
    expect(records.keyOf(third)).toBe('sender:SHOP');
  });

  it('visits every live entity once per rotation, and none after a clear', () => {
    const records = new EntityRecords();
    const ids = Array.from({ length: 2_000 }, (_, i) => add(records, `msisdn:7701${i}`));
    records.retire(ids[5]);
    const seen = new Set<number>();
    for (let i = 0; i < ids.length - 1; i++) seen.add(records.nextInRotation());
    expect(seen.size).toBe(ids.length - 1);
    expect(seen.has(ids[5])).toBe(false);
    expect([...records.ids()].length).toBe(ids.length - 1);
    records.clear();
    expect(records.nextInRotation()).toBe(-1);
  });
});
