import type { EntityEventKind, Features, PartyClass } from '@vigil/contracts';
import { counterpartyKey } from './counterparty-key';
import { isCanonicalEventTime } from './event-time';
import { keptFeatures } from './kept-features';
import type { MatchableEvent, TimedEvent } from './rule.types';
import { StoredEvent, type EventIds } from './stored-event';
import { NO_STRING, StringCodes, UNCODED_STRING } from './string-codes';
import { grown } from './typed-columns';

/** Where one entity's buffered events are: a list through the store's slots, in event-time order. */
export interface EventList {
  /** First (oldest) slot, -1 when empty. */
  bufferHead: number;
  /** Last (newest) slot, -1 when empty. */
  bufferTail: number;
  bufferLength: number;
}

/** What a free slot holds in the features column (it keeps nothing alive). */
const NO_FEATURES: Features = Object.freeze({});
const NO_SLOT = -1;
const INITIAL_SLOTS = 1_024;
/** Event ids of up to this many Latin-1 characters are kept in the slot's bytes; longer ones as strings. */
const ID_BYTES = 32;
/** `idLength` of an id kept as a string in `longIds`. */
const LONG_ID = 255;
/** An empty store this large gives its memory back. */
const SHRINK_FROM_SLOTS = 65_536;

/** The rare fields that do not fit a column: an event time written unusually, strings past the codes' bound. */
interface Uncommon {
  writtenAt?: string;
  kind?: string;
  counterpartyClass?: string;
  channel?: string;
}

/** `fresh` (a larger column, filled) with the contents of `old` at its start. */
function grownList<T>(fresh: T[], old: readonly T[]): T[] {
  for (let i = 0; i < old.length; i++) fresh[i] = old[i];
  return fresh;
}

/**
 * Every entity's buffered events, in columns: typed arrays for times, ids, codes and numbers, a
 * plain array only for features. Events wait in a buffer for the allowed lateness and
 * longer; as objects, each would be copied by young-generation collections until promoted and then
 * traced by every full one, which made the garbage collector the engine's largest cost. A
 * slot here is a few numbers the collector never looks at.
 *
 * Each entity's events form a list through `next`, ordered by event time with the event id as
 * tie-breaker (the order never depends on arrival). Freed slots are reused.
 */
export class EventStore implements EventIds {
  private capacity = 0;
  private time = new Float64Array(0);
  private next = new Int32Array(0);
  private kind = new Uint16Array(0);
  /** counterpartyKey of the counterparty (NaN: none); the text itself only when it is not a number. */
  private party = new Float64Array(0);
  /** Few counterparties are not numbers (alphanumeric senders). */
  private readonly partyText = new Map<number, string>();
  private partyClass = new Uint16Array(0);
  private channel = new Uint16Array(0);
  /** NaN: none. */
  private amount = new Float64Array(0);
  /** NaN: none. */
  private duration = new Float64Array(0);
  /** -1: none, 0: false, 1: true. */
  private answered = new Int8Array(0);
  /** Event ids, ID_BYTES per slot: as strings, each would be one more object per event for the collector. */
  private idBytes = Buffer.alloc(0);
  private idLength = new Uint8Array(0);
  private readonly longIds = new Map<number, string>();
  private features: Features[] = [];
  private readonly uncommon = new Map<number, Uncommon>();
  private readonly kinds = new StringCodes();
  private readonly classes = new StringCodes();
  private readonly channels = new StringCodes();
  private freeSlot = NO_SLOT;
  private top = 0;
  private used = 0;

  /** Events held. */
  get size(): number {
    return this.used;
  }

  /** Event time (ms) of the list's oldest event; undefined when it is empty. */
  firstTimeMs(list: EventList): number | undefined {
    return list.bufferHead === NO_SLOT ? undefined : this.time[list.bufferHead];
  }

  /**
   * Inserts the event into the list in event-time order; returns its position (0 = oldest), or -1
   * when an event with the same id and time is already there (at-least-once input repeats events).
   */
  insert(list: EventList, event: MatchableEvent, timeMs: number): number {
    const id = event.eventId;
    const time = this.time;
    const next = this.next;
    const tail = list.bufferTail;
    // Arrivals are mostly in order: most events go after the newest.
    if (tail === NO_SLOT || time[tail] < timeMs || (time[tail] === timeMs && this.compareId(tail, id) < 0)) {
      const slot = this.store(event, timeMs);
      this.next[slot] = NO_SLOT;
      if (tail === NO_SLOT) list.bufferHead = slot;
      else this.next[tail] = slot;
      list.bufferTail = slot;
      return list.bufferLength++;
    }
    let previous = NO_SLOT;
    let at = list.bufferHead;
    let index = 0;
    while (at !== NO_SLOT) {
      const t = time[at];
      if (t > timeMs) break;
      if (t === timeMs) {
        const order = this.compareId(at, id);
        if (order === 0) return -1;
        if (order > 0) break;
      }
      previous = at;
      at = next[at];
      index++;
    }
    const slot = this.store(event, timeMs);
    this.next[slot] = at;
    if (previous === NO_SLOT) list.bufferHead = slot;
    else this.next[previous] = slot;
    list.bufferLength++;
    return index;
  }

  /** Removes events older than `cutoffMs` from the front; returns how many were removed. */
  dropBefore(list: EventList, cutoffMs: number): number {
    let dropped = 0;
    while (list.bufferHead !== NO_SLOT && this.time[list.bufferHead] < cutoffMs) {
      this.dropFirst(list);
      dropped++;
    }
    return dropped;
  }

  /** Removes the oldest `count` events. */
  dropOldest(list: EventList, count: number): void {
    for (let i = 0; i < count && list.bufferHead !== NO_SLOT; i++) this.dropFirst(list);
  }

  /** Empties the list. */
  release(list: EventList): void {
    while (list.bufferHead !== NO_SLOT) this.dropFirst(list);
  }

  /** The list's events as objects, oldest first (a fresh array of fresh objects). */
  read(list: EventList): TimedEvent[] {
    const events: TimedEvent[] = [];
    for (let at = list.bufferHead; at !== NO_SLOT; at = this.next[at]) events.push(this.eventAt(at));
    return events;
  }

  /** Forgets every list (their holders must be dropped too). */
  clear(): void {
    this.capacity = 0;
    this.time = new Float64Array(0);
    this.next = new Int32Array(0);
    this.kind = new Uint16Array(0);
    this.party = new Float64Array(0);
    this.partyText.clear();
    this.partyClass = new Uint16Array(0);
    this.channel = new Uint16Array(0);
    this.amount = new Float64Array(0);
    this.duration = new Float64Array(0);
    this.answered = new Int8Array(0);
    this.idBytes = Buffer.alloc(0);
    this.idLength = new Uint8Array(0);
    this.longIds.clear();
    this.features = [];
    this.uncommon.clear();
    this.freeSlot = NO_SLOT;
    this.top = 0;
    this.used = 0;
  }

  private dropFirst(list: EventList): void {
    const slot = list.bufferHead;
    list.bufferHead = this.next[slot];
    if (list.bufferHead === NO_SLOT) list.bufferTail = NO_SLOT;
    list.bufferLength--;
    this.free(slot);
    if (this.used === 0 && this.capacity >= SHRINK_FROM_SLOTS) this.clear();
  }

  /** Writes the event into a free slot and returns it. */
  private store(event: MatchableEvent, timeMs: number): number {
    const slot = this.allocate();
    this.time[slot] = timeMs;
    this.storeId(slot, event.eventId);
    const counterparty = event.counterparty;
    if (counterparty === undefined) {
      this.party[slot] = NaN;
    } else {
      const key = counterpartyKey(counterparty);
      this.party[slot] = key;
      if (key < 0) this.partyText.set(slot, counterparty);
    }
    this.amount[slot] = event.amount ?? NaN;
    this.duration[slot] = event.durationSec ?? NaN;
    this.answered[slot] = event.answered === undefined ? -1 : event.answered ? 1 : 0;
    this.features[slot] = keptFeatures(event.features);
    let uncommon: Uncommon | undefined;
    if (!isCanonicalEventTime(event.occurredAt, timeMs)) uncommon = { writtenAt: event.occurredAt };
    const kind = (this.kind[slot] = this.kinds.codeOf(event.kind));
    if (kind === UNCODED_STRING) (uncommon ??= {}).kind = event.kind;
    const partyClass = (this.partyClass[slot] = this.classes.codeOf(event.counterpartyClass));
    if (partyClass === UNCODED_STRING) (uncommon ??= {}).counterpartyClass = event.counterpartyClass;
    const channel = (this.channel[slot] = this.channels.codeOf(event.channel));
    if (channel === UNCODED_STRING) (uncommon ??= {}).channel = event.channel;
    if (uncommon !== undefined) this.uncommon.set(slot, uncommon);
    return slot;
  }

  private eventAt(slot: number): StoredEvent {
    const uncommon = this.uncommon.get(slot);
    const party = this.party[slot];
    const amount = this.amount[slot];
    const duration = this.duration[slot];
    const answered = this.answered[slot];
    return new StoredEvent(
      this,
      slot,
      (this.textOf(this.kinds, this.kind[slot], uncommon?.kind) ?? '') as EntityEventKind,
      this.time[slot],
      uncommon?.writtenAt,
      Number.isNaN(party) ? undefined : party >= 0 ? String(party) : this.partyText.get(slot),
      this.textOf(this.classes, this.partyClass[slot], uncommon?.counterpartyClass) as PartyClass | undefined,
      Number.isNaN(amount) ? undefined : amount,
      this.textOf(this.channels, this.channel[slot], uncommon?.channel),
      answered < 0 ? undefined : answered === 1,
      Number.isNaN(duration) ? undefined : duration,
      this.features[slot],
    );
  }

  private storeId(slot: number, id: string): void {
    const length = id.length;
    if (length <= ID_BYTES) {
      const bytes = this.idBytes;
      const at = slot * ID_BYTES;
      let i = 0;
      for (; i < length; i++) {
        const code = id.charCodeAt(i);
        if (code > 0xff) break;
        bytes[at + i] = code;
      }
      if (i === length) {
        this.idLength[slot] = length;
        return;
      }
    }
    this.idLength[slot] = LONG_ID;
    this.longIds.set(slot, id);
  }

  /** The id of the event in `slot` (for StoredEvent). */
  idAt(slot: number): string {
    const length = this.idLength[slot];
    if (length === LONG_ID) return this.longIds.get(slot)!;
    const at = slot * ID_BYTES;
    return this.idBytes.toString('latin1', at, at + length);
  }

  /** The stored id of `slot` compared with `id` as JavaScript compares strings: negative, 0 or positive. */
  private compareId(slot: number, id: string): number {
    const length = this.idLength[slot];
    if (length === LONG_ID) {
      const stored = this.longIds.get(slot)!;
      return stored < id ? -1 : stored > id ? 1 : 0;
    }
    const bytes = this.idBytes;
    const at = slot * ID_BYTES;
    const common = Math.min(length, id.length);
    for (let i = 0; i < common; i++) {
      const difference = bytes[at + i] - id.charCodeAt(i);
      if (difference !== 0) return difference;
    }
    return length - id.length;
  }

  private textOf(codes: StringCodes, code: number, uncoded: string | undefined): string | undefined {
    if (code === NO_STRING) return undefined;
    return code === UNCODED_STRING ? uncoded : codes.textOf(code);
  }

  private allocate(): number {
    this.used++;
    if (this.freeSlot !== NO_SLOT) {
      const slot = this.freeSlot;
      this.freeSlot = this.next[slot];
      return slot;
    }
    if (this.top === this.capacity) this.grow();
    return this.top++;
  }

  /** Gives the slot back; its references are dropped so the collector can free what they held. */
  private free(slot: number): void {
    this.used--;
    if (this.idLength[slot] === LONG_ID) this.longIds.delete(slot);
    this.features[slot] = NO_FEATURES;
    if (this.party[slot] < 0) this.partyText.delete(slot);
    if (this.uncommon.size > 0) this.uncommon.delete(slot);
    this.next[slot] = this.freeSlot;
    this.freeSlot = slot;
  }

  private grow(): void {
    // Fourfold: every growth copies each column, and untouched capacity costs no physical memory.
    const capacity = Math.max(INITIAL_SLOTS, this.capacity * 4);
    this.time = grown(new Float64Array(capacity), this.time);
    this.next = grown(new Int32Array(capacity), this.next);
    this.kind = grown(new Uint16Array(capacity), this.kind);
    this.party = grown(new Float64Array(capacity), this.party);
    this.partyClass = grown(new Uint16Array(capacity), this.partyClass);
    this.channel = grown(new Uint16Array(capacity), this.channel);
    this.amount = grown(new Float64Array(capacity), this.amount);
    this.duration = grown(new Float64Array(capacity), this.duration);
    this.answered = grown(new Int8Array(capacity), this.answered);
    this.idBytes = grown(Buffer.alloc(capacity * ID_BYTES), this.idBytes);
    this.idLength = grown(new Uint8Array(capacity), this.idLength);
    this.features = grownList(new Array<Features>(capacity).fill(NO_FEATURES), this.features);
    this.capacity = capacity;
  }
}
