import { maskPhoneNumber, maskPhoneNumbersInText, phoneNumberDigits } from '@vigil/contracts';
import { GenerationalCache } from './generational-cache';
import { ShortMessageHmac } from './short-message-hmac';

/** A party as stored: a lookup key (keyed hash for numbers) and what an analyst may see. */
export interface PseudonymousParty {
  key: string;
  display: string;
}

/** An entity as stored: its type plus its party. */
export interface PseudonymousEntity extends PseudonymousParty {
  type: string;
}

/**
 * Replaces phone numbers (the privacy rule of `@vigil/contracts`: 8–15 digits however formatted, home or not) by
 * an HMAC-SHA256 pseudonym (keyed with a configured secret, so the key space of phone numbers cannot be enumerated
 * without it) plus a masked display form `***67`; a number is never the key of a stored row. Looking a subscriber up
 * hashes the typed number the same way. Non-numbers (short numbers, alphanumeric senders, card tokens) are not
 * personal numbers and stay readable.
 */
export class SubscriberPseudonymizer {
  /** Default number of recently seen party values (numbers, senders) whose pseudonyms stay cached. */
  static readonly DEFAULT_CACHE_SIZE = 150_000;

  // Subscribers recur heavily in the stream (a few hot numbers, a long tail): caching the finished, frozen
  // pseudonym of recently seen values keeps HMAC, regexes and allocation off the sink's hot path. A cached value
  // is immutable and shared between rows. One cache for entities and counterparties alike (an entity is its
  // type plus a party), so a subscriber seen in both roles costs one entry and each row one lookup per party.
  // Memory: at most 2 × cacheSize entries of ~200 B.
  private readonly parties: GenerationalCache<PseudonymousParty>;
  private readonly hmac: ShortMessageHmac;

  constructor(secret: string | Buffer, options: { cacheSize?: number } = {}) {
    if (secret.length < 16) throw new RangeError('pseudonym secret must be at least 16 bytes');
    this.hmac = new ShortMessageHmac(secret);
    const cacheSize = options.cacheSize ?? SubscriberPseudonymizer.DEFAULT_CACHE_SIZE;
    this.parties = new GenerationalCache(cacheSize);
  }

  /** True for a value that is a phone number under the privacy rule (8–15 digits, however formatted). */
  static isPhoneNumber(value: string): boolean {
    return phoneNumberDigits(value) !== undefined;
  }

  /** Hash of a phone number's digits (formatting and a leading + ignored); 32 hex characters. */
  hashNumber(number: string): string {
    return this.hashDigits(number.replace(/\D/g, ''));
  }

  private hashDigits(digits: string): string {
    return this.hmac.hex128(digits);
  }

  /** `77011234567` → `***67`. */
  static mask(number: string): string {
    return maskPhoneNumber(number);
  }

  /** A party value (a number, short number, sender name or card token) as it may be stored. */
  party(value: string): PseudonymousParty {
    let party = this.parties.get(value);
    if (party === undefined) {
      const digits = phoneNumberDigits(value);
      party = Object.freeze(
        digits === undefined
          ? { key: value, display: value }
          : { key: this.hashDigits(digits), display: maskPhoneNumber(digits) },
      );
      this.parties.set(value, party);
    }
    return party;
  }

  /** An entity id `msisdn:<digits>`, `sender:<id>` or `card:<token>` split into its type and stored party. */
  entity(entity: string): PseudonymousEntity {
    const separator = entity.indexOf(':');
    if (separator <= 0) return { type: 'unknown', ...this.party(entity) };
    const { key, display } = this.party(entity.slice(separator + 1));
    return { type: entity.slice(0, separator), key, display };
  }

  /** Masks every phone number inside free text (alert explanations, analyst notes), however formatted. */
  static maskText(text: string): string {
    return maskPhoneNumbersInText(text);
  }
}
