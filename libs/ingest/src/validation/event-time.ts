const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 48;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// Reads `count` ASCII digits at `at`; -1 when any is not a digit.
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Parses an RFC 3339 date-time with offset (`2025-06-01T12:00:00.123+05:00`, `...Z`) into epoch milliseconds;
 * `undefined` when the text is not one or names a date or time that does not exist (2025-02-30, 25:00).
 * Hand-written rather than a regex plus Date.parse: it runs for every record.
 */
export function parseEventTime(value: string): number | undefined {
  if (value.length < 20 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined;
  const separator = value[10];
  if (separator !== 'T' && separator !== 't' && separator !== ' ') return undefined;
  if (value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return undefined;
  }
  if (second < 0 || second > 59) return undefined;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day > monthDays) return undefined;

  let at = 19;
  let fractionMs = 0;
  if (value[at] === '.') {
    const start = ++at;
    while (at < value.length && value.charCodeAt(at) >= ZERO && value.charCodeAt(at) <= ZERO + 9) at++;
    if (at === start) return undefined;
    // Milliseconds from the first three fraction digits; finer digits are dropped.
    fractionMs = Math.floor(Number(`0.${value.slice(start, at)}`) * 1000);
  }
  let offsetMinutes = 0;
  const zone = value[at];
  if (zone === 'Z' || zone === 'z') {
    if (at + 1 !== value.length) return undefined;
  } else if (zone === '+' || zone === '-') {
    if (at + 6 !== value.length || value.charCodeAt(at + 3) !== 58) return undefined;
    const offsetHours = digitsAt(value, at + 1, 2);
    const offsetMins = digitsAt(value, at + 4, 2);
    if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return undefined;
    offsetMinutes = (zone === '+' ? 1 : -1) * (offsetHours * 60 + offsetMins);
  } else {
    return undefined;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, fractionMs);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
  const ms = year < 100 ? new Date(utc).setUTCFullYear(year) : utc;
  return ms - offsetMinutes * 60_000;
}
