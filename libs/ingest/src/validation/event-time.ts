import { digitsAt, hasCalendarDateTimeFields } from '@vigil/contracts';

const ZERO = 48; // '0'

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
  if (!hasCalendarDateTimeFields(value)) return undefined;
  const year = digitsAt(value, 0, 4);
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
  const utc = Date.UTC(
    year,
    digitsAt(value, 5, 2) - 1,
    digitsAt(value, 8, 2),
    digitsAt(value, 11, 2),
    digitsAt(value, 14, 2),
    digitsAt(value, 17, 2),
    fractionMs,
  );
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
  const ms = year < 100 ? new Date(utc).setUTCFullYear(year) : utc;
  return ms - offsetMinutes * 60_000;
}
