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

const PLAIN_NUMBER = /^\d{10,15}$/;
const NUMBER_PATTERN = /^\+?\d{10,15}$/;
const DIGIT_RUN = /(?<!\d)(\d{4})\d{3,8}(\d{4})(?!\d)/g;

/**
 * Replaces subscriber numbers by an HMAC-SHA256 pseudonym (keyed with a configured secret, so the key space of
 * phone numbers cannot be enumerated without it) plus a masked display form `7701***4567`. Looking a subscriber up
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

  /** True for a value that is a full phone number (10–15 digits, optional leading +). */
  static isPhoneNumber(value: string): boolean {
    return NUMBER_PATTERN.test(value.replace(/[\s()-]/g, ''));
  }

  /** Hash of a phone number's digits (formatting and a leading + ignored); 32 hex characters. */
  hashNumber(number: string): string {
    return this.hashDigits(number.replace(/\D/g, ''));
  }

  private hashDigits(digits: string): string {
    return this.hmac.hex128(digits);
  }

  /** `77011234567` → `7701***4567`. */
  static mask(number: string): string {
    const digits = number.replace(/\D/g, '');
    return `${digits.slice(0, 4)}***${digits.slice(-4)}`;
  }

  /** A party value (a number, short number, sender name or card token) as it may be stored. */
  party(value: string): PseudonymousParty {
    let party = this.parties.get(value);
    if (party === undefined) {
      party = Object.freeze(
        PLAIN_NUMBER.test(value) // the usual form: digits only, nothing to strip
          ? { key: this.hashDigits(value), display: `${value.slice(0, 4)}***${value.slice(-4)}` }
          : SubscriberPseudonymizer.isPhoneNumber(value)
            ? { key: this.hashNumber(value), display: SubscriberPseudonymizer.mask(value) }
            : { key: value, display: value },
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

  /** Masks every phone-number-like digit run inside free text (alert explanations, analyst notes). */
  static maskText(text: string): string {
    return text.replace(DIGIT_RUN, '$1***$2');
  }
}
