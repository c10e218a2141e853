import { entityCode } from './entity-code';

const INITIAL_CAPACITY = 1_024;
/** Linear probing stays short below this share of occupied slots. */
const MAX_LOAD = 0.7;
const EMPTY = 0;
/** What `get` answers for a key that is not there. */
export const NO_ENTITY = -1;

function slotOf(code: number, mask: number): number {
  const low = code >>> 0;
  const high = (code / 4_294_967_296) | 0;
  let hash = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  hash ^= hash >>> 15;
  return hash & mask;
}

/**
 * The engine's entity ids (see EntityRecords) by key. A million subscribers make a Map's string keys
 * a chain of cache misses per event (bucket, entry, key string and its parts); keys with a numeric
 * code (entity-code.ts) instead live in an open-addressing table whose probe compares doubles in one
 * array. Other keys go to a Map. Codes and ids are typed arrays: no object per entity.
 */
export class EntityTable {
  /** Zeroed (EMPTY) by allocation: growing to millions of slots costs no per-slot work. */
  private codes = new Float64Array(INITIAL_CAPACITY);
  private ids = new Int32Array(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  private coded = 0;
  private readonly others = new Map<string, number>();
  /**
   * The key of the last lookup that found nothing, and the empty slot where its probe ended: a new
   * entity is looked up and then added, and adding reuses that slot instead of decoding and probing
   * again. Any change to the table forgets it.
   */
  private missedKey: string | undefined;
  private missedSlot = 0;
  private missedCode = EMPTY;

  get size(): number {
    return this.coded + this.others.size;
  }

  /** The id of `key`, or NO_ENTITY. */
  get(key: string): number {
    const code = entityCode(key);
    if (code === EMPTY) return this.others.get(key) ?? NO_ENTITY;
    const codes = this.codes;
    const mask = this.mask;
    for (let slot = slotOf(code, mask); ; slot = (slot + 1) & mask) {
      const found = codes[slot];
      if (found === code) return this.ids[slot];
      if (found === EMPTY) {
        this.missedKey = key;
        this.missedSlot = slot;
        this.missedCode = code;
        return NO_ENTITY;
      }
    }
  }

  /** Adds or replaces the id of `key`. */
  set(key: string, id: number): void {
    if (key === this.missedKey) {
      this.missedKey = undefined;
      this.insertAt(this.missedSlot, this.missedCode, id);
      return;
    }
    this.missedKey = undefined;
    const code = entityCode(key);
    if (code === EMPTY) {
      this.others.set(key, id);
      return;
    }
    const mask = this.mask;
    let slot = slotOf(code, mask);
    while (this.codes[slot] !== EMPTY && this.codes[slot] !== code) slot = (slot + 1) & mask;
    if (this.codes[slot] === code) this.ids[slot] = id;
    else this.insertAt(slot, code, id);
  }

  delete(key: string): boolean {
    this.missedKey = undefined;
    const code = entityCode(key);
    if (code === EMPTY) return this.others.delete(key);
    const codes = this.codes;
    const mask = this.mask;
    let slot = slotOf(code, mask);
    while (codes[slot] !== code) {
      if (codes[slot] === EMPTY) return false;
      slot = (slot + 1) & mask;
    }
    this.removeSlot(slot);
    this.coded--;
    return true;
  }

  clear(): void {
    this.missedKey = undefined;
    this.codes = new Float64Array(INITIAL_CAPACITY);
    this.ids = new Int32Array(INITIAL_CAPACITY);
    this.mask = INITIAL_CAPACITY - 1;
    this.coded = 0;
    this.others.clear();
  }

  /** Puts a new code into the empty `slot` at the end of its probe run. */
  private insertAt(slot: number, code: number, id: number): void {
    this.codes[slot] = code;
    this.ids[slot] = id;
    this.coded++;
    if (this.coded > this.codes.length * MAX_LOAD) this.resize(this.codes.length * 2);
  }

  /** Empties `slot` and moves later entries of its probe run back, so no lookup ever stops early. */
  private removeSlot(slot: number): void {
    const codes = this.codes;
    const ids = this.ids;
    const mask = this.mask;
    let hole = slot;
    for (let next = (slot + 1) & mask; codes[next] !== EMPTY; next = (next + 1) & mask) {
      const home = slotOf(codes[next], mask);
      // The entry may fill the hole only if the hole lies on its probe path from `home` to `next`.
      const onPath = hole <= next ? home <= hole || home > next : home <= hole && home > next;
      if (!onPath) continue;
      codes[hole] = codes[next];
      ids[hole] = ids[next];
      hole = next;
    }
    codes[hole] = EMPTY;
  }

  private resize(capacity: number): void {
    const codes = this.codes;
    const ids = this.ids;
    this.codes = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] === EMPTY) continue;
      let slot = slotOf(codes[i], this.mask);
      while (this.codes[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.codes[slot] = codes[i];
      this.ids[slot] = ids[i];
    }
  }
}
