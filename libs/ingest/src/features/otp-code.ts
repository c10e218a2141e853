import type { LexiconsFile } from '../config/ingest-config.schema';
import { foldAlternation, WORD_START } from './lexicon-pattern';

/**
 * Compiles the `otpCode` section into one regex: code wording and a code of the configured length at most
 * `maxGapChars` apart with no digit between them, in either order ("Ваш код: 4821", "4821 - your code").
 */
export function compileOtpCodePattern(
  section: LexiconsFile['otpCode'],
  quantityUnits: readonly string[],
  file: string,
): RegExp {
  const wording = foldAlternation(section.wording, 'otpCode.wording', file).source;
  const units = foldAlternation(quantityUnits, 'quantityUnits', file).source;
  // An amount ("5000 тг") next to "code" wording is not a code.
  const notUnit = quantityUnits.length > 0 ? `(?!\\s*${units})` : '';
  const code = `(?<!\\d)\\d{${section.codeDigits.min},${section.codeDigits.max}}(?!\\d)(?![.,]\\d)${notUnit}`;
  const gap = `\\D{0,${section.maxGapChars}}`;
  return new RegExp(`${WORD_START}${wording}${gap}${code}|${code}${gap}${WORD_START}${wording}`);
}
