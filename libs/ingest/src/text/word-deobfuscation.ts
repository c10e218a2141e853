// Letters of the scripts SMS arrive in, after folding (Latin with accents, Greek, Cyrillic with Kazakh).
const LETTER = '[a-z\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u052f]';

// Digits and symbols written for letters inside a word ("w0n", "FL1PKART", "V0DAF0NE", "pr!ze"). Only one or two
// such characters with letters on both sides are read as letters, so codes, amounts and "4u" are left alone.
const LEET_INSIDE_WORD = new RegExp(`(?<=${LETTER})[0134578@$!|]{1,2}(?=${LETTER})`, 'g');
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};

// A word typed letter by letter to slip past filters ("в ы и г р ы ш", "p.r.i.z.e"): four or more single letters
// joined by one space, dot, hyphen or underscore. Ordinary text rarely has four one-letter words in a row.
const SPACED_LETTERS = new RegExp(
  `(?<![a-z0-9\\u00c0-\\u052f])(?:${LETTER}[ ._-]){3,}${LETTER}(?![a-z0-9\\u00c0-\\u052f])`,
  'g',
);
const SEPARATORS = /[ ._-]/g;

/**
 * Undoes two spelling tricks in folded text before lexicons are matched: digits or symbols standing for letters
 * inside a word, and words spelled out letter by letter. The result is only for matching.
 */
export function undoWordObfuscation(foldedText: string): string {
  let text = foldedText;
  LEET_INSIDE_WORD.lastIndex = 0;
  if (LEET_INSIDE_WORD.test(text))
    text = text.replace(LEET_INSIDE_WORD, (run) => [...run].map((c) => LEET[c] ?? c).join(''));
  SPACED_LETTERS.lastIndex = 0;
  if (SPACED_LETTERS.test(text)) text = text.replace(SPACED_LETTERS, (run) => run.replace(SEPARATORS, ''));
  return text;
}
