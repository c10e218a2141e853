import type { CandidateBuffer } from '../matching/candidate-buffer';
import type { MatchableEvent, TimedEvent } from '../time/timed-event';
import { ContactBook, type FirstContactPolicy } from './contact-book';
import type { BookkeepingField, EntityMemory, RareParts } from './entity-memory';
import { EntityRecords } from './entity-records';
import { EntityTable } from './entity-table';
import { EventStore } from './event-store';

/**
 * The engine's EntityMemory: ids by key in an EntityTable, each entity's small fields in EntityRecords' columns,
 * every entity's contacts in one ContactBook slab and every buffered event in one EventStore. A million idle
 * subscribers cost a few typed-array slots each and nothing the garbage collector traces (see each part).
 */
export class ColumnarEntityMemory implements EntityMemory {
  private readonly entities = new EntityTable();
  private readonly records = new EntityRecords();
  private readonly contacts: ContactBook;
  private readonly buffered = new EventStore();

  constructor(policy: FirstContactPolicy) {
    this.contacts = new ContactBook(policy);
  }

  get size(): number {
    return this.entities.size;
  }

  idOf(key: string): number {
    return this.entities.get(key);
  }

  create(key: string): number {
    const id = this.records.add(key, this.entities.codeOf(key));
    this.entities.set(key, id);
    return id;
  }

  keyOf(id: number): string {
    return this.records.keyOf(id);
  }

  remove(id: number): void {
    const records = this.records;
    this.contacts.release(records.list(id));
    this.buffered.release(records.list(id));
    records.setWakeAtMs(id, Infinity); // any queued wake-up is now stale
    this.entities.delete(records.keyOf(id));
    records.retire(id);
  }

  release(id: number): void {
    this.records.release(id);
  }

  isEmpty(id: number): boolean {
    return this.records.isEmpty(id);
  }

  ids(): Iterable<number> {
    return this.records.ids();
  }

  nextInRotation(): number {
    return this.records.nextInRotation();
  }

  clear(): void {
    this.entities.clear();
    this.records.clear();
    this.contacts.clear();
    this.buffered.clear();
  }

  recordContact(id: number, counterparty: string, timeMs: number): number {
    return this.contacts.record(this.records.list(id), counterparty, timeMs);
  }

  isFirstContact(id: number, counterparty: string, atMs: number): boolean {
    return this.contacts.isFirstContact(this.records.list(id), counterparty, atMs);
  }

  expireContacts(id: number, cutoffMs: number): number {
    return this.contacts.expire(this.records.list(id), cutoffMs);
  }

  contactCount(id: number): number {
    return this.records.contactCount(id);
  }

  contactSlots(id: number): number[] {
    return this.contacts.toJSON(this.records.list(id));
  }

  loadContacts(id: number, slots: readonly number[]): void {
    this.contacts.load(this.records.list(id), slots);
  }

  bufferEvent(id: number, event: MatchableEvent, timeMs: number): number {
    return this.buffered.insert(this.records.list(id), event, timeMs);
  }

  bufferLength(id: number): number {
    return this.records.bufferLength(id);
  }

  firstBufferedMs(id: number): number | undefined {
    return this.buffered.firstTimeMs(this.records.list(id));
  }

  candidates(id: number): CandidateBuffer {
    return this.buffered.view(this.records.list(id));
  }

  bufferedEvents(id: number): readonly TimedEvent[] {
    return this.buffered.read(this.records.list(id));
  }

  dropOldestBuffered(id: number, count: number): void {
    this.buffered.dropOldest(this.records.list(id), count);
  }

  dropBufferedBefore(id: number, cutoffMs: number): number {
    return this.buffered.dropBefore(this.records.list(id), cutoffMs);
  }

  rareOf(id: number): RareParts | undefined {
    return this.records.rareOf(id);
  }

  rareFor(id: number): RareParts {
    return this.records.rareFor(id);
  }

  tidyRare(id: number): void {
    this.records.tidyRare(id);
  }

  rareParts(): Iterable<RareParts> {
    return this.records.rareParts();
  }

  bookkeeping(id: number, field: BookkeepingField): number {
    return this.records.bookkeeping(id, field);
  }

  setBookkeeping(id: number, field: BookkeepingField, value: number): void {
    this.records.setBookkeeping(id, field, value);
  }

  wakeAtMs(id: number): number {
    return this.records.wakeAtMs(id);
  }

  setWakeAtMs(id: number, timeMs: number): void {
    this.records.setWakeAtMs(id, timeMs);
  }
}
