import type { LanguagePatterns } from '../config/ingest-config.schema';
import { IngestConfigError } from '../ingest.errors';
import { foldPattern } from '../text/text-folding';

/**
 * Letters of the scripts SMS arrive in (Latin with accents, Greek, Cyrillic with Kazakh), as class ranges.
 * Lexicon regexes are compiled without the "u" flag, which makes them about three times faster; `\p{L}` and
 * `\p{N}` in configured entries are rewritten to these ranges.
 */
export const LETTER_RANGES = 'a-z\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u052f';
/** One letter or digit. */
export const WORD_CHAR = `[${LETTER_RANGES}0-9]`;
/** Lookbehind that anchors a lexicon entry at a word start (`\b` is ASCII-only, useless for Cyrillic). */
export const WORD_START = `(?<!${WORD_CHAR})`;

const PROPERTY_RANGES: Readonly<Record<string, string>> = { L: LETTER_RANGES, N: '0-9' };

/**
 * Rewrites `\p{L}`, `\P{L}`, `\p{N}`, `\P{N}` into explicit classes so an entry compiles without the "u" flag.
 * Throws an Error for other properties and for a negated property inside a class, which ranges cannot express.
 */
export function withoutUnicodeProperties(source: string): string {
  let result = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if ((next === 'p' || next === 'P') && source[i + 2] === '{') {
        const close = source.indexOf('}', i + 3);
        const name = close === -1 ? '' : source.slice(i + 3, close);
        const ranges = PROPERTY_RANGES[name];
        if (ranges === undefined)
          throw new Error(`\\${next}{${name}} is not supported (only \\p{L} and \\p{N})`);
        if (inClass && next === 'P') throw new Error(`\\P{${name}} inside [...] is not supported`);
        result += inClass ? ranges : next === 'p' ? `[${ranges}]` : `[^${ranges}]`;
        i = close;
        continue;
      }
      result += char + next;
      i++;
      continue;
    }
    if (char === '[' && !inClass) inClass = true;
    else if (char === ']' && inClass) inClass = false;
    result += char;
  }
  return result;
}

const LANGUAGES = ['en', 'ru', 'kk'] as const;

/** A folded alternation of lexicon entries and the number of capture groups the entries bring along. */
export interface FoldedAlternation {
  /** `(?:a|b|c)`, or a never-matching group when there are no entries. */
  readonly source: string;
  readonly captureGroups: number;
}

/** Counts the capture groups of a regex source (entries may contain their own groups). */
export function countCaptureGroups(source: string): number {
  return (new RegExp(`${source}|`).exec('') ?? ['']).length - 1;
}

/**
 * Folds and checks each entry of a multilingual list and joins them into one alternation.
 * Throws IngestConfigError naming `file` and the entry's path (e.g. `lures.prizeLure.ru[2]`) for a bad regex.
 */
export function foldAlternation(
  patterns: LanguagePatterns | readonly string[],
  path: string,
  file: string,
): FoldedAlternation {
  const entries: Array<{ source: string; path: string }> = [];
  if (Array.isArray(patterns)) {
    (patterns as readonly string[]).forEach((source, index) =>
      entries.push({ source, path: `${path}[${index}]` }),
    );
  } else {
    const byLanguage = patterns as LanguagePatterns;
    for (const language of LANGUAGES) {
      (byLanguage[language] ?? []).forEach((source, index) =>
        entries.push({ source, path: `${path}.${language}[${index}]` }),
      );
    }
  }
  const problems: string[] = [];
  const folded = entries.map((entry) => {
    let source = foldPattern(entry.source);
    try {
      new RegExp(source, 'u');
      source = withoutUnicodeProperties(source);
      new RegExp(source);
    } catch (error) {
      problems.push(`${entry.path}: invalid regular expression (${(error as Error).message})`);
    }
    return source;
  });
  if (problems.length > 0) throw new IngestConfigError(file, problems);
  if (folded.length === 0) return { source: '(?!)', captureGroups: 0 };
  const source = `(?:${folded.join('|')})`;
  return { source, captureGroups: countCaptureGroups(source) };
}
