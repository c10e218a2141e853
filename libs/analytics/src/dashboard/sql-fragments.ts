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

/** `column >= from AND column < to`: the half-open time range every dashboard filter means. */
export function inTimeRange(column: string, range: { from: Date; to: Date }): string {
  return `${column} >= ${dateTimeLiteral(range.from)} AND ${column} < ${dateTimeLiteral(range.to)}`;
}

/** `AND column >= from` and `AND column < to` for whichever bound is given: an open-ended look-up. */
export function withinOptionalRange(column: string, range: { from?: Date; to?: Date }): string {
  return (
    (range.from ? ` AND ${column} >= ${dateTimeLiteral(range.from)}` : '') +
    (range.to ? ` AND ${column} < ${dateTimeLiteral(range.to)}` : '')
  );
}

/** The start (unix seconds) of the `bucketMinutes`-long bucket a DateTime column falls in. */
export function bucketStartSeconds(column: string, bucketMinutes: number): string {
  const bucketSeconds = quoteNumber(bucketMinutes * 60);
  return `intDiv(toUInt32(${column}), ${bucketSeconds}) * ${bucketSeconds}`;
}
