import type { CandidateBuffer } from '../matching/candidate-buffer';
import type { PartialMatch } from '../matching/partial-match';
import type { ThresholdWindow } from '../matching/threshold-window';
import type { MatchableEvent, TimedEvent } from '../time/timed-event';

export { NO_ENTITY } from './entity-table';

/** What few entities hold: matches waiting for event time, threshold windows (by rule key). */
export interface RareParts {
  pending: PartialMatch[] | undefined;
  thresholds: Map<string, ThresholdWindow> | undefined;
}

/** One of the engine's notes about an entity. */
export type BookkeepingField = (typeof Bookkeeping)[keyof typeof Bookkeeping];

/** The engine's whole-number notes about each entity (int32 values), read and written by field. */
export const Bookkeeping = {
  /** Bits of the rule steps that some buffered event passes the static test of. */
  bufferedSteps: 0,
  /** Rules generation the entity's step bits and wake-up were computed under. */
  rulesEpoch: 1,
  /** Number of the changelog take that lists the entity as changed. */
  listedInTake: 2,
} as const;

/**
 * What the engine remembers about each entity of its partition, under a numeric id: the counterparties it has
 * exchanged with (for "first contact?"), its buffered events in event-time order (what sequence searches read),
 * its waiting matches and threshold windows, and the engine's bookkeeping for it (wake-up time, step bits, rules
 * generation, changelog take).
 *
 * Two implementations: ColumnarEntityMemory, the engine's, built for a million idle subscribers; and
 * PlainEntityMemory, maps and arrays that say what each operation means, which the property tests run the engine
 * on as an oracle for the columnar one.
 */
export interface EntityMemory {
  // ---- which entities ----------------------------------------------------------------------

  /** Entities with state. */
  readonly size: number;
  /** The entity's id, or NO_ENTITY when it has no state. */
  idOf(key: string): number;
  /** A new entity with nothing remembered, its wake-up at Infinity and its bookkeeping at 0. */
  create(key: string): number;
  /** The entity's key; still answers after `remove`, until `release`. */
  keyOf(id: number): string;
  /** Forgets the entity's state and key lookup; its id stays out of use until `release`. */
  remove(id: number): void;
  /** Makes a removed entity's id available again. */
  release(id: number): void;
  /** Whether the entity remembers nothing: no contacts, buffered events, waiting matches or windows. */
  isEmpty(id: number): boolean;
  /** Ids of the entities with state. */
  ids(): Iterable<number>;
  /** The next entity of an endless round over all of them, one per call; NO_ENTITY when there is none. */
  nextInRotation(): number;
  /** Forgets every entity. */
  clear(): void;

  // ---- contacts: "has this entity exchanged anything with this counterparty lately?" --------

  /** Records a contact at `timeMs`, in any order; returns how many counterparties were evicted (0 or 1). */
  recordContact(id: number, counterparty: string, timeMs: number): number;
  /**
   * True when nothing was exchanged with `counterparty` in [atMs − window, atMs), to the second: the event asked
   * about never counts, nor do contacts later in event time.
   */
  isFirstContact(id: number, counterparty: string, atMs: number): boolean;
  /** Forgets the counterparties last seen before `cutoffMs`; returns how many. */
  expireContacts(id: number, cutoffMs: number): number;
  /** Counterparties remembered. */
  contactCount(id: number): number;
  /** The contacts in the snapshot format: per counterparty its key and its packed last-contact time and run. */
  contactSlots(id: number): number[];
  /** Replaces the contacts with `contactSlots` output (at most the policy's maximum of them). */
  loadContacts(id: number, slots: readonly number[]): void;

  // ---- buffered events, in event-time order with the event id as tie-breaker ---------------

  /** Inserts the event; returns its position (0 = oldest), or -1 when one with its id and time is there. */
  bufferEvent(id: number, event: MatchableEvent, timeMs: number): number;
  bufferLength(id: number): number;
  /** Event time (ms) of the oldest buffered event; undefined when there is none. */
  firstBufferedMs(id: number): number | undefined;
  /** The buffered events by position, as a sequence search reads them; valid until the next call. */
  candidates(id: number): CandidateBuffer;
  /** The buffered events, oldest first. */
  bufferedEvents(id: number): readonly TimedEvent[];
  /** Drops the oldest `count` buffered events. */
  dropOldestBuffered(id: number, count: number): void;
  /** Drops the buffered events older than `cutoffMs`; returns how many. */
  dropBufferedBefore(id: number, cutoffMs: number): number;

  // ---- waiting matches and threshold windows ------------------------------------------------

  /** The entity's waiting matches and windows; undefined when it has none. */
  rareOf(id: number): RareParts | undefined;
  /** The same, created empty when there are none. */
  rareFor(id: number): RareParts;
  /** Drops the rare parts when nothing is left in them. */
  tidyRare(id: number): void;
  /** The rare parts of every entity that has some. */
  rareParts(): Iterable<RareParts>;

  // ---- the engine's bookkeeping ---------------------------------------------------------------

  /** One of the engine's whole-number notes about the entity (`Bookkeeping`); 0 until set. */
  bookkeeping(id: number, field: BookkeepingField): number;
  setBookkeeping(id: number, field: BookkeepingField, value: number): void;
  /** Event time (ms) of the entity's scheduled wake-up; Infinity when none. */
  wakeAtMs(id: number): number;
  setWakeAtMs(id: number, timeMs: number): void;
}
