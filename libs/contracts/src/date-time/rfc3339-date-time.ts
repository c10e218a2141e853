import { calendarDayMs } from './calendar-day';
import { digitsAt } from './digits';

const ZERO = 48; // '0'
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
 * Epoch milliseconds of an RFC 3339 date-time (`2025-06-01T12:00:00.123+05:00`, `…Z`; `t`, `z` and a space
 * separator too); NaN when the text is not one or names a day or time that does not exist (2025-02-30, 24:00,
 * leap seconds). Wherever Date.parse also reads the text, both agree (fraction digits past milliseconds are
 * dropped), except years 0000-0099 with a space separator, which V8's legacy parser takes for 1950-2049. The one date-time reader of the project: hand-written rather than a regex plus Date.parse because it
 * runs for every record, with the day's epoch cached.
 */
export function parseDateTimeMs(text: string): number {
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
  if (offsetMinutes !== offsetMinutes) return NaN;
  const dayMs = dayMsOf(text);
  return dayMs + ((hours * 60 + minutes) * 60 + seconds) * 1000 + fractionMs - offsetMinutes * MINUTE_MS;
}

/**
 * True for `YYYY-MM-DDTHH:MM:SS[.fraction]Z` naming a real calendar day and time: the form `Date#toISOString`
 * writes. Every string it accepts is an RFC 3339 date-time (JSON Schema `format: date-time`); others (offsets,
 * lower case, leap seconds) return false and are left to the full validator.
 */
export function isUtcDateTime(text: string): boolean {
  if (text.charCodeAt(10) !== 84 /* T */ || text.charCodeAt(text.length - 1) !== 90 /* Z */) return false;
  const ms = parseDateTimeMs(text);
  return ms === ms;
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
