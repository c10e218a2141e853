import type { ChangelogEntry } from '@vigil/kafka';

/**
 * Key of the record closing every changelog write: the last input offset whose effects the changelog holds. Written
 * in the same atomic append as the state it vouches for, so a redelivered batch is recognised and skipped.
 */
export const PROGRESS_KEY = '__progress__';

export function progressEntry(offset: string): ChangelogEntry {
  return { key: PROGRESS_KEY, value: Buffer.from(JSON.stringify({ offset }), 'utf8') };
}

/** The offset of a progress record, or undefined when the record is not one. */
export function progressOffsetOf(value: Buffer | null): bigint | undefined {
  if (value === null) return undefined;
  try {
    const parsed = JSON.parse(value.toString('utf8')) as { offset?: unknown };
    return typeof parsed.offset === 'string' && /^\d+$/.test(parsed.offset)
      ? BigInt(parsed.offset)
      : undefined;
  } catch {
    return undefined;
  }
}
