// V8 grows a full array by at least 16 slots, which on a million entities' lists of a handful of
// events would be most of their memory. These inserts start at 4 slots and double, so at most half
// of a longer list is empty. Lists that did not come from here (a restored snapshot) are still
// handled correctly, merely grown by V8's rule once.

/** Slots of a new list: most entities buffer a few events, and each regrowth is a copy to collect. */
const FIRST_CAPACITY = 4;

/** A list made here has room up to FIRST_CAPACITY, then up to the power of two above its length. */
function hasRoom(length: number): boolean {
  return length > 0 && (length < FIRST_CAPACITY || (length & (length - 1)) !== 0);
}

function capacityAfter(length: number): number {
  return length === 0 ? FIRST_CAPACITY : length * 2;
}

function copyWith<T>(grown: T[], list: readonly T[], index: number, value: T): T[] {
  const length = list.length;
  for (let i = 0; i < index; i++) grown[i] = list[i];
  grown[index] = value;
  for (let i = index; i < length; i++) grown[i + 1] = list[i];
  grown.length = length + 1;
  return grown;
}

/** Inserts `value` at `index` (0..length) of a list of objects; returns the list, or a roomier copy. */
export function insertCompact<T extends object>(list: T[], index: number, value: T): T[] {
  const length = list.length;
  if (!hasRoom(length)) return copyWith(new Array<T>(capacityAfter(length)), list, index, value);
  if (index === length) list.push(value);
  else list.splice(index, 0, value);
  return list;
}
