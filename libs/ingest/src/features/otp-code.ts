import type { LexiconsFile } from '../config/ingest-config.schema';
import { foldAlternation, WORD_CHAR, WORD_START } from './lexicon-pattern';

/** The compiled `otpCode` section. */
export interface OtpCodePattern {
  readonly pattern: RegExp;
  /** A run of as many digits as the shortest code: texts without one skip the costly pattern. */
  readonly digitRun: RegExp;
}

/** Whether folded text holds a confirmation code next to code wording. */
export function hasOtpCode(foldedText: string, compiled: OtpCodePattern): boolean {
  return compiled.digitRun.test(foldedText) && compiled.pattern.test(foldedText);
}

/**
 * Compiles the `otpCode` section into one regex: code wording and a code of the configured length in the same
 * sentence, however far apart, with no other number between them, in either order ("Ваш код: 4821", "4821 - your
 * code", "Код для входа в приложение банка и подтверждения операций: 4821"). Wording right after a `notAfter` entry
 * ("claim code", "промокод") is some other code.
 */
export function compileOtpCodePattern(
  section: LexiconsFile['otpCode'],
  quantityUnits: readonly string[],
  file: string,
): OtpCodePattern {
  const wording = foldAlternation(section.wording, 'otpCode.wording', file).source;
  const notAfter = foldAlternation(section.notAfter, 'otpCode.notAfter', file);
  const units = foldAlternation(quantityUnits, 'quantityUnits', file).source;
  // An amount ("5000 тг") next to "code" wording is not a code.
  const notUnit = quantityUnits.length > 0 ? `(?!\\s*${units})` : '';
  // A code stands alone: "RP176781" and "GB-6412" are references, "4821." and "4821," are codes.
  const code = `(?<!${WORD_CHAR}|[-/])\\d{${section.codeDigits.min},${section.codeDigits.max}}(?!\\d|[.,]\\d|-\\w)${notUnit}`;
  // The sentence is the window: a sentence ends at a line break, a ';', or a '.', '!' or '?' before a space or the
  // end of the text (the dot inside "kaspi.kz" ends nothing).
  const gap = `[^\\d.!?;\\n]*(?:[.!?](?=[^\\s\\d.!?])[^\\d.!?;\\n]*)*`;
  // Checked behind the wording once it matched, not at every word start: most positions are no code wording.
  const otherCode =
    notAfter.source === '(?!)' ? '' : `(?<!${WORD_START}${notAfter.source}[\\s-]{0,2}${wording})`;
  const codeWording = `${WORD_START}${wording}${otherCode}`;
  return {
    pattern: new RegExp(`${codeWording}${gap}${code}|${code}${gap}${codeWording}`),
    digitRun: new RegExp(`\\d{${section.codeDigits.min}}`),
  };
}
