// Look-alike letters folded to one form before matching. Fraudsters mix scripts ("пpиз" with a Latin p,
// "KCELL" with a Cyrillic К) and Kazakh text is often typed on a Russian layout (қ as к, ү as у), so
// text and lexicon patterns are both folded with this table and then compare equal.
const FOLDS: ReadonlyArray<readonly [string, string]> = [
  // Cyrillic letters that look like Latin ones.
  ['а', 'a'],
  ['в', 'b'],
  ['е', 'e'],
  ['ё', 'e'],
  ['к', 'k'],
  ['м', 'm'],
  ['н', 'h'],
  ['о', 'o'],
  ['р', 'p'],
  ['с', 'c'],
  ['т', 't'],
  ['у', 'y'],
  ['х', 'x'],
  ['і', 'i'],
  ['ї', 'i'],
  ['ј', 'j'],
  ['ѕ', 's'],
  ['ԁ', 'd'],
  // Kazakh letters and the Russian (then Latin) letters they are typed as.
  ['ә', 'a'],
  ['ғ', 'г'],
  ['қ', 'k'],
  ['ң', 'h'],
  ['ө', 'o'],
  ['ұ', 'y'],
  ['ү', 'y'],
  ['һ', 'h'],
  // Greek look-alikes and the dotless i.
  ['α', 'a'],
  ['ε', 'e'],
  ['ι', 'i'],
  ['κ', 'k'],
  ['ο', 'o'],
  ['ρ', 'p'],
  ['τ', 't'],
  ['υ', 'y'],
  ['ı', 'i'],
];

// Invisible characters inserted to split words past filters: soft hyphen, zero-width space/joiners, BOM.
const INVISIBLE = [0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
const REMOVE = 0xffff;
const TABLE_SIZE = 0x10000;

const foldTable = new Uint16Array(TABLE_SIZE);
for (let code = 0; code < TABLE_SIZE; code++) foldTable[code] = code;
for (const [from, to] of FOLDS) foldTable[from.charCodeAt(0)] = to.charCodeAt(0);
for (const code of INVISIBLE) foldTable[code] = REMOVE;

const invisiblePattern = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

// One buffer reused for every call: folding runs once per SMS on the hot path.
let buffer = new Uint16Array(2_048);

/** The folded form of one lower-case character code (0xffff for an invisible character). */
export function foldCharCode(code: number): number {
  return foldTable[code];
}

/** Lower-cases `text` and drops invisible characters (soft hyphens, zero-width spaces). */
export function lowerVisible(text: string): string {
  const lower = text.toLowerCase();
  invisiblePattern.lastIndex = 0;
  return invisiblePattern.test(lower) ? lower.replace(invisiblePattern, '') : lower;
}

/**
 * Folds already lower-cased text for matching: look-alike letters become one letter (Cyrillic р and Latin p
 * both become p), Kazakh letters become their Russian/Latin twins, invisible characters disappear.
 * The result is only for matching: it is never shown or stored.
 */
export function foldForMatching(lowerText: string): string {
  const length = lowerText.length;
  if (buffer.length < length) buffer = new Uint16Array(length * 2);
  let out = 0;
  let changed = false;
  for (let i = 0; i < length; i++) {
    const code = lowerText.charCodeAt(i);
    const folded = foldTable[code];
    if (folded !== code) changed = true;
    if (folded !== REMOVE) buffer[out++] = folded;
  }
  // Most English texts fold to themselves: skip building an identical string.
  if (!changed) return lowerText;
  // Chunked so that very long texts stay below the engine's argument-count limit.
  let result = '';
  for (let start = 0; start < out; start += 8_192) {
    result += String.fromCharCode.apply(
      null,
      buffer.subarray(start, Math.min(out, start + 8_192)) as unknown as number[],
    );
  }
  return result;
}

/**
 * Lower-cases and folds a regular-expression source the same way as text, leaving escapes (`\P{L}`, `\S`,
 * `\u{...}`) untouched so that their meaning survives. Folding only maps non-ASCII letters, so ASCII syntax
 * is never altered.
 */
export function foldPattern(source: string): string {
  let result = '';
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\' && i + 1 < source.length) {
      const next = source[i + 1];
      result += char + next;
      i++;
      if ('pPu'.includes(next) && source[i + 1] === '{') {
        const close = source.indexOf('}', i + 1);
        const end = close === -1 ? source.length - 1 : close;
        result += source.slice(i + 1, end + 1);
        i = end;
      }
      continue;
    }
    result += char.toLowerCase();
  }
  return foldForMatching(result);
}
