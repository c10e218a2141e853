/**
 * SQL literal quoting. ClickHouse 18.16 has no `{name:Type}` query parameters, so values are embedded as literals;
 * every value that reaches SQL goes through one of these functions.
 */
// Backslash and quote end or bend a literal; NUL would cut the statement short where it crosses a C API (chdb);
// line breaks and tabs are escaped so a statement stays one readable line in logs.
const STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A string literal with every character that could end or cut it escaped. */
export function quoteString(value: string): string {
  return `'${value.replace(/[\\'\0\n\r\t]/g, (char) => STRING_ESCAPES[char])}'`;
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
