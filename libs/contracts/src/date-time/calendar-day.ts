import { digitsAt } from './digits';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Epoch milliseconds of midnight UTC of the `YYYY-MM-DD` at the start of `text`; NaN when it is not written so or
 * names a day that does not exist (2025-02-30). Years 0000-0099 are those years, not 1900-1999.
 */
export function calendarDayMs(text: string): number {
  if (text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(7) !== 45) return NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return NaN;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1])) return NaN;
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
  return year < 100 ? new Date(ms).setUTCFullYear(year) : ms;
}
