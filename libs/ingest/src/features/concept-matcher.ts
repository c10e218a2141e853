import type { LexiconsFile } from '../config/ingest-config.schema';
import { IngestConfigError } from '../ingest.errors';
import { foldCharCode, foldForMatching } from '../text/text-folding';
import { cyrillicSpelling, englishStem, hasCyrillic, kazakhStem, russianStem } from '../text/word-stems';
import { LURE_FEATURES, type LureFeature } from './lure-features';

/** At most this many concepts: a sentence's concepts are one 31-bit mask. */
export const MAX_CONCEPTS = 31;
/**
 * Words whose concepts are remembered, by a 53-bit hash of the word (never the word: the cache must hold no part
 * of any SMS); emptied when full, as SMS vocabulary repeats. Two words share a hash about once in 10^11 look-ups.
 */
const CACHE_LIMIT = 50_000;
const PREFIX_MARK = '*';

/** Stem maps of one language: folded stem → concept mask; prefix entries checked on the folded word. */
interface LanguageWords {
  readonly stems: Map<string, number>;
  readonly prefixes: Array<{ readonly prefix: string; readonly mask: number }>;
}

/**
 * Concept matching over word stems: each word of a text is reduced to its stem (Snowball English and Russian,
 * Kazakh suffix stripping) and looked up in the configured concepts; a lure feature holds when all concepts of
 * one of its rules occur in one sentence, in any order ("карту временно заблокировали" and "блокировка вашей
 * карты" both give account + restriction).
 */
export interface ConceptMatcher {
  readonly english: LanguageWords;
  readonly russian: LanguageWords;
  readonly kazakh: LanguageWords;
  /** Per rule: the lure feature's index in LURE_FEATURES and the mask of concepts it needs. */
  readonly rules: ReadonlyArray<{ readonly feature: number; readonly mask: number }>;
  /** 1 at the loosely folded first two letters of every concept word: other words are skipped unread. */
  readonly openings: Uint8Array;
  readonly cache: Map<number, number>;
}

/**
 * Each letter folded loosely enough that a word and the concept word it stems to share their first two letters
 * whichever spelling path it takes (Kazakh і read as и, һ as х), numbered 1.. (0: not a letter). A filter
 * only, never a match: a pair of these numbers indexes `openings`.
 */
const looseLetterIndex = new Uint16Array(0x10000);
const LETTER_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x61, 0x7a],
  [0xc0, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x52f],
];
let looseLetters = 0;
{
  const numberOf = new Map<number, number>();
  const looser: Readonly<Record<number, number>> = { 0x438: 0x69, 0x78: 0x68 }; // и → i, x → h
  for (const [from, to] of LETTER_RANGES)
    for (let code = from; code <= to; code++) {
      const folded = foldCharCode(code);
      const loose = looser[folded] ?? folded;
      let index = numberOf.get(loose);
      if (index === undefined) numberOf.set(loose, (index = ++looseLetters));
      looseLetterIndex[code] = index;
    }
}
const OPENINGS_SIZE = (looseLetters + 1) * (looseLetters + 1);

function opening(first: number, second: number): number {
  return looseLetterIndex[first] * (looseLetters + 1) + looseLetterIndex[second];
}

function emptyWords(): LanguageWords {
  return { stems: new Map(), prefixes: [] };
}

function addWord(
  words: LanguageWords,
  openings: Uint8Array,
  entry: string,
  stem: (word: string) => string,
  bit: number,
): void {
  const lower = entry.toLowerCase();
  const spelled = hasCyrillic(lower) ? cyrillicSpelling(lower) : lower;
  openings[opening(spelled.charCodeAt(0), spelled.charCodeAt(1))] = 1;
  if (lower.endsWith(PREFIX_MARK)) {
    words.prefixes.push({ prefix: foldForMatching(lower.slice(0, -1)), mask: bit });
    return;
  }
  // The dictionary form counts as well as its stem: Snowball cuts "кредит" to "кред" but "кредита" to "кредит".
  for (const key of [foldForMatching(stem(lower)), foldForMatching(lower)])
    words.stems.set(key, (words.stems.get(key) ?? 0) | bit);
}

const russianWordStem = (word: string): string => russianStem(cyrillicSpelling(word));
const kazakhWordStem = (word: string): string => kazakhStem(cyrillicSpelling(word));

/** Compiles `concepts` and `conceptRules`; `file` names the document in errors. */
export function compileConceptMatcher(
  concepts: LexiconsFile['concepts'],
  rules: LexiconsFile['conceptRules'],
  file: string,
): ConceptMatcher {
  const names = Object.keys(concepts);
  const problems: string[] = [];
  if (names.length > MAX_CONCEPTS) problems.push(`concepts: at most ${MAX_CONCEPTS} concepts`);
  const english = emptyWords();
  const russian = emptyWords();
  const kazakh = emptyWords();
  const openings = new Uint8Array(OPENINGS_SIZE);
  names.forEach((name, index) => {
    const bit = 1 << index;
    const words = concepts[name];
    for (const entry of words.en ?? []) addWord(english, openings, entry, englishStem, bit);
    for (const entry of words.ru ?? []) addWord(russian, openings, entry, russianWordStem, bit);
    for (const entry of words.kk ?? []) addWord(kazakh, openings, entry, kazakhWordStem, bit);
  });
  const compiledRules: Array<{ feature: number; mask: number }> = [];
  for (const [feature, featureRules] of Object.entries(rules)) {
    const featureIndex = LURE_FEATURES.indexOf(feature as LureFeature);
    if (featureIndex === -1) {
      problems.push(`conceptRules.${feature}: not a lure feature`);
      continue;
    }
    featureRules.forEach((rule, ruleIndex) => {
      let mask = 0;
      for (const name of rule) {
        const index = names.indexOf(name);
        if (index === -1) problems.push(`conceptRules.${feature}[${ruleIndex}]: unknown concept ${name}`);
        else mask |= 1 << index;
      }
      compiledRules.push({ feature: featureIndex, mask });
    });
  }
  if (problems.length > 0) throw new IngestConfigError(file, problems);
  return { english, russian, kazakh, rules: compiledRules, openings, cache: new Map() };
}

function lookUp(words: LanguageWords, stem: string, folded: string): number {
  let mask = words.stems.get(stem) ?? 0;
  for (const { prefix, mask: bit } of words.prefixes) if (folded.startsWith(prefix)) mask |= bit;
  return mask;
}

/** Concepts of one lower-cased word: Cyrillic words are read as Russian and as Kazakh, Latin words as English. */
function conceptsOfWord(word: string, matcher: ConceptMatcher): number {
  if (hasCyrillic(word)) {
    const cyrillic = cyrillicSpelling(word);
    const folded = foldForMatching(cyrillic);
    return (
      lookUp(matcher.russian, foldForMatching(russianStem(cyrillic)), folded) |
      lookUp(matcher.kazakh, foldForMatching(kazakhStem(cyrillic)), folded)
    );
  }
  return lookUp(matcher.english, englishStem(word), word);
}

const HIGH_BITS = 2 ** 21;

/** Concepts of the word `text[start, end)`, from the cache when it was seen before (no string is cut out then). */
function wordConcepts(text: string, start: number, end: number, matcher: ConceptMatcher): number {
  // Two 32-bit FNV-1a hashes with different offsets, joined into one 53-bit key.
  let first = 0x811c9dc5;
  let second = 0x01000193;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x5bd1e995);
  }
  const key = (first >>> 0) * HIGH_BITS + (second >>> 11);
  const cached = matcher.cache.get(key);
  if (cached !== undefined) return cached;
  const mask = conceptsOfWord(text.slice(start, end), matcher);
  if (matcher.cache.size >= CACHE_LIMIT) matcher.cache.clear();
  matcher.cache.set(key, mask);
  return mask;
}

// Letters of words (Latin with accents, Cyrillic with Kazakh); everything else separates words.
const isLetter = new Uint8Array(0x10000);
isLetter.fill(1, 0x61, 0x7b);
isLetter.fill(1, 0xc0, 0x250);
isLetter.fill(1, 0x400, 0x530);
const DOT = 0x2e;
const isSentenceEnd = new Uint8Array(0x10000);
for (const char of '!?;\n…') isSentenceEnd[char.charCodeAt(0)] = 1;
const isSpace = new Uint8Array(0x10000);
for (const char of ' \t\r\n') isSpace[char.charCodeAt(0)] = 1;

/**
 * Which lure features the concept rules find in lower-cased text (not folded: stemmers read real spelling).
 * A sentence ends at `!`, `?`, `;`, `…`, a line break, or a `.` before a space or the end ("kaspi.kz" ends nothing).
 */
export function matchConcepts(lowerText: string, matcher: ConceptMatcher, found: boolean[]): void {
  const { rules, openings } = matcher;
  let sentence = 0;
  let wordStart = -1;
  const length = lowerText.length;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? lowerText.charCodeAt(i) : 0x0a;
    if (isLetter[code] === 1) {
      if (wordStart === -1) wordStart = i;
      continue;
    }
    if (wordStart !== -1) {
      if (
        i - wordStart >= 2 &&
        openings[opening(lowerText.charCodeAt(wordStart), lowerText.charCodeAt(wordStart + 1))] === 1
      )
        sentence |= wordConcepts(lowerText, wordStart, i, matcher);
      wordStart = -1;
    }
    const ends =
      isSentenceEnd[code] === 1 ||
      (code === DOT && (i + 1 >= length || isSpace[lowerText.charCodeAt(i + 1)] === 1));
    if (!ends || sentence === 0) continue;
    for (const rule of rules) if ((sentence & rule.mask) === rule.mask) found[rule.feature] = true;
    sentence = 0;
  }
}
