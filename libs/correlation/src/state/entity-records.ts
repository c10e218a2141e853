import type { ContactList } from './contact-book';
import { keyOfCode } from './entity-code';
import type { BookkeepingField, RareParts } from './entity-memory';
import type { EventList } from './event-store';
import { grown } from './typed-columns';

/**
 * Where each small-integer field of an entity sits among its FIELDS Int32s, all in one array: one cache line holds
 * them all. The first five are the entity's contact and event lists (EntityCursor's properties); in `stepsAndFlags`,
 * bits 0–29 are the buffered events' step bits and bit 30 (HAS_RARE) says the entity has an entry in `rare`.
 */
const FIELD = {
  contactsAt: 0,
  contactCount: 1,
  bufferHead: 2,
  bufferTail: 3,
  bufferLength: 4,
  stepsAndFlags: 5,
  rulesEpoch: 6,
  listedInTake: 7,
} as const;
const FIELDS = 8;
/** A new entity's fields: empty lists (no slot: -1), no step bits, rules epoch and changelog take 0. */
const NEW_ENTITY = Int32Array.of(-1, 0, -1, -1, 0, 0, 0, 0);
const HAS_RARE = 1 << 30;
const STEP_BITS = HAS_RARE - 1;
/** Each Bookkeeping field's place among the entity's fields, and its bits there (the rest are kept on a write). */
const BOOKKEEPING_AT = Int32Array.of(FIELD.stepsAndFlags, FIELD.rulesEpoch, FIELD.listedInTake);
const BOOKKEEPING_BITS = Int32Array.of(STEP_BITS, -1, -1);
const INITIAL_IDS = 1_024;

/**
 * The small fields of each entity (ColumnarEntityMemory's part), by a stable id, in columns. A million
 * subscribers as a million objects (plus their keys and boxed numbers) were the garbage collector's
 * main work: each was copied twice on its way to the old generation and traced by every full
 * collection. Here an idle subscriber is 8 Int32s, two doubles and a byte, none of them traced; the
 * few entities with waiting absences or threshold windows also have an entry in a Map.
 *
 * Ids of removed entities are reused. Keys with a numeric code (entity-code.ts) are not kept as
 * strings: `keyOf` rebuilds them when an alert or the changelog needs one.
 */
export class EntityRecords {
  private ints = new Int32Array(0);
  /** Event time (ms) of the entity's scheduled wake-up, Infinity when none. */
  private wakeAt = new Float64Array(0);
  private codes = new Float64Array(0);
  /** Keys without a numeric code (few: those are mostly subscribers). */
  private readonly otherKeys = new Map<number, string>();
  private readonly rare = new Map<number, RareParts>();
  private live = new Uint8Array(0);
  private freeIds: number[] = [];
  private top = 0;
  private count = 0;
  private rotation = 0;
  /** The one view handed out by `list`: callers use it before asking for another. */
  private readonly cursor = new EntityCursor(this);

  get size(): number {
    return this.count;
  }

  /** A new entity with nothing in it; `code` is its entityCode (0 when it has none). */
  add(key: string, code: number): number {
    const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.top++;
    if (id >= this.live.length) this.grow();
    this.ints.set(NEW_ENTITY, id * FIELDS);
    this.wakeAt[id] = Infinity;
    this.codes[id] = code;
    if (code === 0) this.otherKeys.set(id, key);
    this.live[id] = 1;
    this.count++;
    return id;
  }

  /** Takes the entity out of use (its contact and event lists must be released first); `keyOf` still answers. */
  retire(id: number): void {
    this.live[id] = 0;
    this.dropRare(id);
    this.count--;
  }

  /** Makes a retired id available for a new entity. */
  release(id: number): void {
    this.otherKeys.delete(id);
    this.freeIds.push(id);
  }

  keyOf(id: number): string {
    const code = this.codes[id];
    return code === 0 ? this.otherKeys.get(id)! : keyOfCode(code);
  }

  /** The entity's contact and event lists (and rare parts): a shared view, valid until the next call. */
  list(id: number): EntityCursor {
    this.cursor.id = id;
    return this.cursor;
  }

  contactCount(id: number): number {
    return this.ints[id * FIELDS + FIELD.contactCount];
  }

  bufferLength(id: number): number {
    return this.ints[id * FIELDS + FIELD.bufferLength];
  }

  bookkeeping(id: number, field: BookkeepingField): number {
    return this.ints[id * FIELDS + BOOKKEEPING_AT[field]] & BOOKKEEPING_BITS[field];
  }

  setBookkeeping(id: number, field: BookkeepingField, value: number): void {
    const at = id * FIELDS + BOOKKEEPING_AT[field];
    const bits = BOOKKEEPING_BITS[field];
    this.ints[at] = (this.ints[at] & ~bits) | (value & bits);
  }

  wakeAtMs(id: number): number {
    return this.wakeAt[id];
  }

  setWakeAtMs(id: number, timeMs: number): void {
    this.wakeAt[id] = timeMs;
  }

  /** A flag in the entity's fields spares most entities a Map lookup (a cache miss in a large Map). */
  rareOf(id: number): RareParts | undefined {
    return (this.ints[id * FIELDS + FIELD.stepsAndFlags] & HAS_RARE) === 0 ? undefined : this.rare.get(id);
  }

  /** The rare parts, created empty when there are none. */
  rareFor(id: number): RareParts {
    let rare = this.rare.get(id);
    if (rare === undefined) {
      rare = { pending: undefined, thresholds: undefined };
      this.rare.set(id, rare);
      this.ints[id * FIELDS + FIELD.stepsAndFlags] |= HAS_RARE;
    }
    return rare;
  }

  /** Drops the rare parts when nothing is left in them. */
  tidyRare(id: number): void {
    const rare = this.rareOf(id);
    if (rare !== undefined && rare.pending === undefined && rare.thresholds === undefined) this.dropRare(id);
  }

  private dropRare(id: number): void {
    if (!this.rare.delete(id)) return;
    this.ints[id * FIELDS + FIELD.stepsAndFlags] &= STEP_BITS;
  }

  isEmpty(id: number): boolean {
    const at = id * FIELDS;
    return (
      this.ints[at + FIELD.contactCount] === 0 &&
      this.ints[at + FIELD.bufferLength] === 0 &&
      (this.ints[at + FIELD.stepsAndFlags] & HAS_RARE) === 0
    );
  }

  /** The rare parts of every entity that has some. */
  rareParts(): IterableIterator<RareParts> {
    return this.rare.values();
  }

  /** Live ids, in id order. */
  *ids(): IterableIterator<number> {
    for (let id = 0; id < this.top; id++) if (this.live[id] === 1) yield id;
  }

  /**
   * The next live id of an endless round over all of them, one per call; -1 when there is none.
   * Ids added or removed during a round may be skipped or visited twice.
   */
  nextInRotation(): number {
    if (this.count === 0) return -1;
    for (;;) {
      if (this.rotation >= this.top) this.rotation = 0;
      const id = this.rotation++;
      if (this.live[id] === 1) return id;
    }
  }

  clear(): void {
    this.ints = new Int32Array(0);
    this.wakeAt = new Float64Array(0);
    this.codes = new Float64Array(0);
    this.otherKeys.clear();
    this.rare.clear();
    this.live = new Uint8Array(0);
    this.freeIds = [];
    this.top = 0;
    this.count = 0;
    this.rotation = 0;
  }

  /** @internal for EntityCursor */
  intAt(id: number, field: number): number {
    return this.ints[id * FIELDS + field];
  }

  /** @internal for EntityCursor */
  setIntAt(id: number, field: number, value: number): void {
    this.ints[id * FIELDS + field] = value;
  }

  private grow(): void {
    const capacity = Math.max(INITIAL_IDS, this.live.length * 2);
    this.ints = grown(new Int32Array(capacity * FIELDS), this.ints);
    this.wakeAt = grown(new Float64Array(capacity), this.wakeAt);
    this.codes = grown(new Float64Array(capacity), this.codes);
    this.live = grown(new Uint8Array(capacity), this.live);
  }
}

/** One entity's lists, as the ContactBook and the EventStore take them: each property is its field in the records. */
export class EntityCursor implements ContactList, EventList {
  id = 0;
  declare contactsAt: number;
  declare contactCount: number;
  declare bufferHead: number;
  declare bufferTail: number;
  declare bufferLength: number;

  constructor(private readonly records: EntityRecords) {}

  // The accessors come from one table. Each getter and setter is a closure of its own, so every access site still
  // sees one constant accessor that V8 can inline, as with hand-written ones (bench:engine:ab: no difference).
  static {
    for (const name of ['contactsAt', 'contactCount', 'bufferHead', 'bufferTail', 'bufferLength'] as const) {
      const field = FIELD[name];
      Object.defineProperty(this.prototype, name, {
        get(this: EntityCursor): number {
          return this.records.intAt(this.id, field);
        },
        set(this: EntityCursor, value: number): void {
          this.records.setIntAt(this.id, field, value);
        },
      });
    }
  }
}
