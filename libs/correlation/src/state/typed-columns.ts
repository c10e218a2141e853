/** `fresh` (a larger column) with the contents of `old` at its start. */
export function grown<T extends { set(values: ArrayLike<number>): void }>(
  fresh: T,
  old: ArrayLike<number>,
): T {
  fresh.set(old);
  return fresh;
}
