/**
 * DateTime values go to ClickHouse as ISO-8601 UTC with whole seconds (`2026-01-15T10:09:00Z`), parsed with
 * `date_time_input_format=best_effort`. Not Unix seconds: 18.16 misreads 10-digit numbers in TabSeparated
 * DateTime fields under best_effort (checked: values off by seconds to decades), while ISO with `Z` is exact in
 * JSON and TSV, top level and inside arrays, independent of the server's time zone.
 */
export function toDateTimeText(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a timestamp: ${JSON.stringify(iso)}`);
  return `${new Date(Math.max(0, Math.floor(ms / 1000) * 1000)).toISOString().slice(0, 19)}Z`;
}

/** Unix seconds (number or the string form 64-bit-safe JSON output uses) → ISO-8601 UTC. */
export function fromUnixSeconds(seconds: number | string): string {
  return new Date(Number(seconds) * 1000).toISOString();
}
