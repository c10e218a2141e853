import type { NumberPlan, Party } from './party.types';

const DIGITS_ONLY = /^[0-9]+$/;
// Formatting people and switches put into numbers: spaces, brackets, hyphens, dots.
const NUMBER_FORMATTING = /[\s()\-.]/g;
const HAS_LETTER = /\p{L}/u;
const WHITESPACE_RUN = /\s+/g;

/**
 * Normalizes a phone number to international digits without "+": `+7 701 123 45 67`, `8 701 123 45 67`,
 * `87011234567`, `7 (701) 123-45-67` all become `77011234567`. Short numbers (`7575`) come back as their digits.
 * Returns `undefined` for anything that is not a usable number (letters, too short or too long, a national
 * number of the wrong length).
 */
export function normalizeNumber(raw: string, plan: NumberPlan): string | undefined {
  let text = raw.trim();
  let international = false;
  if (text.startsWith('+')) {
    international = true;
    text = text.slice(1);
  }
  let digits = DIGITS_ONLY.test(text) ? text : text.replace(NUMBER_FORMATTING, '');
  if (!DIGITS_ONLY.test(digits)) return undefined;

  if (
    !international &&
    digits.startsWith(plan.internationalPrefix) &&
    digits.length > plan.shortNumberMaxDigits
  ) {
    international = true;
    digits = digits.slice(plan.internationalPrefix.length);
  }
  const domesticLength = plan.countryCode.length + plan.nationalNumberDigits;
  if (!international) {
    if (digits.length >= plan.shortNumberMinDigits && digits.length <= plan.shortNumberMaxDigits)
      return digits;
    if (
      digits.length === plan.trunkPrefix.length + plan.nationalNumberDigits &&
      digits.startsWith(plan.trunkPrefix)
    ) {
      return plan.countryCode + digits.slice(plan.trunkPrefix.length);
    }
  }
  if (digits.startsWith(plan.countryCode)) return digits.length === domesticLength ? digits : undefined;
  // E.164 numbers have at most 15 digits.
  return digits.length >= plan.internationalMinDigits && digits.length <= 15 ? digits : undefined;
}

/** Whether a canonical number belongs to the home network (its prefix is in the configured list). */
export function isHomeNumber(number: string, plan: NumberPlan): boolean {
  if (number.length !== plan.countryCode.length + plan.nationalNumberDigits) return false;
  for (const prefix of plan.homePrefixes) if (number.startsWith(prefix)) return true;
  return false;
}

/** Canonical id of an alphanumeric sender: lower-cased, trimmed, inner whitespace collapsed. */
export function alphanumericId(raw: string): string {
  return raw.trim().toLowerCase().replace(WHITESPACE_RUN, ' ');
}

/**
 * Classifies a raw party string under the number plan: `anonymous` (hidden or empty), `official` (an
 * allow-listed sender such as 2000 or Kcell), `alphanumeric` (a sender id with letters), `short_number`,
 * `home_msisdn`, `domestic` (other numbers of the country code) or `international`.
 * Returns `undefined` when the string normalizes to nothing usable.
 */
export function classifyParty(raw: string, plan: NumberPlan): Party | undefined {
  const trimmed = raw.trim();
  if (trimmed === '' || plan.anonymousAliases.has(trimmed.toLowerCase()))
    return { id: 'anonymous', class: 'anonymous' };

  if (HAS_LETTER.test(trimmed)) {
    const id = alphanumericId(trimmed);
    return { id, class: plan.allowListedSenderIds.has(id) ? 'official' : 'alphanumeric' };
  }
  const id = normalizeNumber(trimmed, plan);
  if (id === undefined) return undefined;
  if (plan.allowListedSenderIds.has(id)) return { id, class: 'official' };
  if (id.length <= plan.shortNumberMaxDigits) return { id, class: 'short_number' };
  if (isHomeNumber(id, plan)) return { id, class: 'home_msisdn' };
  if (id.startsWith(plan.countryCode) && id.length === plan.countryCode.length + plan.nationalNumberDigits) {
    return { id, class: 'domestic' };
  }
  return { id, class: 'international' };
}

/** Whether the party is a premium-rate short number under the configured pattern. */
export function isPremiumShortNumber(party: Party | undefined, plan: NumberPlan): boolean {
  return party !== undefined && party.class === 'short_number' && plan.premiumShortNumber.test(party.id);
}

/** Longest unrecognized sender id kept; longer ids are cut (a feed's garbage must not become a huge key). */
const MAX_UNRECOGNIZED_ID_LENGTH = 32;

/**
 * Classifies the sender of a delivered SMS. Like classifyParty, except that a sender fitting no number plan (a
 * 10-digit number, a spoofed format) is not unusable: the message reached the subscriber, so the sender becomes
 * an `unrecognized` party whose id is the raw string lower-cased without whitespace.
 */
export function classifySender(raw: string, plan: NumberPlan): Party {
  const party = classifyParty(raw, plan);
  if (party !== undefined) return party;
  return {
    id: raw.trim().toLowerCase().replace(WHITESPACE_RUN, '').slice(0, MAX_UNRECOGNIZED_ID_LENGTH),
    class: 'unrecognized',
  };
}
