// The app builds compile only the files they import, so the stemmers' declarations are referenced, not found.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./orama-stemmers.d.ts" />
import { stemmer as englishSnowballStem } from '@orama/stemmers/english';
import { stemmer as russianSnowballStem } from '@orama/stemmers/russian';

// Latin letters typed inside Cyrillic words ("пpиз", "кaрта" after lower-casing "KAРТА") and the Cyrillic letters
// they stand for, so that such a word is stemmed as the Russian or Kazakh word it is.
const CYRILLIC_FOR_LATIN: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  i: 'і',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};
const LATIN_LETTER = /[a-z]/g;

/** Whether a lower-cased word holds a Cyrillic letter (Russian or Kazakh). */
export function hasCyrillic(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x400 && code <= 0x52f) return true;
  }
  return false;
}

/** A lower-cased Cyrillic word with Latin look-alike letters put back into Cyrillic and ё read as е. */
export function cyrillicSpelling(word: string): string {
  return word.replace(LATIN_LETTER, (letter) => CYRILLIC_FOR_LATIN[letter] ?? letter).replace(/ё/g, 'е');
}

/** Snowball Russian stem of a lower-cased Cyrillic word ("заблокирована" and "заблокировали" → "заблокирова"). */
export function russianStem(word: string): string {
  return russianSnowballStem(word);
}

/** Snowball (Porter2) English stem of a lower-cased Latin word ("blocked" → "block", "activities" → "activ"). */
export function englishStem(word: string): string {
  return englishSnowballStem(word);
}

// Kazakh letters read as their Russian-layout twins before suffixes are compared: texts are often typed without
// Kazakh letters (қ as к, ұ and ү as у), and a suffix must strip the same way in both spellings.
const KAZAKH_TWINS: Readonly<Record<string, string>> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
};
const KAZAKH_LETTER = /[әғқңөұүһі]/g;

/**
 * Kazakh inflectional suffixes in Russian-layout spelling (ң as н, і as и), both vowel-harmony variants, in the
 * order they stand from the end of a word: verb forms and personal endings, case, possessive, plural
 * ("сыйлық-тар-ыңыз-ға": gift-PL-your-DAT). Kazakh adds suffixes to an unchanging root, so stripping them from the
 * end reaches the root that lexicon words are reduced to in the same way.
 */
const KAZAKH_SUFFIX_CLASSES: readonly (readonly string[])[] = [
  // Passive past, participles, converbs, verbal noun, personal and polite endings.
  [
    'ылды',
    'илди',
    'лды',
    'лди',
    'ган',
    'ген',
    'кан',
    'кен',
    'атын',
    'етин',
    'ып',
    'ип',
    'мын',
    'мин',
    'сыз',
    'сиз',
    'ыныз',
    'иниз',
    'ныз',
    'низ',
    'у',
  ],
  // Genitive, dative, accusative, locative, ablative, instrumental.
  [
    'нын',
    'нин',
    'дын',
    'дин',
    'тын',
    'тин',
    'га',
    'ге',
    'ка',
    'ке',
    'на',
    'не',
    'ны',
    'ни',
    'ды',
    'ди',
    'ты',
    'ти',
    'нда',
    'нде',
    'да',
    'де',
    'та',
    'те',
    'нан',
    'нен',
    'дан',
    'ден',
    'тан',
    'тен',
    'мен',
    'бен',
    'пен',
  ],
  // Possessive: our, your (polite), my, your, his/her.
  ['ымыз', 'имиз', 'мыз', 'миз', 'ыныз', 'иниз', 'ныз', 'низ', 'ым', 'им', 'ын', 'ин', 'сы', 'си'],
  // Plural.
  ['лар', 'лер', 'дар', 'дер', 'тар', 'тер'],
].map((suffixes) => [...suffixes].sort((a, b) => b.length - a.length));
/** A root keeps at least three letters, and four before a suffix of one or two letters ("карта" is no "кар-та"). */
function leavesRoot(word: string, suffix: string): boolean {
  const rest = word.length - suffix.length;
  return rest >= (suffix.length <= 2 ? 4 : 3);
}

/**
 * Kazakh root of a lower-cased word by suffix stripping, in Russian-layout spelling: at most one suffix of each
 * class, from the end ("бұғатталды" and "бұғаттау" → "бугат", "сыйлықтарыңыз" → "сыйлык", "шотыңыз" → "шот").
 * A light stemmer: a word whose root is shorter or changes its last letter is better written as a prefix entry.
 */
export function kazakhStem(word: string): string {
  let root = word.replace(KAZAKH_LETTER, (letter) => KAZAKH_TWINS[letter] ?? letter);
  for (const suffixes of KAZAKH_SUFFIX_CLASSES) {
    const suffix = suffixes.find((candidate) => root.endsWith(candidate) && leavesRoot(root, candidate));
    if (suffix !== undefined) root = root.slice(0, root.length - suffix.length);
  }
  return root;
}
