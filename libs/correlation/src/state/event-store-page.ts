import type { Features } from '@vigil/contracts';

/** Slots per page: 2^15, about 2.7 MB of columns (mostly untouched, so unbacked, until used). */
export const PAGE_BITS = 15;
export const PAGE_SLOTS = 1 << PAGE_BITS;
export const PAGE_MASK = PAGE_SLOTS - 1;
/** Event ids of up to this many Latin-1 characters are kept in the slot's bytes; longer ones as strings. */
export const ID_BYTES = 32;
/** What a free slot holds in the features column (it keeps nothing alive). */
export const NO_FEATURES: Features = Object.freeze({});

/**
 * The columns of PAGE_SLOTS consecutive slots of the EventStore. A store grows by whole pages, which
 * never move: growing one array per column copied everything held so far at each step, and that
 * copying (into memory touched for the first time) was a tenth of the engine's time while a
 * million subscribers' buffers filled up.
 */
export class EventStorePage {
  readonly time = new Float64Array(PAGE_SLOTS);
  readonly next = new Int32Array(PAGE_SLOTS);
  readonly kind = new Uint16Array(PAGE_SLOTS);
  /** counterpartyKey of the counterparty (NaN: none). */
  readonly party = new Float64Array(PAGE_SLOTS);
  readonly partyClass = new Uint16Array(PAGE_SLOTS);
  readonly channel = new Uint16Array(PAGE_SLOTS);
  /** NaN: none. */
  readonly amount = new Float64Array(PAGE_SLOTS);
  /** NaN: none. */
  readonly duration = new Float64Array(PAGE_SLOTS);
  /** -1: none, 0: false, 1: true. */
  readonly answered = new Int8Array(PAGE_SLOTS);
  /** Event ids, ID_BYTES per slot: as strings, each would be one more object per event for the collector. */
  readonly idBytes = Buffer.alloc(PAGE_SLOTS * ID_BYTES);
  readonly idLength = new Uint8Array(PAGE_SLOTS);
  readonly features: Features[] = new Array<Features>(PAGE_SLOTS).fill(NO_FEATURES);
}
