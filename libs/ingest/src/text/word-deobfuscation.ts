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
// Character classes for one cheap pass that tells whether either trick can be present at all: most texts have
// neither, and a loop over char codes costs far less than scanning them with the two patterns above.
const OTHER = 0;
const LETTER_CLASS = 1;
const LEET_CLASS = 2;
const SEPARATOR_CLASS = 3;
const LEET_HINT = 1;
const SPACED_HINT = 2;
const charClass = new Uint8Array(0x10000);
for (const [from, to] of [
  [0x61, 0x7a],
  [0xc0, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x52f],
])
  charClass.fill(LETTER_CLASS, from, to + 1);
for (const char of Object.keys(LEET)) charClass[char.charCodeAt(0)] = LEET_CLASS;
for (const char of ' ._-') charClass[char.charCodeAt(0)] = SEPARATOR_CLASS;

/**
 * Whether one or two leet characters stand between letters, and whether four letters alternate with separators:
 * one pass over char codes, so the two patterns above only run on the rare texts that need them.
 */
function obfuscationHints(text: string): number {
  let hints = 0;
  // Length of the current run alternating letter, separator, letter, ... (7 means "l s l s l s l").
  let alternating = 0;
  let beforePrevious = OTHER;
  let previous = OTHER;
  for (let i = 0; i < text.length; i++) {
    const current = charClass[text.charCodeAt(i)];
    if (current === LETTER_CLASS) {
      if (previous === LEET_CLASS && (beforePrevious === LETTER_CLASS || beforePrevious === LEET_CLASS))
        hints |= LEET_HINT;
      alternating = alternating % 2 === 0 ? alternating + 1 : 1;
      if (alternating >= 7) hints |= SPACED_HINT;
    } else if (current === SEPARATOR_CLASS) alternating = alternating % 2 === 1 ? alternating + 1 : 0;
    else alternating = 0;
    beforePrevious = previous;
    previous = current;
  }
  return hints;
}

/**
 * Undoes two spelling tricks in folded text before lexicons are matched: digits or symbols standing for letters
 * inside a word, and words spelled out letter by letter. The result is only for matching.
 */
export function undoWordObfuscation(foldedText: string): string {
  const hints = obfuscationHints(foldedText);
  let text = foldedText;
  if ((hints & LEET_HINT) !== 0)
    text = text.replace(LEET_INSIDE_WORD, (run) => [...run].map((c) => LEET[c] ?? c).join(''));
  if ((hints & SPACED_HINT) !== 0) text = text.replace(SPACED_LETTERS, (run) => run.replace(SEPARATORS, ''));
  return text;
}
