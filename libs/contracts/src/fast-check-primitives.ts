/** Building blocks of the hand-written contract checks (`*.fast-check.ts`). */
export type Check = (value: unknown) => boolean;

// String lengths are UTF-16 units, never fewer than the code points the schema counts: a string within the
// limit here is within it there.
export const boundedString =
  (min: number, max: number): Check =>
  (value) =>
    typeof value === 'string' && value.length >= min && value.length <= max;

export const finiteNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
