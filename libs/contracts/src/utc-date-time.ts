const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 48; // '0'

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number written by `count` ASCII digits at `at`; -1 when any of them is not a digit. */
export function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Whether the `YYYY-MM-DD?HH:MM:SS` fields at the start of `text` name a day and time that exist (no 2025-02-30,
 * no 25:00); separators are the caller's to check. Shared by every hand-written date-time reader, which run for
 * every record where a regex plus Date.parse would cost too much.
 */
export function hasCalendarDateTimeFields(text: string): boolean {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1])) return false;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

/**
 * True for `YYYY-MM-DDTHH:MM:SS[.fraction]Z` naming a real calendar day and time: the form `Date#toISOString`
 * writes. Every string it accepts is an RFC 3339 date-time (JSON Schema `format: date-time`); others (offsets,
 * lower case, leap seconds) return false and are left to the full validator.
 */
export function isUtcDateTime(text: string): boolean {
  const length = text.length;
  if (length < 20 || text.charCodeAt(length - 1) !== 90 /* Z */) return false;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':')
    return false;
  if (length > 20) {
    if (text[19] !== '.' || length === 21) return false;
    for (let i = 20; i < length - 1; i++) if (digitsAt(text, i, 1) < 0) return false;
  }
  return hasCalendarDateTimeFields(text);
}
