import type { EntityEventKind, PartyClass } from '@vigil/contracts';
import { counterpartyKey } from './counterparty-key';
import { isCanonicalEventTime } from '../time/event-time';
import { keptFeatures } from './kept-features';
import { BufferView, type SlotReader } from './buffer-view';
import type { MatchableEvent, TimedEvent } from '../time/timed-event';
import { StoredEvent, type EventIds } from './stored-event';
import { ID_BYTES, NO_FEATURES, PAGE_BITS, PAGE_MASK, PAGE_SLOTS, EventStorePage } from './event-store-page';
import { NO_STRING, StringCodes, UNCODED_STRING } from './string-codes';

/** Where one entity's buffered events are: a list through the store's slots, in event-time order. */
export interface EventList {
  /** First (oldest) slot, -1 when empty. */
  bufferHead: number;
  /** Last (newest) slot, -1 when empty. */
  bufferTail: number;
  bufferLength: number;
}

const NO_SLOT = -1;
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

/**
 * Every entity's buffered events, in columns (by pages, see EventStorePage): typed arrays for times,
 * ids, codes and numbers, a plain array only for features. Events wait in a buffer for the allowed lateness and
 * longer; as objects, each would be copied by young-generation collections until promoted and then
 * traced by every full one, which made the garbage collector the engine's largest cost. A
 * slot here is a few numbers the collector never looks at.
 *
 * Each entity's events form a list through `next`, ordered by event time with the event id as
 * tie-breaker (the order never depends on arrival). Freed slots are reused.
 */
export class EventStore implements EventIds, SlotReader {
  /** Slot s is at index s & PAGE_MASK of page s >>> PAGE_BITS. */
  private pages: EventStorePage[] = [];
  private readonly sharedView = new BufferView(this);
  /** The text of counterparties that are not numbers (few: alphanumeric senders). */
  private readonly partyText = new Map<number, string>();
  private readonly longIds = new Map<number, string>();
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
    return list.bufferHead === NO_SLOT ? undefined : this.timeMsOf(list.bufferHead);
  }

  /**
   * Inserts the event into the list in event-time order; returns its position (0 = oldest), or -1
   * when an event with the same id and time is already there (at-least-once input repeats events).
   */
  insert(list: EventList, event: MatchableEvent, timeMs: number): number {
    const id = event.eventId;
    const tail = list.bufferTail;
    const tailMs = tail === NO_SLOT ? -Infinity : this.timeMsOf(tail);
    // Arrivals are mostly in order: most events go after the newest.
    if (tailMs < timeMs || (tailMs === timeMs && this.compareId(tail, id) < 0)) {
      const slot = this.store(event, timeMs);
      this.setNext(slot, NO_SLOT);
      if (tail === NO_SLOT) list.bufferHead = slot;
      else this.setNext(tail, slot);
      list.bufferTail = slot;
      return list.bufferLength++;
    }
    let previous = NO_SLOT;
    let at = list.bufferHead;
    let index = 0;
    while (at !== NO_SLOT) {
      const t = this.timeMsOf(at);
      if (t > timeMs) break;
      if (t === timeMs) {
        const order = this.compareId(at, id);
        if (order === 0) return -1;
        if (order > 0) break;
      }
      previous = at;
      at = this.nextOf(at);
      index++;
    }
    const slot = this.store(event, timeMs);
    this.setNext(slot, at);
    if (previous === NO_SLOT) list.bufferHead = slot;
    else this.setNext(previous, slot);
    list.bufferLength++;
    return index;
  }

  /** Removes events older than `cutoffMs` from the front; returns how many were removed. */
  dropBefore(list: EventList, cutoffMs: number): number {
    let dropped = 0;
    while (list.bufferHead !== NO_SLOT && this.timeMsOf(list.bufferHead) < cutoffMs) {
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
    for (let at = list.bufferHead; at !== NO_SLOT; at = this.nextOf(at)) events.push(this.eventOf(at));
    return events;
  }

  /** The list's events by position, built into objects only as they are read; valid until the next call. */
  view(list: EventList): BufferView {
    const view = this.sharedView;
    view.reset();
    for (let at = list.bufferHead; at !== NO_SLOT; at = this.nextOf(at)) view.add(at);
    return view;
  }

  /** @internal SlotReader */
  kindOf(slot: number): EntityEventKind {
    const code = this.pages[slot >>> PAGE_BITS].kind[slot & PAGE_MASK];
    const uncoded = code === UNCODED_STRING ? this.uncommon.get(slot)?.kind : undefined;
    return (this.textOf(this.kinds, code, uncoded) ?? '') as EntityEventKind;
  }

  /** Forgets every list (their holders must be dropped too). */
  clear(): void {
    this.pages = [];
    this.partyText.clear();
    this.longIds.clear();
    this.uncommon.clear();
    this.freeSlot = NO_SLOT;
    this.top = 0;
    this.used = 0;
  }

  private dropFirst(list: EventList): void {
    const slot = list.bufferHead;
    list.bufferHead = this.nextOf(slot);
    if (list.bufferHead === NO_SLOT) list.bufferTail = NO_SLOT;
    list.bufferLength--;
    this.free(slot);
    if (this.used === 0 && this.pages.length * PAGE_SLOTS >= SHRINK_FROM_SLOTS) this.clear();
  }

  /** Writes the event into a free slot and returns it. */
  private store(event: MatchableEvent, timeMs: number): number {
    const slot = this.allocate();
    const page = this.pages[slot >>> PAGE_BITS];
    const i = slot & PAGE_MASK;
    page.time[i] = timeMs;
    this.storeId(page, i, slot, event.eventId);
    const counterparty = event.counterparty;
    if (counterparty === undefined) {
      page.party[i] = NaN;
    } else {
      const key = counterpartyKey(counterparty);
      page.party[i] = key;
      if (key < 0) this.partyText.set(slot, counterparty);
    }
    page.amount[i] = event.amount ?? NaN;
    page.duration[i] = event.durationSec ?? NaN;
    page.answered[i] = event.answered === undefined ? -1 : event.answered ? 1 : 0;
    page.features[i] = keptFeatures(event.features);
    let uncommon: Uncommon | undefined;
    if (!isCanonicalEventTime(event.occurredAt, timeMs)) uncommon = { writtenAt: event.occurredAt };
    const kind = (page.kind[i] = this.kinds.codeOf(event.kind));
    if (kind === UNCODED_STRING) (uncommon ??= {}).kind = event.kind;
    const partyClass = (page.partyClass[i] = this.classes.codeOf(event.counterpartyClass));
    if (partyClass === UNCODED_STRING) (uncommon ??= {}).counterpartyClass = event.counterpartyClass;
    const channel = (page.channel[i] = this.channels.codeOf(event.channel));
    if (channel === UNCODED_STRING) (uncommon ??= {}).channel = event.channel;
    if (uncommon !== undefined) this.uncommon.set(slot, uncommon);
    return slot;
  }

  /** @internal SlotReader */
  eventOf(slot: number): StoredEvent {
    const page = this.pages[slot >>> PAGE_BITS];
    const i = slot & PAGE_MASK;
    const uncommon = this.uncommon.size === 0 ? undefined : this.uncommon.get(slot);
    const party = page.party[i];
    const amount = page.amount[i];
    const duration = page.duration[i];
    const answered = page.answered[i];
    return new StoredEvent(
      this,
      slot,
      this.kindOf(slot),
      page.time[i],
      uncommon?.writtenAt,
      party,
      this.textOf(this.classes, page.partyClass[i], uncommon?.counterpartyClass) as PartyClass | undefined,
      Number.isNaN(amount) ? undefined : amount,
      this.textOf(this.channels, page.channel[i], uncommon?.channel),
      answered < 0 ? undefined : answered === 1,
      Number.isNaN(duration) ? undefined : duration,
      page.features[i],
    );
  }

  private storeId(page: EventStorePage, i: number, slot: number, id: string): void {
    const length = id.length;
    if (length <= ID_BYTES) {
      const bytes = page.idBytes;
      const at = i * ID_BYTES;
      let c = 0;
      for (; c < length; c++) {
        const code = id.charCodeAt(c);
        if (code > 0xff) break;
        bytes[at + c] = code;
      }
      if (c === length) {
        page.idLength[i] = length;
        return;
      }
    }
    page.idLength[i] = LONG_ID;
    this.longIds.set(slot, id);
  }

  /** The counterparty of the event in `slot` (for StoredEvent). */
  counterpartyAt(slot: number, key: number): string | undefined {
    return key >= 0 ? String(key) : this.partyText.get(slot);
  }

  /** The id of the event in `slot` (for StoredEvent). */
  idAt(slot: number): string {
    const page = this.pages[slot >>> PAGE_BITS];
    const i = slot & PAGE_MASK;
    const length = page.idLength[i];
    if (length === LONG_ID) return this.longIds.get(slot)!;
    const at = i * ID_BYTES;
    return page.idBytes.toString('latin1', at, at + length);
  }

  /** The stored id of `slot` compared with `id` as JavaScript compares strings: negative, 0 or positive. */
  private compareId(slot: number, id: string): number {
    const page = this.pages[slot >>> PAGE_BITS];
    const i = slot & PAGE_MASK;
    const length = page.idLength[i];
    if (length === LONG_ID) {
      const stored = this.longIds.get(slot)!;
      return stored < id ? -1 : stored > id ? 1 : 0;
    }
    const bytes = page.idBytes;
    const at = i * ID_BYTES;
    const common = Math.min(length, id.length);
    for (let c = 0; c < common; c++) {
      const difference = bytes[at + c] - id.charCodeAt(c);
      if (difference !== 0) return difference;
    }
    return length - id.length;
  }

  /** @internal SlotReader */
  timeMsOf(slot: number): number {
    return this.pages[slot >>> PAGE_BITS].time[slot & PAGE_MASK];
  }

  private nextOf(slot: number): number {
    return this.pages[slot >>> PAGE_BITS].next[slot & PAGE_MASK];
  }

  private setNext(slot: number, next: number): void {
    this.pages[slot >>> PAGE_BITS].next[slot & PAGE_MASK] = next;
  }

  private textOf(codes: StringCodes, code: number, uncoded: string | undefined): string | undefined {
    if (code === NO_STRING) return undefined;
    return code === UNCODED_STRING ? uncoded : codes.textOf(code);
  }

  private allocate(): number {
    this.used++;
    if (this.freeSlot !== NO_SLOT) {
      const slot = this.freeSlot;
      this.freeSlot = this.nextOf(slot);
      return slot;
    }
    if (this.top === this.pages.length * PAGE_SLOTS) this.pages.push(new EventStorePage());
    return this.top++;
  }

  /** Gives the slot back; its references are dropped so the collector can free what they held. */
  private free(slot: number): void {
    this.used--;
    const page = this.pages[slot >>> PAGE_BITS];
    const i = slot & PAGE_MASK;
    if (page.idLength[i] === LONG_ID) this.longIds.delete(slot);
    page.features[i] = NO_FEATURES;
    if (page.party[i] < 0) this.partyText.delete(slot);
    if (this.uncommon.size > 0) this.uncommon.delete(slot);
    page.next[i] = this.freeSlot;
    this.freeSlot = slot;
  }
}
