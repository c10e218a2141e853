/**
 * The one privacy rule for phone numbers, used by every path that shows, stores or logs a party: a party of 8 to
 * 15 digits (the shortest international number ingest accepts, up to E.164's longest), however formatted, is a
 * phone number. It is stored only as a keyed hash and shown only masked: `***` and its last two digits, so a masked
 * form leaves at least 10^6 candidates (README, "Privacy of numbers"). Shorter values (short numbers, service
 * numbers) and values with letters (sender names, card tokens) are not personal numbers and stay readable.
 */
export const PHONE_NUMBER_MIN_DIGITS = 8;
export const PHONE_NUMBER_MAX_DIGITS = 15;
/** Digits a masked number keeps: the last two. */
export const MASKED_NUMBER_VISIBLE_DIGITS = 2;

// What people and switches put into numbers: a leading +, spaces, brackets, hyphens, dots.
const NUMBER_FORMATTING = /[\s().+-]/g;
const FORMATTED_NUMBER = /^\+?[\d\s().-]+$/;
const DIGITS = /^\d+$/;

/** The digits of a value that is a phone number under the rule, else undefined. */
export function phoneNumberDigits(value: string): string | undefined {
  const digits = DIGITS.test(value)
    ? value
    : FORMATTED_NUMBER.test(value)
      ? value.replace(NUMBER_FORMATTING, '')
      : '';
  return digits.length >= PHONE_NUMBER_MIN_DIGITS &&
    digits.length <= PHONE_NUMBER_MAX_DIGITS &&
    DIGITS.test(digits)
    ? digits
    : undefined;
}

/** True for a value that is a phone number under the rule (8–15 digits, however formatted). */
export function isPhoneNumber(value: string): boolean {
  return phoneNumberDigits(value) !== undefined;
}

/** `77011234567` (or `+7 701 123-45-67`) → `***67`; anything that is not a phone number comes back unchanged. */
export function maskPhoneNumber(value: string): string {
  const digits = phoneNumberDigits(value);
  return digits === undefined ? value : maskedForm(digits);
}

/** A party or an entity id (`msisdn:77011234567`, `sender:Kcell`): the number part masked, the type kept. */
export function maskParty(value: string): string {
  const separator = value.indexOf(':');
  if (separator <= 0) return maskPhoneNumber(value);
  return `${value.slice(0, separator + 1)}${maskPhoneNumber(value.slice(separator + 1))}`;
}

function maskedForm(digits: string): string {
  return `***${digits.slice(-MASKED_NUMBER_VISIBLE_DIGITS)}`;
}

// In free text a number may be written with separators (`+7 (701) 123-45-67`): 8–15 digits, at most two
// formatting characters between two digits, not inside a longer digit run or a word.
const NUMBER_IN_TEXT = /(?<![\w+])\+?\d(?:[ ().-]{0,2}\d){7,14}(?![\w])/g;
// A calendar date (`2026-01-15`, in ISO timestamps of explanations) has 8 digits too, but is not a number.
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Masks the phone numbers inside a free text (explanations, analysts' notes). Only for text: ids, offsets and
 * metrics are not text, and values known to be parties go through `maskParty`.
 */
export function maskPhoneNumbersInText(text: string): string {
  return text.replace(NUMBER_IN_TEXT, (match) => {
    if (CALENDAR_DATE.test(match)) return match;
    const digits = match.replace(NUMBER_FORMATTING, '');
    return digits.length > PHONE_NUMBER_MAX_DIGITS ? match : maskedForm(digits);
  });
}
