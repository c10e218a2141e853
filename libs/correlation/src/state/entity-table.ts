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
 * array. Other keys go to a Map. A slot is a code and its id side by side, so a lookup that finds
 * its code has the id in the same cache line; no object per entity.
 */
export class EntityTable {
  /** [code, id] per slot; zeroed (EMPTY) by allocation, so growing to millions of slots costs no per-slot work. */
  private slots = new Float64Array(2 * INITIAL_CAPACITY);
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

  /** entityCode(key), computed once: the last lookup that found nothing already has it. */
  codeOf(key: string): number {
    return key === this.missedKey ? this.missedCode : entityCode(key);
  }

  /** The id of `key`, or NO_ENTITY. */
  get(key: string): number {
    const code = entityCode(key);
    if (code === EMPTY) return this.others.get(key) ?? NO_ENTITY;
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = slotOf(code, mask); ; slot = (slot + 1) & mask) {
      const found = slots[2 * slot];
      if (found === code) return slots[2 * slot + 1];
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
    const slots = this.slots;
    const mask = this.mask;
    let slot = slotOf(code, mask);
    while (slots[2 * slot] !== EMPTY && slots[2 * slot] !== code) slot = (slot + 1) & mask;
    if (slots[2 * slot] === code) slots[2 * slot + 1] = id;
    else this.insertAt(slot, code, id);
  }

  delete(key: string): boolean {
    this.missedKey = undefined;
    const code = entityCode(key);
    if (code === EMPTY) return this.others.delete(key);
    const slots = this.slots;
    const mask = this.mask;
    let slot = slotOf(code, mask);
    while (slots[2 * slot] !== code) {
      if (slots[2 * slot] === EMPTY) return false;
      slot = (slot + 1) & mask;
    }
    this.removeSlot(slot);
    this.coded--;
    return true;
  }

  clear(): void {
    this.missedKey = undefined;
    this.slots = new Float64Array(2 * INITIAL_CAPACITY);
    this.mask = INITIAL_CAPACITY - 1;
    this.coded = 0;
    this.others.clear();
  }

  /** Puts a new code into the empty `slot` at the end of its probe run. */
  private insertAt(slot: number, code: number, id: number): void {
    this.slots[2 * slot] = code;
    this.slots[2 * slot + 1] = id;
    this.coded++;
    const capacity = this.mask + 1;
    if (this.coded > capacity * MAX_LOAD) this.resize(capacity * 2);
  }

  /** Empties `slot` and moves later entries of its probe run back, so no lookup ever stops early. */
  private removeSlot(slot: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let hole = slot;
    for (let next = (slot + 1) & mask; slots[2 * next] !== EMPTY; next = (next + 1) & mask) {
      const home = slotOf(slots[2 * next], mask);
      // The entry may fill the hole only if the hole lies on its probe path from `home` to `next`.
      const onPath = hole <= next ? home <= hole || home > next : home <= hole && home > next;
      if (!onPath) continue;
      slots[2 * hole] = slots[2 * next];
      slots[2 * hole + 1] = slots[2 * next + 1];
      hole = next;
    }
    slots[2 * hole] = EMPTY;
  }

  private resize(capacity: number): void {
    const old = this.slots;
    const slots = new Float64Array(2 * capacity);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      const code = old[i];
      if (code === EMPTY) continue;
      let slot = slotOf(code, mask);
      while (slots[2 * slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[2 * slot] = code;
      slots[2 * slot + 1] = old[i + 1];
    }
    this.slots = slots;
    this.mask = mask;
  }
}
