import { entityCode } from './entity-code';
import type { EntityState } from './entity-state';

const INITIAL_CAPACITY = 1_024;
/** Linear probing stays short below this share of occupied slots. */
const MAX_LOAD = 0.7;
const EMPTY = 0;

function slotOf(code: number, mask: number): number {
  const low = code >>> 0;
  const high = (code / 4_294_967_296) | 0;
  let hash = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  hash ^= hash >>> 15;
  return hash & mask;
}

/** Zeroed (EMPTY) by allocation: growing to millions of slots costs no per-slot pushes or element-kind changes. */
function emptyCodes(capacity: number): Float64Array {
  return new Float64Array(capacity);
}

function emptyStates(capacity: number): (EntityState | undefined)[] {
  return new Array<EntityState | undefined>(capacity).fill(undefined);
}

/**
 * The engine's entity states by key. A million subscribers make a Map's string keys a chain of
 * cache misses per event (bucket, entry, key string and its parts); keys with a numeric code
 * (entity-code.ts) instead live in an open-addressing table whose probe compares doubles in one
 * array. Other keys go to a Map. Codes are in a Float64Array (array buffer memory), states in a plain array.
 */
export class EntityTable {
  private codes = emptyCodes(INITIAL_CAPACITY);
  private states = emptyStates(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  private coded = 0;
  private readonly others = new Map<string, EntityState>();
  /** Position of `nextInRotation` in `codes`, then in `others`. */
  private rotationSlot = 0;
  private rotationOthers: Iterator<EntityState> | undefined;
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

  get(key: string): EntityState | undefined {
    const code = entityCode(key);
    if (code === EMPTY) return this.others.get(key);
    const codes = this.codes;
    const mask = this.mask;
    for (let slot = slotOf(code, mask); ; slot = (slot + 1) & mask) {
      const found = codes[slot];
      if (found === code) return this.states[slot];
      if (found === EMPTY) {
        this.missedKey = key;
        this.missedSlot = slot;
        this.missedCode = code;
        return undefined;
      }
    }
  }

  /** Adds or replaces the state of `key`. */
  set(key: string, state: EntityState): void {
    if (key === this.missedKey) {
      this.missedKey = undefined;
      this.insertAt(this.missedSlot, this.missedCode, state);
      return;
    }
    this.missedKey = undefined;
    const code = entityCode(key);
    if (code === EMPTY) {
      this.others.set(key, state);
      return;
    }
    const mask = this.mask;
    let slot = slotOf(code, mask);
    while (this.codes[slot] !== EMPTY && this.codes[slot] !== code) slot = (slot + 1) & mask;
    if (this.codes[slot] === code) this.states[slot] = state;
    else this.insertAt(slot, code, state);
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
    this.codes = emptyCodes(INITIAL_CAPACITY);
    this.states = emptyStates(INITIAL_CAPACITY);
    this.mask = INITIAL_CAPACITY - 1;
    this.coded = 0;
    this.others.clear();
    this.restartRotation();
  }

  *values(): IterableIterator<EntityState> {
    for (const state of this.states) if (state !== undefined) yield state;
    yield* this.others.values();
  }

  /**
   * The next state of an endless round over all states, one per call; undefined when there is none.
   * Changes to the table during a round may make it skip or repeat a state.
   */
  nextInRotation(): EntityState | undefined {
    const states = this.states;
    while (this.rotationSlot < states.length) {
      const state = states[this.rotationSlot++];
      if (state !== undefined) return state;
    }
    this.rotationOthers ??= this.others.values();
    const next = this.rotationOthers.next();
    if (next.done !== true) return next.value;
    const restarted = this.size > 0;
    this.restartRotation();
    return restarted ? this.nextInRotation() : undefined;
  }

  private restartRotation(): void {
    this.rotationSlot = 0;
    this.rotationOthers = undefined;
  }

  /** Puts a new code into the empty `slot` at the end of its probe run. */
  private insertAt(slot: number, code: number, state: EntityState): void {
    this.codes[slot] = code;
    this.states[slot] = state;
    this.coded++;
    if (this.coded > this.codes.length * MAX_LOAD) this.resize(this.codes.length * 2);
  }

  /** Empties `slot` and moves later entries of its probe run back, so no lookup ever stops early. */
  private removeSlot(slot: number): void {
    const codes = this.codes;
    const states = this.states;
    const mask = this.mask;
    let hole = slot;
    for (let next = (slot + 1) & mask; codes[next] !== EMPTY; next = (next + 1) & mask) {
      const home = slotOf(codes[next], mask);
      // The entry may fill the hole only if the hole lies on its probe path from `home` to `next`.
      const onPath = hole <= next ? home <= hole || home > next : home <= hole && home > next;
      if (!onPath) continue;
      codes[hole] = codes[next];
      states[hole] = states[next];
      hole = next;
    }
    codes[hole] = EMPTY;
    states[hole] = undefined;
  }

  private resize(capacity: number): void {
    const codes = this.codes;
    const states = this.states;
    this.codes = emptyCodes(capacity);
    this.states = emptyStates(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] === EMPTY) continue;
      let slot = slotOf(codes[i], this.mask);
      while (this.codes[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.codes[slot] = codes[i];
      this.states[slot] = states[i];
    }
    this.restartRotation();
  }
}
