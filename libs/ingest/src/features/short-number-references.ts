import type { LexiconsFile } from '../config/ingest-config.schema';
import { MAX_REFERENCED_SHORT_NUMBERS } from '../ingest.constants';
import { foldAlternation, WORD_CHAR, WORD_START } from './lexicon-pattern';

/** Finds short numbers named in a text ("send SMS to 7575", "на номер 7575", "7575 нөміріне"). */
export interface ShortNumberReferencePattern {
  readonly pattern: RegExp;
  /** Capture groups holding the number in the "cue before" and "cue after" alternatives. */
  readonly beforeGroup: number;
  readonly afterGroup: number;
  /** "Send an SMS ..." wording: makes a code next to a short number a payload rather than an OTP. */
  readonly sendInstruction: RegExp;
  /** A run of as many digits as the shortest short number: texts without one name no short number. */
  readonly digitRun: RegExp;
}

/** Compiles the `shortNumberReference` section for short numbers of `minDigits`..`maxDigits` digits. */
export function compileShortNumberReferencePattern(
  section: LexiconsFile['shortNumberReference'],
  quantityUnits: readonly string[],
  minDigits: number,
  maxDigits: number,
  file: string,
): ShortNumberReferencePattern {
  const before = foldAlternation(section.before, 'shortNumberReference.before', file);
  const after = foldAlternation(section.after, 'shortNumberReference.after', file);
  const units = foldAlternation(quantityUnits, 'quantityUnits', file);
  const send = foldAlternation(section.sendInstruction, 'shortNumberReference.sendInstruction', file);
  // Not the start of a longer, separated number ("Call 0871-872-9758", "8 701 123 45 67").
  const number = `(\\d{${minDigits},${maxDigits}})(?!\\d)(?![.,]\\d)(?!\\s?-\\s?\\d)(?!\\s\\d{3})`;
  const notUnit = quantityUnits.length > 0 ? `(?!\\s*${units.source})` : '';
  // Not the end of a range of years or amounts ("from 2020 to 2021"); a USSD-style star may lead the number
  // ("по тел. *0701").
  const beforeSource = `${WORD_START}(?<!\\d{4}\\s)${before.source}(?!${WORD_CHAR})[\\s:№#"'«»“”(*-]{0,4}${number}${notUnit}`;
  const afterSource = `(?<![0-9.,])${number}[\\s-]{0,2}${after.source}`;
  const beforeGroup = before.captureGroups + 1;
  // The "after" alternative's number group follows the "before" number group and any groups of notUnit.
  const afterGroup = beforeGroup + (notUnit === '' ? 0 : units.captureGroups) + 1;
  return {
    pattern: new RegExp(`${beforeSource}|${afterSource}`, 'g'),
    beforeGroup,
    afterGroup,
    sendInstruction: new RegExp(`${WORD_START}${send.source}`),
    digitRun: new RegExp(`\\d{${minDigits}}`),
  };
}

/** Short numbers named in folded text, distinct, in order of appearance, at most MAX_REFERENCED_SHORT_NUMBERS. */
export function findReferencedShortNumbers(
  foldedText: string,
  compiled: ShortNumberReferencePattern,
): string[] {
  const found: string[] = [];
  if (!compiled.digitRun.test(foldedText)) return found;
  const { pattern, beforeGroup, afterGroup } = compiled;
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (found.length < MAX_REFERENCED_SHORT_NUMBERS && (match = pattern.exec(foldedText)) !== null) {
    const number = match[beforeGroup] ?? match[afterGroup];
    if (number !== undefined && !found.includes(number)) found.push(number);
  }
  return found;
}
