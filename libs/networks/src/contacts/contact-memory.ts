import type { EntityEventV1 } from '@vigil/contracts';
import type { ContactMemoryOptions } from '../networks.options';
import { numberEntityOf } from '../observations/number-entity';
import type { TransferObservation } from '../observations/observation.types';

/** Kinds that make a counterparty known to a subscriber: any call, SMS or transfer either way. */
const CONTACT_KINDS: ReadonlySet<string> = new Set([
  'sms_in',
  'sms_out',
  'call_in',
  'call_out',
  'transfer_out',
  'transfer_in',
]);
/** Transfers to these are never mule payments (the operator's own services, short numbers). */
const NOT_A_MULE: ReadonlySet<string> = new Set(['official', 'short_number']);

/** Event time between two sweeps for contacts older than the memory. */
const EXPIRY_SWEEP_INTERVAL_MS = 3_600_000; // 1 h

/** Event times (ms) of a subscriber's earliest and latest contact with one counterparty. */
type ContactSpan = [firstMs: number, lastMs: number];

/** One changed subscriber's memory, for the changelog (null: forgotten). */
export interface ContactChange {
  subscriber: string;
  value: Buffer | null;
}

/**
 * Who each subscriber of one entity-events partition has been in contact with, and when: the memory that tells a
 * first-contact transfer (a number the subscriber never called, texted or paid in 30 days) from a payment to a
 * known number. Bounded per subscriber and per partition; forgets on event time. Pure: the caller persists the
 * changes (`drainChanges`) and restores them (`restore`).
 */
export class ContactMemory {
  private readonly subscribers = new Map<string, Map<string, ContactSpan>>();
  /** Latest event time of each subscriber, for eviction. */
  private readonly lastActiveMs = new Map<string, number>();
  private readonly changed = new Set<string>();
  private eventTimeMs = 0;
  private lastExpirySweepMs = -Infinity;

  constructor(private readonly options: ContactMemoryOptions) {}

  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Remembers a contact event; for a transfer_out to a number the subscriber had no contact with before it (within
   * the memory), returns the first-contact transfer observation to forward.
   */
  observe(event: EntityEventV1): TransferObservation | undefined {
    if (!CONTACT_KINDS.has(event.kind) || event.counterparty === undefined) return undefined;
    if (!event.entity.startsWith('msisdn:')) return undefined;
    const atMs = Date.parse(event.occurredAt);
    if (!Number.isFinite(atMs)) return undefined;
    this.eventTimeMs = Math.max(this.eventTimeMs, atMs);
    const contacts = this.contactsOf(event.entity);
    const span = contacts.get(event.counterparty);
    const known = span !== undefined && span[0] < atMs && span[1] >= atMs - this.options.memoryMs;
    this.remember(event.entity, contacts, event.counterparty, atMs);
    if (event.kind !== 'transfer_out' || known) return undefined;
    if (event.counterpartyClass !== undefined && NOT_A_MULE.has(event.counterpartyClass)) return undefined;
    const observation: TransferObservation = {
      type: 'transfer',
      number: numberEntityOf(event.counterparty),
      subscriber: event.entity,
      occurredAtMs: atMs,
      eventId: event.eventId,
    };
    if (event.amount !== undefined) observation.amount = event.amount;
    return observation;
  }

  /**
   * Forgets subscribers silent for longer than the memory (at most once an hour of event time: the memory is 30
   * days), and beyond the cap the least active, down to nine tenths of it so that the sort is rare.
   */
  evict(): void {
    if (this.eventTimeMs - this.lastExpirySweepMs >= EXPIRY_SWEEP_INTERVAL_MS) {
      this.lastExpirySweepMs = this.eventTimeMs;
      const horizonMs = this.eventTimeMs - this.options.memoryMs;
      for (const [subscriber, lastMs] of this.lastActiveMs) if (lastMs < horizonMs) this.forget(subscriber);
    }
    if (this.subscribers.size <= this.options.maxSubscribers) return;
    const excess = this.subscribers.size - Math.floor(this.options.maxSubscribers * 0.9);
    const oldest = [...this.lastActiveMs].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    for (const [subscriber] of oldest.slice(0, excess)) this.forget(subscriber);
  }

  /** The subscribers changed since the last call, encoded for the changelog. */
  drainChanges(): ContactChange[] {
    const changes: ContactChange[] = [];
    for (const subscriber of this.changed) {
      const contacts = this.subscribers.get(subscriber);
      changes.push({
        subscriber,
        value:
          contacts === undefined
            ? null
            : Buffer.from(
                JSON.stringify([...contacts].map(([party, [first, last]]) => [party, first, last])),
                'utf8',
              ),
      });
    }
    this.changed.clear();
    return changes;
  }

  /** Applies one changelog record (restore, in log order); a record that cannot be read is skipped and reported. */
  restore(subscriber: string, value: Buffer | null): boolean {
    if (value === null) {
      this.subscribers.delete(subscriber);
      this.lastActiveMs.delete(subscriber);
      return true;
    }
    let entries: unknown;
    try {
      entries = JSON.parse(value.toString('utf8'));
    } catch {
      return false;
    }
    if (!Array.isArray(entries)) return false;
    const contacts = new Map<string, ContactSpan>();
    let lastMs = 0;
    for (const entry of entries as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') return false;
      const [counterparty, firstMs, latestMs] = entry as [string, number, number];
      if (!Number.isFinite(firstMs) || !Number.isFinite(latestMs)) return false;
      contacts.set(counterparty, [firstMs, latestMs]);
      lastMs = Math.max(lastMs, latestMs);
    }
    this.subscribers.set(subscriber, contacts);
    this.lastActiveMs.set(subscriber, lastMs);
    this.eventTimeMs = Math.max(this.eventTimeMs, lastMs);
    return true;
  }

  private contactsOf(subscriber: string): Map<string, ContactSpan> {
    let contacts = this.subscribers.get(subscriber);
    if (contacts === undefined) {
      contacts = new Map();
      this.subscribers.set(subscriber, contacts);
    }
    return contacts;
  }

  private remember(
    subscriber: string,
    contacts: Map<string, ContactSpan>,
    counterparty: string,
    atMs: number,
  ) {
    const span = contacts.get(counterparty);
    if (span === undefined) contacts.set(counterparty, [atMs, atMs]);
    else if (atMs < span[0] || atMs > span[1])
      contacts.set(counterparty, [Math.min(span[0], atMs), Math.max(span[1], atMs)]);
    else return;
    if (contacts.size > this.options.maxContactsPerSubscriber) {
      let leastRecent: string | undefined;
      let leastMs = Infinity;
      for (const [party, [, lastMs]] of contacts)
        if (lastMs < leastMs) {
          leastMs = lastMs;
          leastRecent = party;
        }
      if (leastRecent !== undefined) contacts.delete(leastRecent);
    }
    this.lastActiveMs.set(subscriber, Math.max(this.lastActiveMs.get(subscriber) ?? 0, atMs));
    this.changed.add(subscriber);
  }

  private forget(subscriber: string): void {
    this.subscribers.delete(subscriber);
    this.lastActiveMs.delete(subscriber);
    this.changed.add(subscriber);
  }
}
