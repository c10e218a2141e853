import type { ContactList } from './contact-book';
import { keyOfCode } from './entity-code';
import type { RareParts } from './entity-memory';
import type { EventList } from './event-store';
import { grown } from './typed-columns';

// The small-integer fields of one entity, FIELDS Int32s per id in one array: one cache line holds them all.
const CONTACTS_AT = 0;
const CONTACT_COUNT = 1;
const BUFFER_HEAD = 2;
const BUFFER_TAIL = 3;
const BUFFER_LENGTH = 4;
/** Bits 0–29: the buffered events' step bits; bit 30 (HAS_RARE): the entity has an entry in `rare`. */
const STEPS_AND_FLAGS = 5;
const RULES_EPOCH = 6;
const LISTED_IN_TAKE = 7;
const FIELDS = 8;
const HAS_RARE = 1 << 30;
const STEP_BITS = HAS_RARE - 1;
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
    const at = id * FIELDS;
    const ints = this.ints;
    ints[at + CONTACTS_AT] = -1;
    ints[at + CONTACT_COUNT] = 0;
    ints[at + BUFFER_HEAD] = -1;
    ints[at + BUFFER_TAIL] = -1;
    ints[at + BUFFER_LENGTH] = 0;
    ints[at + STEPS_AND_FLAGS] = 0;
    ints[at + RULES_EPOCH] = 0;
    ints[at + LISTED_IN_TAKE] = 0;
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
    return this.ints[id * FIELDS + CONTACT_COUNT];
  }

  bufferLength(id: number): number {
    return this.ints[id * FIELDS + BUFFER_LENGTH];
  }

  bufferedSteps(id: number): number {
    return this.ints[id * FIELDS + STEPS_AND_FLAGS] & STEP_BITS;
  }

  setBufferedSteps(id: number, bits: number): void {
    const at = id * FIELDS + STEPS_AND_FLAGS;
    this.ints[at] = (this.ints[at] & HAS_RARE) | (bits & STEP_BITS);
  }

  rulesEpoch(id: number): number {
    return this.ints[id * FIELDS + RULES_EPOCH];
  }

  setRulesEpoch(id: number, epoch: number): void {
    this.ints[id * FIELDS + RULES_EPOCH] = epoch;
  }

  listedInTake(id: number): number {
    return this.ints[id * FIELDS + LISTED_IN_TAKE];
  }

  setListedInTake(id: number, take: number): void {
    this.ints[id * FIELDS + LISTED_IN_TAKE] = take;
  }

  wakeAtMs(id: number): number {
    return this.wakeAt[id];
  }

  setWakeAtMs(id: number, timeMs: number): void {
    this.wakeAt[id] = timeMs;
  }

  /** A flag in the entity's fields spares most entities a Map lookup (a cache miss in a large Map). */
  rareOf(id: number): RareParts | undefined {
    return (this.ints[id * FIELDS + STEPS_AND_FLAGS] & HAS_RARE) === 0 ? undefined : this.rare.get(id);
  }

  /** The rare parts, created empty when there are none. */
  rareFor(id: number): RareParts {
    let rare = this.rare.get(id);
    if (rare === undefined) {
      rare = { pending: undefined, thresholds: undefined };
      this.rare.set(id, rare);
      this.ints[id * FIELDS + STEPS_AND_FLAGS] |= HAS_RARE;
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
    this.ints[id * FIELDS + STEPS_AND_FLAGS] &= STEP_BITS;
  }

  isEmpty(id: number): boolean {
    const at = id * FIELDS;
    return (
      this.ints[at + CONTACT_COUNT] === 0 &&
      this.ints[at + BUFFER_LENGTH] === 0 &&
      (this.ints[at + STEPS_AND_FLAGS] & HAS_RARE) === 0
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

/** One entity's lists, as the ContactBook and the EventStore take them. */
export class EntityCursor implements ContactList, EventList {
  id = 0;

  constructor(private readonly records: EntityRecords) {}

  get contactsAt(): number {
    return this.records.intAt(this.id, CONTACTS_AT);
  }

  set contactsAt(at: number) {
    this.records.setIntAt(this.id, CONTACTS_AT, at);
  }

  get contactCount(): number {
    return this.records.intAt(this.id, CONTACT_COUNT);
  }

  set contactCount(count: number) {
    this.records.setIntAt(this.id, CONTACT_COUNT, count);
  }

  get bufferHead(): number {
    return this.records.intAt(this.id, BUFFER_HEAD);
  }

  set bufferHead(slot: number) {
    this.records.setIntAt(this.id, BUFFER_HEAD, slot);
  }

  get bufferTail(): number {
    return this.records.intAt(this.id, BUFFER_TAIL);
  }

  set bufferTail(slot: number) {
    this.records.setIntAt(this.id, BUFFER_TAIL, slot);
  }

  get bufferLength(): number {
    return this.records.intAt(this.id, BUFFER_LENGTH);
  }

  set bufferLength(length: number) {
    this.records.setIntAt(this.id, BUFFER_LENGTH, length);
  }
}
