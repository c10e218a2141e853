import { counterpartyKey } from './counterparty-key';
import { DoubleSlab } from './double-slab';
import { EPOCH_SEC } from '../time/epoch-seconds';

/** Shared limits of every subscriber's contacts. */
export interface FirstContactPolicy {
  /** How far back a contact counts, in ms (default 30 days). */
  readonly windowMs: number;
  /** Max counterparties kept per subscriber; the least recently seen is evicted beyond it. */
  readonly maxContacts: number;
}

/** Where one subscriber's contacts are: a region of the book's slab (kept on the subscriber's state). */
export interface ContactList {
  /** Offset of the region in the slab, -1 when there are no contacts. */
  contactsAt: number;
  /** Counterparties in the region; its capacity is the smallest power of two holding them. */
  contactCount: number;
}

// Per counterparty two doubles: its key (counterparty-key.ts) and the last contact time (s since
// 2020-01-01) times 2^22 plus the length of the "run" of contacts leading to it, where consecutive
// contacts are at most one window apart. Any time inside a run has a contact less than one window
// before it, which answers out-of-order queries exactly for every time within the run, with no
// per-contact list.
export const RUN_RANGE = 4_194_304; // 2^22 s ≈ 48.5 days; longer runs are capped (only older queries are affected)
export const MAX_RUN = RUN_RANGE - 1;

/** A contact time as the book keeps it: whole seconds since 2020-01-01. */
export function toSec(timeMs: number): number {
  return Math.floor(timeMs / 1000) - EPOCH_SEC;
}

/** Capacity in counterparties of the region holding `count` of them. */
function capacityFor(count: number): number {
  return count <= 1 ? 1 : 2 ** Math.ceil(Math.log2(count));
}

/**
 * Every subscriber's counterparties (calls, SMS, transfers), for "first contact?" queries. The
 * lists live in one off-heap slab; a subscriber's state holds only where its list is. A list is
 * scanned linearly (bounded by `maxContacts`) and keeps insertion order.
 */
export class ContactBook {
  private readonly slab = new DoubleSlab();

  constructor(private readonly policy: FirstContactPolicy) {}

  /** Bytes reserved for contact lists (off the JS heap). */
  get byteLength(): number {
    return this.slab.byteLength;
  }

  /** Offset of `key`'s pair in the slab, or -1. */
  private find(list: ContactList, key: number): number {
    const data = this.slab.data;
    const end = list.contactsAt + 2 * list.contactCount;
    for (let i = list.contactsAt; i < end; i += 2) if (data[i] === key) return i;
    return -1;
  }

  /** Records a contact at `timeMs`, in any order. Returns how many contacts were evicted to stay in bounds (0 or 1). */
  record(list: ContactList, counterparty: string, timeMs: number): number {
    const key = counterpartyKey(counterparty);
    const at = toSec(timeMs);
    const i = list.contactCount === 0 ? -1 : this.find(list, key);
    if (i < 0) {
      const full = list.contactCount >= this.policy.maxContacts;
      if (full && list.contactCount > 0) this.replaceLeastRecent(list, key, at * RUN_RANGE);
      else this.append(list, key, at * RUN_RANGE);
      return full ? 1 : 0;
    }
    const data = this.slab.data;
    const windowSec = this.policy.windowMs / 1000;
    const packed = data[i + 1];
    const last = Math.floor(packed / RUN_RANGE);
    const run = packed - last * RUN_RANGE;
    if (at > last) {
      const nextRun = at - last <= windowSec ? Math.min(run + (at - last), MAX_RUN) : 0;
      data[i + 1] = at * RUN_RANGE + nextRun;
    } else if (at < last - run && last - run - at <= windowSec) {
      data[i + 1] = last * RUN_RANGE + Math.min(last - at, MAX_RUN);
    }
    return 0;
  }

  /**
   * True when nothing was exchanged with `counterparty` in [timeMs − window, timeMs).
   * The event being asked about never counts, nor do contacts later in event time.
   */
  isFirstContact(list: ContactList, counterparty: string, timeMs: number): boolean {
    if (list.contactCount === 0) return true;
    const i = this.find(list, counterpartyKey(counterparty));
    if (i < 0) return true;
    const at = toSec(timeMs);
    const packed = this.slab.data[i + 1];
    const last = Math.floor(packed / RUN_RANGE);
    if (at > last) return last < at - this.policy.windowMs / 1000;
    // Inside the run there is a contact within one window before `at`; at or before its start, none is known.
    return at <= last - (packed - last * RUN_RANGE);
  }

  /** Drops contacts last seen before `cutoffMs`; returns how many were dropped. */
  expire(list: ContactList, cutoffMs: number): number {
    if (list.contactCount === 0) return 0;
    const cutoff = toSec(cutoffMs);
    const data = this.slab.data;
    const from = list.contactsAt;
    const end = from + 2 * list.contactCount;
    let write = from;
    for (let read = from; read < end; read += 2) {
      if (Math.floor(data[read + 1] / RUN_RANGE) < cutoff) continue;
      data[write] = data[read];
      data[write + 1] = data[read + 1];
      write += 2;
    }
    const kept = (write - from) / 2;
    const dropped = list.contactCount - kept;
    if (kept === 0) {
      this.release(list);
    } else if (dropped > 0) {
      const capacity = capacityFor(list.contactCount);
      list.contactCount = kept;
      if (capacityFor(kept) < capacity) this.moveTo(list, capacityFor(kept), capacity);
    }
    return dropped;
  }

  /** The list as plain numbers for a snapshot: interleaved [key, packed time] pairs. */
  toJSON(list: ContactList): number[] {
    if (list.contactCount === 0) return [];
    const from = list.contactsAt;
    return Array.from(this.slab.data.subarray(from, from + 2 * list.contactCount));
  }

  /** Replaces the list with `toJSON()` output (at most `maxContacts` of it). */
  load(list: ContactList, slots: readonly number[]): void {
    this.release(list);
    const count = Math.min(slots.length >> 1, this.policy.maxContacts);
    if (count === 0) return;
    const at = this.slab.allocate(2 * capacityFor(count));
    const data = this.slab.data;
    for (let i = 0; i < 2 * count; i++) data[at + i] = slots[i];
    list.contactsAt = at;
    list.contactCount = count;
  }

  /** Gives the list's region back; the list is then empty. */
  release(list: ContactList): void {
    if (list.contactsAt >= 0) this.slab.release(list.contactsAt, 2 * capacityFor(list.contactCount));
    list.contactsAt = -1;
    list.contactCount = 0;
  }

  /** Forgets every list (their holders must be dropped too). */
  clear(): void {
    this.slab.clear();
  }

  private append(list: ContactList, key: number, packed: number): void {
    const count = list.contactCount;
    if (list.contactsAt < 0) this.moveTo(list, 1, 0);
    else if (count === capacityFor(count)) this.moveTo(list, capacityFor(count + 1), count);
    const at = list.contactsAt + 2 * count;
    const data = this.slab.data;
    data[at] = key;
    data[at + 1] = packed;
    list.contactCount = count + 1;
  }

  /** Moves the list's pairs to a new region of `capacity`, giving back the old one of `oldCapacity`. */
  private moveTo(list: ContactList, capacity: number, oldCapacity: number): void {
    const at = this.slab.allocate(2 * capacity);
    const old = list.contactsAt;
    if (old >= 0) {
      this.slab.data.copyWithin(at, old, old + 2 * list.contactCount);
      this.slab.release(old, 2 * oldCapacity);
    }
    list.contactsAt = at;
  }

  /** Evicts the least recently seen counterparty for a new one, keeping insertion order (the new one last). */
  private replaceLeastRecent(list: ContactList, key: number, packed: number): void {
    const data = this.slab.data;
    const from = list.contactsAt;
    const end = from + 2 * list.contactCount;
    let oldest = from;
    for (let i = from + 2; i < end; i += 2) if (data[i + 1] < data[oldest + 1]) oldest = i;
    data.copyWithin(oldest, oldest + 2, end);
    data[end - 2] = key;
    data[end - 1] = packed;
  }
}
