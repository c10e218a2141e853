// One file on purpose: the hot paths call these helpers per record, and calls across modules (through CommonJS
// export getters in tsx and jest) cost several times more than local ones.

const ZERO = 48; // '0'

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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether the `YYYY-MM-DD` at the start of `text` is written so and names a day that exists (no 2025-02-30). */
export function isCalendarDay(text: string): boolean {
  if (text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(7) !== 45) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

/**
 * Epoch milliseconds of midnight UTC of the `YYYY-MM-DD` at the start of `text`; NaN when it is not a calendar day
 * (isCalendarDay). Years 0000-0099 are those years, not 1900-1999.
 */
export function calendarDayMs(text: string): number {
  if (!isCalendarDay(text)) return NaN;
  const year = digitsAt(text, 0, 4);
  const ms = Date.UTC(year, digitsAt(text, 5, 2) - 1, digitsAt(text, 8, 2));
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
  return year < 100 ? new Date(ms).setUTCFullYear(year) : ms;
}

const MINUTE_MS = 60_000;

// Records of one stream mostly share their day: the day's epoch is computed once and its text compared in place.
// The initial text can never match (its dashes are not where a date has them).
let cachedDayText = '??????????';
let cachedDayMs = 0;

function dayMsOf(text: string): number {
  if (text.startsWith(cachedDayText)) return cachedDayMs;
  const dayMs = calendarDayMs(text);
  if (dayMs === dayMs) {
    cachedDayText = text.slice(0, 10);
    cachedDayMs = dayMs;
  }
  return dayMs;
}

/** Milliseconds of the `.fraction` that starts at `at` (finer digits dropped, as Date.parse does); -1 when empty. */
function fractionMsAt(text: string, at: number, end: number): number {
  if (end === at) return -1;
  let ms = 0;
  for (let i = at; i < at + 3; i++) ms = ms * 10 + (i < end ? text.charCodeAt(i) - ZERO : 0);
  return ms;
}

/** Index after the fraction digits that start at `at`. */
function endOfDigits(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) break;
    i++;
  }
  return i;
}

/** Offset east of UTC, in minutes, of the zone written from `at` to the end; NaN when it is not `Z` or `±HH:MM`. */
function zoneOffsetMinutes(text: string, at: number): number {
  const sign = text.charCodeAt(at);
  if (sign === 90 /* Z */ || sign === 122 /* z */) return at + 1 === text.length ? 0 : NaN;
  if ((sign !== 43 /* + */ && sign !== 45) /* - */ || at + 6 !== text.length) return NaN;
  if (text.charCodeAt(at + 3) !== 58 /* : */) return NaN;
  const hours = digitsAt(text, at + 1, 2);
  const minutes = digitsAt(text, at + 4, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return NaN;
  return (sign === 43 ? 1 : -1) * (hours * 60 + minutes);
}

/**
 * Milliseconds from midnight UTC of the text's day to the instant it names (the time of day less the zone offset:
 * negative or past a day for offsets); NaN when what follows the date is not `?HH:MM:SS[.fraction](Z|±HH:MM)` naming
 * a time that exists.
 */
function msFromDayStart(text: string): number {
  if (text.length < 20) return NaN;
  const separator = text.charCodeAt(10);
  if (separator !== 84 /* T */ && separator !== 116 /* t */ && separator !== 32 /* space */) return NaN;
  if (text.charCodeAt(13) !== 58 /* : */ || text.charCodeAt(16) !== 58) return NaN;
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  const seconds = digitsAt(text, 17, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return NaN;
  let zoneAt = 19;
  let fractionMs = 0;
  if (text.charCodeAt(19) === 46 /* . */) {
    zoneAt = endOfDigits(text, 20);
    fractionMs = fractionMsAt(text, 20, zoneAt);
    if (fractionMs < 0) return NaN;
  }
  const offsetMinutes = zoneOffsetMinutes(text, zoneAt);
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fractionMs - offsetMinutes * MINUTE_MS;
}

/**
 * Epoch milliseconds of an RFC 3339 date-time (`2025-06-01T12:00:00.123+05:00`, `…Z`; `t`, `z` and a space
 * separator too); NaN when the text is not one or names a day or time that does not exist (2025-02-30, 24:00,
 * leap seconds). Wherever Date.parse also reads the text, both agree (fraction digits past milliseconds are
 * dropped), except years 0000-0099 with a space separator, which V8's legacy parser takes for 1950-2049.
 * The one date-time reader of the project: hand-written rather than a regex plus Date.parse because it runs for
 * every record, with the day's epoch cached.
 */
export function parseDateTimeMs(text: string): number {
  const ofDayMs = msFromDayStart(text);
  if (ofDayMs !== ofDayMs) return NaN;
  return dayMsOf(text) + ofDayMs;
}

/**
 * True for `YYYY-MM-DDTHH:MM:SS[.fraction]Z` naming a real calendar day and time: the form `Date#toISOString`
 * writes. Every string it accepts is an RFC 3339 date-time (JSON Schema `format: date-time`); others (offsets,
 * lower case, leap seconds) return false and are left to the full validator.
 */
export function isUtcDateTime(text: string): boolean {
  // A check, not a parse: no epoch, no day cache (occurredAt and ingestedAt alternate days), no zone to read.
  const length = text.length;
  if (length < 20 || text.charCodeAt(length - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */)
    return false;
  if (text.charCodeAt(13) !== 58 /* : */ || text.charCodeAt(16) !== 58) return false;
  if (length > 20) {
    if (text.charCodeAt(19) !== 46 /* . */ || length === 21) return false;
    if (digitsAt(text, 20, length - 21) < 0) return false;
  }
  const hours = digitsAt(text, 11, 2);
  const minutes = digitsAt(text, 14, 2);
  const seconds = digitsAt(text, 17, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return false;
  return isCalendarDay(text);
}

/**
 * True when `text` is shaped like what `Date#toISOString` writes for years 0000-9999 (`YYYY-MM-DDTHH:MM:SS.mmmZ`);
 * its fields are not checked: see isIsoStringOf.
 */
export function hasIsoStringShape(text: string): boolean {
  return (
    text.length === 24 &&
    text.charCodeAt(10) === 84 /* T */ &&
    text.charCodeAt(19) === 46 /* . */ &&
    text.charCodeAt(23) === 90 /* Z */
  );
}

/**
 * True when `text` is exactly what `new Date(timeMs).toISOString()` writes, without writing it: a caller that
 * holds the number need not keep the text.
 */
export function isIsoStringOf(text: string, timeMs: number): boolean {
  return hasIsoStringShape(text) && parseDateTimeMs(text) === timeMs;
}
