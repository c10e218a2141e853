/**
 * SQL literal quoting. ClickHouse 18.16 has no `{name:Type}` query parameters, so values are embedded as literals;
 * every value that reaches SQL goes through one of these functions.
 */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Identifiers (database, table, column names) are restricted instead of escaped: letters, digits, underscore. */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new RangeError(`invalid ClickHouse identifier: ${JSON.stringify(name)}`);
  return `\`${name}\``;
}

export function quoteNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(value);
}
