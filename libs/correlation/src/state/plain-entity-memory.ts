import type { CandidateBuffer } from '../matching/candidate-buffer';
import type { MatchableEvent, TimedEvent } from '../time/timed-event';
import { compareTimed } from '../time/timed-order';
import { MAX_RUN, RUN_RANGE, toSec, type FirstContactPolicy } from './contact-book';
import { counterpartyKey } from './counterparty-key';
import { NO_ENTITY, type BookkeepingField, type EntityMemory, type RareParts } from './entity-memory';
import { RetainedEvent } from './retained-event';

/** One entity as plain objects. */
class PlainEntity {
  /** Every contact time (whole seconds since 2020, ascending) by counterparty key, in order of first contact. */
  readonly contacts = new Map<number, number[]>();
  /** Buffered events in event-time order, the event id breaking ties. */
  buffered: TimedEvent[] = [];
  rare: RareParts | undefined = undefined;
  /** By Bookkeeping field. */
  readonly bookkeeping = [0, 0, 0];
  wakeAtMs = Infinity;

  constructor(readonly key: string) {}
}

/** A sorted array's view for a sequence search. */
class ArrayCandidates implements CandidateBuffer {
  constructor(private readonly events: readonly TimedEvent[]) {}

  get length(): number {
    return this.events.length;
  }

  timeMsAt(index: number): number {
    return this.events[index].timeMs;
  }

  kindAt(index: number): TimedEvent['kind'] {
    return this.events[index].kind;
  }

  eventAt(index: number): TimedEvent {
    return this.events[index];
  }
}

/**
 * The reference EntityMemory: each entity an object with a Map of every contact time and a sorted array of
 * buffered events, each operation written the plain way. It answers "first contact?" from every contact it has
 * recorded, where the columnar ContactBook keeps one run per counterparty; the two agree whenever no contact
 * arrives more than a window out of order and no run of contacts spans more than 48 days, which the engine's
 * lateness bound ensures for one source read in order. Slow (linear scans, fresh arrays): for tests, as the oracle
 * the property tests run the engine's ColumnarEntityMemory against.
 */
export class PlainEntityMemory implements EntityMemory {
  private readonly idsByKey = new Map<string, number>();
  /** Every entity not yet released, by id: live ones and removed ones whose key is still asked for. */
  private readonly entities = new Map<number, PlainEntity>();
  /** Ids handed out as the columnar memory does (the last released first), so wake-ups run in the same order. */
  private freeIds: number[] = [];
  private nextId = 0;
  private rotation = 0;
  private readonly windowSec: number;

  constructor(private readonly policy: FirstContactPolicy) {
    this.windowSec = policy.windowMs / 1000;
  }

  get size(): number {
    return this.idsByKey.size;
  }

  idOf(key: string): number {
    return this.idsByKey.get(key) ?? NO_ENTITY;
  }

  create(key: string): number {
    const id = this.freeIds.pop() ?? this.nextId++;
    this.entities.set(id, new PlainEntity(key));
    this.idsByKey.set(key, id);
    return id;
  }

  keyOf(id: number): string {
    return this.entity(id).key;
  }

  remove(id: number): void {
    const entity = this.entity(id);
    entity.contacts.clear();
    entity.buffered = [];
    entity.rare = undefined;
    entity.wakeAtMs = Infinity;
    this.idsByKey.delete(entity.key);
  }

  release(id: number): void {
    this.entities.delete(id);
    this.freeIds.push(id);
  }

  isEmpty(id: number): boolean {
    const entity = this.entity(id);
    return entity.contacts.size === 0 && entity.buffered.length === 0 && entity.rare === undefined;
  }

  ids(): number[] {
    return [...this.idsByKey.values()].sort((a, b) => a - b);
  }

  nextInRotation(): number {
    const ids = this.ids();
    if (ids.length === 0) return NO_ENTITY;
    const id = ids.find((candidate) => candidate >= this.rotation) ?? ids[0];
    this.rotation = id + 1;
    return id;
  }

  clear(): void {
    this.idsByKey.clear();
    this.entities.clear();
    this.freeIds = [];
    this.nextId = 0;
    this.rotation = 0;
  }

  recordContact(id: number, counterparty: string, timeMs: number): number {
    const contacts = this.entity(id).contacts;
    const key = counterpartyKey(counterparty);
    const at = toSec(timeMs);
    const times = contacts.get(key);
    if (times !== undefined) {
      if (!times.includes(at)) times.splice(sortedIndex(times, at), 0, at);
      return 0;
    }
    const full = contacts.size >= this.policy.maxContacts;
    if (full && contacts.size > 0) contacts.delete(this.leastRecentlySeen(contacts));
    contacts.set(key, [at]);
    return full ? 1 : 0;
  }

  isFirstContact(id: number, counterparty: string, atMs: number): boolean {
    const times = this.entity(id).contacts.get(counterpartyKey(counterparty));
    const at = toSec(atMs);
    return times === undefined || !times.some((time) => time >= at - this.windowSec && time < at);
  }

  expireContacts(id: number, cutoffMs: number): number {
    const contacts = this.entity(id).contacts;
    const cutoff = toSec(cutoffMs);
    let expired = 0;
    for (const [key, times] of contacts) {
      if (times[times.length - 1] >= cutoff) continue;
      contacts.delete(key);
      expired++;
    }
    return expired;
  }

  contactCount(id: number): number {
    return this.entity(id).contacts.size;
  }

  /** Per counterparty its key and last contact × 2^22 + the run of contacts before it, as the ContactBook writes them. */
  contactSlots(id: number): number[] {
    const slots: number[] = [];
    for (const [key, times] of this.entity(id).contacts) {
      const last = times[times.length - 1];
      slots.push(key, last * RUN_RANGE + Math.min(last - this.runStart(times), MAX_RUN));
    }
    return slots;
  }

  /** A run becomes contacts at most one window apart from its start to its last contact: the same answers. */
  loadContacts(id: number, slots: readonly number[]): void {
    const contacts = this.entity(id).contacts;
    contacts.clear();
    const count = Math.min(slots.length >> 1, this.policy.maxContacts);
    const step = Math.max(1, Math.floor(this.windowSec));
    for (let i = 0; i < count; i++) {
      const packed = slots[2 * i + 1];
      const last = Math.floor(packed / RUN_RANGE);
      const times: number[] = [];
      for (let time = last - (packed - last * RUN_RANGE); time < last; time += step) times.push(time);
      times.push(last);
      contacts.set(slots[2 * i], times);
    }
  }

  bufferEvent(id: number, event: MatchableEvent, timeMs: number): number {
    const entity = this.entity(id);
    const item = new RetainedEvent(event, timeMs);
    const index = entity.buffered.findIndex((other) => compareTimed(other, item) >= 0);
    if (index < 0) return entity.buffered.push(item) - 1;
    if (compareTimed(entity.buffered[index], item) === 0) return -1;
    entity.buffered.splice(index, 0, item);
    return index;
  }

  bufferLength(id: number): number {
    return this.entity(id).buffered.length;
  }

  firstBufferedMs(id: number): number | undefined {
    return this.entity(id).buffered[0]?.timeMs;
  }

  candidates(id: number): CandidateBuffer {
    return new ArrayCandidates([...this.entity(id).buffered]);
  }

  bufferedEvents(id: number): readonly TimedEvent[] {
    return [...this.entity(id).buffered];
  }

  dropOldestBuffered(id: number, count: number): void {
    this.entity(id).buffered.splice(0, count);
  }

  dropBufferedBefore(id: number, cutoffMs: number): number {
    const entity = this.entity(id);
    const kept = entity.buffered.filter((item) => item.timeMs >= cutoffMs);
    const dropped = entity.buffered.length - kept.length;
    entity.buffered = kept;
    return dropped;
  }

  rareOf(id: number): RareParts | undefined {
    return this.entity(id).rare;
  }

  rareFor(id: number): RareParts {
    return (this.entity(id).rare ??= { pending: undefined, thresholds: undefined });
  }

  tidyRare(id: number): void {
    const entity = this.entity(id);
    if (entity.rare?.pending === undefined && entity.rare?.thresholds === undefined) entity.rare = undefined;
  }

  rareParts(): RareParts[] {
    return this.ids().flatMap((id) => this.entity(id).rare ?? []);
  }

  bookkeeping(id: number, field: BookkeepingField): number {
    return this.entity(id).bookkeeping[field];
  }

  setBookkeeping(id: number, field: BookkeepingField, value: number): void {
    this.entity(id).bookkeeping[field] = value;
  }

  wakeAtMs(id: number): number {
    return this.entity(id).wakeAtMs;
  }

  setWakeAtMs(id: number, timeMs: number): void {
    this.entity(id).wakeAtMs = timeMs;
  }

  private entity(id: number): PlainEntity {
    const entity = this.entities.get(id);
    if (entity === undefined) throw new RangeError(`no entity ${id}`);
    return entity;
  }

  /** The counterparty seen longest ago (by last contact, then the shorter run), the first of equals. */
  private leastRecentlySeen(contacts: Map<number, number[]>): number {
    let oldest: number | undefined;
    let oldestLast = Infinity;
    let oldestRun = Infinity;
    for (const [key, times] of contacts) {
      const last = times[times.length - 1];
      const run = Math.min(last - this.runStart(times), MAX_RUN);
      if (last < oldestLast || (last === oldestLast && run < oldestRun)) {
        oldest = key;
        oldestLast = last;
        oldestRun = run;
      }
    }
    return oldest!;
  }

  /** The first contact of the run that ends at the last one: contacts at most one window apart. */
  private runStart(times: readonly number[]): number {
    let start = times.length - 1;
    while (start > 0 && times[start] - times[start - 1] <= this.windowSec) start--;
    return times[start];
  }
}

/** Where `value` goes in the ascending `values`. */
function sortedIndex(values: readonly number[], value: number): number {
  const index = values.findIndex((other) => other > value);
  return index < 0 ? values.length : index;
}
