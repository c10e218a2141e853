import { quoteNumber, quoteString } from '@vigil/clickhouse';

/** `toDateTime(<unix seconds>)`: timestamps enter SQL as validated numbers, never as strings. */
export function dateTimeLiteral(value: Date): string {
  return `toDateTime(${quoteNumber(Math.floor(value.getTime() / 1000))})`;
}

/** `AND column IN ('a', 'b')` for a non-empty list of already allow-listed values, else nothing. */
export function inList(column: string, values: readonly string[] | undefined): string {
  if (!values || values.length === 0) return '';
  return ` AND ${column} IN (${values.map(quoteString).join(', ')})`;
}
