import { ContactBook, type ContactList, type FirstContactPolicy } from './contact-book';

export type { FirstContactPolicy } from './contact-book';

/**
 * One subscriber's counterparties, for "first contact?" queries: a ContactBook holding a single list.
 * The engine keeps every subscriber's list in one shared book instead.
 */
export class FirstContactIndex {
  private readonly book: ContactBook;
  private readonly list: ContactList = { contactsAt: -1, contactCount: 0 };

  constructor(policy: FirstContactPolicy) {
    this.book = new ContactBook(policy);
  }

  /** Number of counterparties tracked. */
  get size(): number {
    return this.list.contactCount;
  }

  /** Records a contact at `timeMs`, in any order. Returns how many contacts were evicted to stay in bounds (0 or 1). */
  record(counterparty: string, timeMs: number): number {
    return this.book.record(this.list, counterparty, timeMs);
  }

  /**
   * True when nothing was exchanged with `counterparty` in [timeMs − window, timeMs).
   * The event being asked about never counts, nor do contacts later in event time.
   */
  isFirstContact(counterparty: string, timeMs: number): boolean {
    return this.book.isFirstContact(this.list, counterparty, timeMs);
  }

  /** Drops contacts last seen before `cutoffMs`; returns how many were dropped. */
  expire(cutoffMs: number): number {
    return this.book.expire(this.list, cutoffMs);
  }

  /** Plain numbers for a snapshot. */
  toJSON(): number[] {
    return this.book.toJSON(this.list);
  }

  /** Rebuilds an index from `toJSON()` output. */
  static fromJSON(policy: FirstContactPolicy, slots: readonly number[]): FirstContactIndex {
    const index = new FirstContactIndex(policy);
    index.book.load(index.list, slots);
    return index;
  }
}
