import { createHmac } from 'node:crypto';

/** A party as stored: a lookup key (keyed hash for numbers) and what an analyst may see. */
export interface PseudonymousParty {
  key: string;
  display: string;
}

const NUMBER_PATTERN = /^\+?\d{10,15}$/;
const DIGIT_RUN = /(?<!\d)(\d{4})\d{3,8}(\d{4})(?!\d)/g;

/**
 * Replaces subscriber numbers by an HMAC-SHA256 pseudonym (keyed with a configured secret, so the key space of
 * phone numbers cannot be enumerated without it) plus a masked display form `7701***4567`. Looking a subscriber up
 * hashes the typed number the same way. Non-numbers (short numbers, alphanumeric senders, card tokens) are not
 * personal numbers and stay readable.
 */
export class SubscriberPseudonymizer {
  // Subscribers recur in the stream: caching their hashes keeps HMAC off the sink's hot path.
  private readonly hashes = new Map<string, string>();
  private static readonly MAX_CACHED_HASHES = 200_000;

  constructor(private readonly secret: string | Buffer) {
    if (secret.length < 16) throw new RangeError('pseudonym secret must be at least 16 bytes');
  }

  /** True for a value that is a full phone number (10–15 digits, optional leading +). */
  static isPhoneNumber(value: string): boolean {
    return NUMBER_PATTERN.test(value.replace(/[\s()-]/g, ''));
  }

  /** Hash of a phone number's digits (formatting and a leading + ignored); 32 hex characters. */
  hashNumber(number: string): string {
    const digits = number.replace(/\D/g, '');
    let hash = this.hashes.get(digits);
    if (hash === undefined) {
      hash = createHmac('sha256', this.secret).update(digits).digest('hex').slice(0, 32);
      if (this.hashes.size >= SubscriberPseudonymizer.MAX_CACHED_HASHES) this.hashes.clear();
      this.hashes.set(digits, hash);
    }
    return hash;
  }

  /** `77011234567` → `7701***4567`. */
  static mask(number: string): string {
    const digits = number.replace(/\D/g, '');
    return `${digits.slice(0, 4)}***${digits.slice(-4)}`;
  }

  /** A party value (a number, short number, sender name or card token) as it may be stored. */
  party(value: string): PseudonymousParty {
    if (!SubscriberPseudonymizer.isPhoneNumber(value)) return { key: value, display: value };
    return { key: this.hashNumber(value), display: SubscriberPseudonymizer.mask(value) };
  }

  /** An entity id `msisdn:<digits>`, `sender:<id>` or `card:<token>` split into its type and stored party. */
  entity(entity: string): PseudonymousParty & { type: string } {
    const separator = entity.indexOf(':');
    const type = separator > 0 ? entity.slice(0, separator) : 'unknown';
    return { type, ...this.party(separator > 0 ? entity.slice(separator + 1) : entity) };
  }

  /** Masks every phone-number-like digit run inside free text (alert explanations, analyst notes). */
  static maskText(text: string): string {
    return text.replace(DIGIT_RUN, '$1***$2');
  }
}
