const TWO_POW_26 = 67_108_864;

/**
 * Maps a counterparty to a number so contact tables hold unboxed doubles instead of strings.
 * Normalized numbers (up to 15 digits, no leading zero) map to themselves; anything else
 * (alphanumeric sender ids) to a negative 52-bit hash, so the two never collide.
 */
export function counterpartyKey(counterparty: string): number {
  const length = counterparty.length;
  if (length > 0 && length <= 15 && counterparty.charCodeAt(0) !== 48) {
    let value = 0;
    let i = 0;
    for (; i < length; i++) {
      const code = counterparty.charCodeAt(i);
      if (code < 48 || code > 57) break;
      value = value * 10 + (code - 48);
    }
    if (i === length) return value;
  }
  // Two independent 26-bit FNV-1a style hashes: collisions within one subscriber's contacts are negligible.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < length; i++) {
    const code = counterparty.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995);
  }
  return -((h1 >>> 6) * TWO_POW_26 + (h2 >>> 6)) - 1;
}
